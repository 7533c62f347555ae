/**
 * The token rules of docs/api.md over HTTP against the production build: while Zendesk's key
 * endpoint answers 500 and then hangs, tokens whose kid the server already knows keep working
 * without waiting, an unknown kid gets 503 auth_unavailable (the token may be good), and the
 * endpoint sees at most one fetch per 30 s. The server's clock is moved forward (shifted-clock.cjs)
 * instead of waiting out the cooldown and the 10 min max age for real.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import { startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { startFakeZendesk } from '../../dev/fake-zendesk';
import type { FakeZendesk } from '../../dev/fake-zendesk';
import { shiftedClock } from '../support/shifted-clock';
import type { ShiftedClock } from '../support/shifted-clock';
import { appEnv, system } from '../support/system';

const sut = system();
let zendesk: FakeZendesk;
let dataRoot: string;
let server: AppServer;
let shifted: ShiftedClock;
/** How far the server's clock has been moved: the outage's length as the server sees it. */
let simulatedMs = 0;

beforeAll(async () => {
  zendesk = await startFakeZendesk();
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-keys-'));
  shifted = shiftedClock(dataRoot);
  const env = appEnv({ ...sut, zendeskUrl: zendesk.url }, 'embedded', dataRoot, shifted.env);
  server = await startApp(env);
});
afterAll(async () => {
  await server.stop();
  await zendesk.close();
  fs.rmSync(dataRoot, { recursive: true, force: true });
});

const now = (): number => Math.floor(Date.now() / 1000);
const unknownKidToken = (): string =>
  zendesk.sign({ userId: 7, exp: now() + 300 }, { kid: randomBytes(32).toString('hex') });
const get = (token: string): ReturnType<typeof call> =>
  call(server.url, 'GET', '/api/todo_items', { token });
const advance = async (ms: number): Promise<void> => {
  simulatedMs += ms;
  await shifted.advance(server, ms);
};

describe('a Zendesk key outage', () => {
  const user = newUserId();
  let known: string;

  it('starts healthy: one fetch caches the key', async () => {
    known = zendesk.userToken(user);
    expect((await get(known)).status).toBe(200);
    expect(zendesk.counts().jwks).toBe(1);
  });

  it('500s: the cached kid keeps being accepted, an unknown kid is 503 auth_unavailable', async () => {
    zendesk.setJwksMode('error');
    for (let i = 0; i < 10; i++) expect((await get(known)).status).toBe(200);
    expect(zendesk.counts().jwks).toBe(1); // a fresh set is not refetched

    await advance(31_000); // past the cooldown the first fetch started
    const refused = await get(unknownKidToken());
    expect([refused.status, errorCode(refused)]).toEqual([503, 'auth_unavailable']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(zendesk.counts().jwks).toBe(2);

    // That failed fetch started a cooldown: a burst of unknown kids costs Zendesk nothing more.
    const burst = await Promise.all(Array.from({ length: 20 }, () => get(unknownKidToken())));
    expect(burst.map((r) => [r.status, errorCode(r)])).toEqual(
      Array.from({ length: 20 }, () => [503, 'auth_unavailable']),
    );
    expect((await get(known)).status).toBe(200);
    expect(zendesk.counts().jwks).toBe(2);

    await advance(31_000);
    expect(errorCode(await get(unknownKidToken()))).toBe('auth_unavailable');
    expect(zendesk.counts().jwks).toBe(3);
  });

  it('hangs: the cached kid is answered while the background refresh is still held open', async () => {
    zendesk.setJwksMode('hang');
    await advance(11 * 60_000); // past the 10 min max age: the next request refreshes
    expect((await get(known)).status).toBe(200);
    await expect.poll(() => zendesk.counts().hanging).toBe(1);
    const during = await Promise.all(Array.from({ length: 10 }, () => get(known)));
    expect(during.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 200));
    // Still held open: none of those requests waited for it.
    expect(zendesk.counts().hanging).toBe(1);
    expect(zendesk.counts().jwks).toBe(4);

    // An unknown kid has nothing cached: it joins the hanging fetch, which times out (5 s).
    const refused = await get(unknownKidToken());
    expect([refused.status, errorCode(refused)]).toEqual([503, 'auth_unavailable']);
    expect(zendesk.counts().jwks).toBe(4);
    expect((await get(known)).status).toBe(200);
  });

  it('never fetched more than once per 30 s of server time', () => {
    expect(zendesk.counts().jwks).toBeLessThanOrEqual(1 + Math.floor(simulatedMs / 30_000));
  });

  it('recovers: after the next good fetch an unknown kid is 401 again', async () => {
    zendesk.setJwksMode('ok');
    await advance(31_000);
    const refused = await get(unknownKidToken());
    expect([refused.status, errorCode(refused)]).toEqual([401, 'invalid_token']);
    expect((await get(known)).status).toBe(200);
  });
});
