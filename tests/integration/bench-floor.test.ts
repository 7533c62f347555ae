/**
 * The API benchmark's framework floor (`/api/health/floor`) exists only in the benchmark's own
 * build: the production build answers the API's 404 there, even when the server is started with
 * the benchmark's flag set — the flag is read at build time, never at run time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { appEnv, system } from '../support/system';

const sut = system();
let flagged: AppServer | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-floor-'));

afterAll(async () => {
  await flagged?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function expectAbsent(origin: string): Promise<void> {
  const response = await fetch(`${origin}/api/health/floor`);
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  expect(response.headers.get('x-request-id')).toBeTruthy();
}

describe('the benchmark floor route', { timeout: 60_000 }, () => {
  it('answers 404 in the production build', async () => {
    for (const origin of Object.values(sut.apps)) await expectAbsent(origin);
  });

  it('answers 404 when the server is started with HC_TODO_BENCH_FLOOR=1', async () => {
    flagged = await startApp(appEnv(sut, 'embedded', dataDir, { HC_TODO_BENCH_FLOOR: '1' }));
    await expectAbsent(flagged.url);
  });
});
