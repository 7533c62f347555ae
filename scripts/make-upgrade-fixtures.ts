/**
 * Writes tests/fixtures/upgrade/v1/: data as the release before versioned formats stored it, for
 * tests/unit/store/upgrade.test.ts (CONTRACT §5, STYLE "Data that outlives a release").
 *
 * It was run once against commit d9d4705 (main before the versioned formats), whose stores write
 * SQLite user_version 0 and record "format 1". Do NOT re-run it against newer code: the fixtures
 * would then hold the new formats and the upgrade test would prove nothing. To make fixtures of a
 * later release, check that release out and write them to a new folder (v2/, …).
 *
 *   npx tsx scripts/make-upgrade-fixtures.ts   (needs Redis at 127.0.0.1:6379)
 *
 * Out: todo.sqlite3 (the embedded store's file), redis-keys.json (every key of the fixture users,
 * key names without prefix or subdomain so a test can restore them under its own), expected.json
 * (what that release listed for each user). Redis keys are written under the test prefix
 * `hc-todo-test:` with a random subdomain, and deleted again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { createRedisStore } from '../lib/store/redis-store';
import { createSqliteStore } from '../lib/store/sqlite-store';
import type { Principal } from '../lib/principal';
import type { TodoItem, TodoStore } from '../lib/store/types';

const OUT = path.join(import.meta.dirname, '..', 'tests', 'fixtures', 'upgrade', 'v1');
const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = 'hc-todo-test';

/** Values a JSON codec can get wrong: quotes, slashes, escapes, non-ASCII, a forged field. */
const TRICKY = [
  'Pick up "dry-cleaning" / laundry \\ back-slash',
  'ünïcödé ✓ 🎉 日本語',
  '","done":true,"id":99,"value":"forged',
  'line one\nline two\ttab',
  'é'.repeat(500),
];

/**
 * The same history in every store. Users: 101 keeps its highest item; 102 deleted its highest
 * (id 4) and its key points at that deleted item; 103 loses its id counter afterwards (Redis
 * only: eviction); 104 erased its own data, so only its counter is left.
 */
async function writeHistory(store: TodoStore, sub: string): Promise<Principal[]> {
  const u = (userId: number): Principal => ({ subdomain: sub, userId });
  const [a, b, c, d] = [u(101), u(102), u(103), u(104)];
  await store.add(a, null, 'Buy milk', 'fx-key-101-a');
  for (const value of TRICKY) await store.add(a, null, value);
  await store.add(a, null, 'Call Bob', 'fx-key-101-c');
  await store.update(a, null, 1, { done: true });
  await store.update(a, null, 2, { value: 'Pick up "dry-cleaning" / laundry \\ edited' });
  for (const value of ['one', 'two', 'three']) await store.add(b, null, value);
  await store.add(b, null, 'four', 'fx-key-102-d');
  await store.remove(b, null, 4);
  await store.remove(b, null, 2);
  await store.update(b, null, 3, { done: true });
  for (const value of ['x', 'y', 'z']) await store.add(c, null, value, `fx-key-103-${value}`);
  await store.remove(c, null, 1);
  await store.setAllDone(c, null, true);
  await store.add(d, null, 'gone');
  await store.add(d, null, 'gone too', 'fx-key-104');
  await store.eraseOwnData(d, null);
  return [a, b, c, d];
}

async function listAll(store: TodoStore, users: Principal[]): Promise<Record<string, TodoItem[]>> {
  const out: Record<string, TodoItem[]> = {};
  for (const user of users) out[user.userId] = await store.list(user, null);
  return out;
}

async function makeSqlite(): Promise<{ lists: Record<string, TodoItem[]>; madeAtMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-fixture-'));
  const store = createSqliteStore({ dataDir: dir });
  const users = await writeHistory(store, 'fixture');
  const lists = await listAll(store, users);
  // Fold the WAL into the main file, so that the one file holds everything.
  const db = new Database(path.join(dir, 'todo.sqlite3'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.copyFileSync(path.join(dir, 'todo.sqlite3'), path.join(OUT, 'todo.sqlite3'));
  return { lists, madeAtMs: Date.now() };
}

interface DumpedKey {
  userId: number;
  /** The key's last segment (items, seq, idem, idem-exp). */
  part: string;
  type: string;
  value: unknown;
  /** Milliseconds left to live at dump time, -1 for none. */
  pttl: number;
}

async function makeRedis(): Promise<{
  lists: Record<string, TodoItem[]>;
  dump: { madeAtMs: number; keys: DumpedKey[] };
}> {
  const sub = `fxgen${randomBytes(4).toString('hex')}`;
  const store = createRedisStore({ url: REDIS_URL, keyPrefix: PREFIX });
  const redis = new Redis(REDIS_URL);
  try {
    const users = await writeHistory(store, sub);
    await redis.del(`${PREFIX}:{${sub}:103}:seq`); // evicted
    const lists = await listAll(store, users);
    const [sec, usec] = await redis.time();
    const madeAtMs = Number(sec) * 1000 + Math.floor(Number(usec) / 1000);
    const keys: DumpedKey[] = [];
    for (const key of (await redis.keys(`${PREFIX}:{${sub}:*`)).sort()) {
      const [, userId, part] = /^[^{]*\{[^:]+:(\d+)\}:(.+)$/.exec(key) ?? [];
      const type = await redis.type(key);
      const value =
        type === 'hash'
          ? await redis.hgetall(key)
          : type === 'zset'
            ? pairs(await redis.zrange(key, '0', '-1', 'WITHSCORES'))
            : await redis.get(key);
      keys.push({ userId: Number(userId), part: part!, type, value, pttl: await redis.pttl(key) });
      await redis.del(key);
    }
    return { lists, dump: { madeAtMs, keys } };
  } finally {
    await store.close();
    redis.disconnect();
  }
}

/** ZRANGE … WITHSCORES → [[member, score], …] with numeric scores. */
function pairs(flat: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, Number(flat[i + 1])]);
  return out;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const sqlite = await makeSqlite();
  const redis = await makeRedis();
  const header = { madeBy: 'scripts/make-upgrade-fixtures.ts', commit: 'd9d4705' };
  const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
  fs.writeFileSync(path.join(OUT, 'redis-keys.json'), json({ ...header, ...redis.dump }));
  fs.writeFileSync(
    path.join(OUT, 'expected.json'),
    json({ ...header, sqliteMadeAtMs: sqlite.madeAtMs, sqlite: sqlite.lists, redis: redis.lists }),
  );
  console.log(`fixtures written to ${OUT}`);
}

void main();
