/**
 * A SQLite file written by a newer hc-todo (docs/stores.md, "Data formats and upgrades"): the
 * production build refuses to open it — health and every API call answer 503 store_unavailable —
 * logs why, and leaves the file as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import { startApp, type AppServer } from '../../dev/app-server';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { appEnv, system } from '../support/system';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);
let dataDir: string;
let file: string;
let server: AppServer | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-newer-'));
  file = path.join(dataDir, 'todo.sqlite3');
  const db = new Database(file);
  db.pragma('user_version = 99');
  db.close();
  server = await startApp(appEnv(sut, 'embedded', dataDir));
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('answers 503 store_unavailable everywhere and says why in the log', async () => {
  const health = await call(server!.url, 'GET', '/api/health');
  expect([health.status, errorCode(health)]).toEqual([503, 'store_unavailable']);
  const token = await zendesk.userToken(newUserId());
  const list = await call(server!.url, 'GET', '/api/todo_items', { token });
  expect([list.status, errorCode(list)]).toEqual([503, 'store_unavailable']);
  const add = await call(server!.url, 'POST', '/api/todo_items', { token, body: { value: 'x' } });
  expect([add.status, errorCode(add)]).toEqual([503, 'store_unavailable']);

  expect(server!.output()).toContain(
    `${file} has schema version 99; this hc-todo knows up to 1: upgrade hc-todo`,
  );
  const db = new Database(file, { readonly: true });
  expect(db.pragma('user_version', { simple: true })).toBe(99);
  expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({
    n: 0,
  });
  db.close();
});
