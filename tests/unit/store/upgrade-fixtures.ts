/**
 * Restores tests/fixtures/upgrade/v1/ — data the previous release (d9d4705) wrote, made by
 * scripts/make-upgrade-fixtures.ts — for the upgrade test: the SQLite file into a fresh folder,
 * the Redis keys under the test prefix with a fresh subdomain. Expiries are shifted by the time
 * since the fixtures were made, so idempotency keys are as fresh as when they were dumped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Redis } from 'ioredis';
import type { Principal } from '@/lib/principal';
import type { Todo } from '@/lib/store/types';
import { testKeys } from './store-backends';

const DIR = path.join(import.meta.dirname, '..', '..', 'fixtures', 'upgrade', 'v1');

/** The fixture users (see the generator): ids are the same in every store. */
export const FIXTURE_USERS = [101, 102, 103, 104] as const;
export type FixtureUser = (typeof FIXTURE_USERS)[number];

interface Expected {
  sqliteMadeAtMs: number;
  sqlite: Record<FixtureUser, Todo[]>;
  redis: Record<FixtureUser, Todo[]>;
}

/** An item as that release's store answered it (its API shape), in expected.json. */
interface ListedItem {
  id: number;
  value: string;
  done: boolean;
  created_at: string;
  updated_at: string;
}

const asTodos = (lists: Record<FixtureUser, ListedItem[]>): Record<FixtureUser, Todo[]> =>
  Object.fromEntries(
    Object.entries(lists).map(([user, items]) => [
      user,
      items.map((i) => ({
        id: i.id,
        value: i.value,
        done: i.done,
        createdAt: i.created_at,
        updatedAt: i.updated_at,
      })),
    ]),
  ) as Record<FixtureUser, Todo[]>;

interface DumpedKey {
  userId: FixtureUser;
  part: 'items' | 'seq' | 'idem' | 'idem-exp';
  type: 'hash' | 'string' | 'zset';
  value: Record<string, string> | string | [string, number][];
  pttl: number;
}

const readJson = <T>(name: string): T =>
  JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as T;

/** What the previous release listed for each fixture user, per store, as domain items. */
export function expected(): Expected {
  const listed = readJson<{
    sqliteMadeAtMs: number;
    sqlite: Record<FixtureUser, ListedItem[]>;
    redis: Record<FixtureUser, ListedItem[]>;
  }>('expected.json');
  return { ...listed, sqlite: asTodos(listed.sqlite), redis: asTodos(listed.redis) };
}

/** The fixture users of one restore. */
export type Users = Record<FixtureUser, Principal>;

const usersOf = (subdomain: string): Users =>
  Object.fromEntries(FIXTURE_USERS.map((id) => [id, { subdomain, userId: id }])) as Users;

/** Copies the SQLite fixture into a new folder (remove it when done); users live in 'fixture'. */
export function restoreSqlite(): { dataDir: string; file: string; users: Users } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-upgrade-'));
  const file = path.join(dataDir, 'todo.sqlite3');
  fs.copyFileSync(path.join(DIR, 'todo.sqlite3'), file);
  // The file itself is not migrated here: only the clock is moved, as Redis's TTLs move.
  const db = new Database(file);
  db.prepare('UPDATE todo_idempotency SET expires_at = expires_at + ?').run(
    Date.now() - expected().sqliteMadeAtMs,
  );
  db.close();
  return { dataDir, file, users: usersOf('fixture') };
}

/** Writes the dumped keys back under `hc-todo-test:` with a subdomain no one else uses. */
export async function restoreRedis(redis: Redis): Promise<Users> {
  const dump = readJson<{ madeAtMs: number; keys: DumpedKey[] }>('redis-keys.json');
  const users = usersOf(`upg${randomBytes(5).toString('hex')}`);
  const [sec, usec] = await redis.time();
  const shift = Number(sec) * 1000 + Math.floor(Number(usec) / 1000) - dump.madeAtMs;
  for (const k of dump.keys) {
    const keys = testKeys(users[k.userId]);
    const key = { items: keys.items, seq: keys.seq, idem: keys.idem, 'idem-exp': keys.idemExpiry }[
      k.part
    ];
    if (k.type === 'hash') await redis.hset(key, k.value as Record<string, string>);
    if (k.type === 'string') await redis.set(key, k.value as string);
    if (k.type === 'zset') {
      for (const [member, score] of k.value as [string, number][]) {
        await redis.zadd(key, score + shift, member);
      }
    }
    if (k.pttl > 0) await redis.pexpire(key, k.pttl);
  }
  return users;
}
