/**
 * Crash safety of the embedded store: `next start` on its own DATA_DIR
 * takes a burst of concurrent adds and is SIGKILLed in the middle of it. Afterwards the SQLite
 * file passes `PRAGMA integrity_check`, and after a restart on the same folder every add that
 * was acknowledged (201) is there, with the id it was acknowledged with, and no id is doubled.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newUserId } from '../support/api';
import type { Item } from '../support/api';
import { startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { startFakeZendesk } from '../../dev/fake-zendesk';
import type { FakeZendesk } from '../../dev/fake-zendesk';
import { appEnv, system } from '../support/system';

/** Concurrent writers (spread over USERS users); the kill comes after KILL_AFTER acks. */
const WRITERS = 16;
const USERS = 4;
const KILL_AFTER = 120;

const sut = system();
let zendesk: FakeZendesk;
let dataDir: string;
const servers: AppServer[] = [];

beforeAll(async () => {
  zendesk = await startFakeZendesk();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-crash-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await zendesk.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<AppServer> {
  const env = appEnv({ ...sut, zendeskUrl: zendesk.url }, 'embedded', dataDir);
  const server = await startApp(env);
  servers.push(server);
  return server;
}

describe('embedded store crash safety', () => {
  it(`keeps every acknowledged add across a SIGKILL mid-burst (${WRITERS} writers, kill after ${KILL_AFTER} acks)`, async () => {
    const server = await start();
    const users = Array.from({ length: USERS }, () => newUserId());
    const tokens = users.map((user) => zendesk.userToken(user));
    const acked = new Map<number, Item[]>(users.map((user) => [user, []]));
    let ackCount = 0;
    /** Requests cut off by the kill: proof that it came mid-burst. */
    let cutOff = 0;
    let stopped = false;
    const exited = new Promise<void>((resolve) => server.process.once('exit', () => resolve()));

    const writer = async (w: number): Promise<void> => {
      const u = w % USERS;
      for (let i = 0; !stopped; i++) {
        let res;
        try {
          res = await call<{ todo_item: Item }>(server.url, 'POST', '/api/todo_items', {
            token: tokens[u],
            body: { value: `w${w}-n${i}` },
          });
        } catch {
          cutOff += 1; // the connection died with the server
          return;
        }
        if (res.status !== 201) throw new Error(`unexpected ${res.status} before the kill`);
        acked.get(users[u]!)!.push(res.body.todo_item);
        ackCount += 1;
        if (ackCount === KILL_AFTER) {
          // Mid-burst: the other writers still have requests in flight.
          server.process.kill('SIGKILL');
          stopped = true;
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    await exited;
    expect(server.process.signalCode).toBe('SIGKILL');
    expect(ackCount).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(cutOff).toBeGreaterThan(0);

    // The file as the crash left it (WAL included) is a sound database.
    const db = new Database(path.join(dataDir, 'todo.sqlite3'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }

    const restarted = await start();
    for (const [u, user] of users.entries()) {
      const res = await call<{ todo_items: Item[] }>(restarted.url, 'GET', '/api/todo_items', {
        token: tokens[u],
      });
      expect(res.status).toBe(200);
      const items = res.body.todo_items;
      const ids = items.map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
      const byId = new Map(items.map((item) => [item.id, item]));
      for (const ack of acked.get(user)!) {
        expect(byId.get(ack.id)).toEqual(ack);
      }
    }

    // The restarted server keeps counting above every id the crash left behind.
    const after = await call<{ todo_item: Item }>(restarted.url, 'POST', '/api/todo_items', {
      token: tokens[0],
      body: { value: 'after the crash' },
    });
    expect(after.status).toBe(201);
    const maxBefore = Math.max(...acked.get(users[0]!)!.map((item) => item.id));
    expect(after.body.todo_item.id).toBeGreaterThan(maxBefore);
  }, 120_000);
});
