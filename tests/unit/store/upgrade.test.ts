/**
 * Upgrade: data the previous release wrote (tests/fixtures/upgrade/v1/, SQLite user_version 0 and
 * record format 1) is listed, deduplicated, edited, exported and erased by this release in every
 * store, with nothing lost and no id reused. Each test restores the fixtures afresh.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '@/lib/store/sqlite-store';
import type { Todo, TodoStore } from '@/lib/store/types';
import {
  connectRedis,
  kvBackend,
  redisBackend,
  testKeys,
  userKeys,
  type Backend,
  type OpenBackend,
} from './store-backends';
import {
  expected,
  FIXTURE_USERS,
  restoreRedis,
  restoreSqlite,
  type FixtureUser,
  type Users,
} from './upgrade-fixtures';

interface Restored {
  store: TodoStore;
  users: Users;
  /** What the previous release listed for each user. */
  before: Record<FixtureUser, Todo[]>;
  /** KV and Redis: each stored record's format (1 when it has no `v`), by item id. */
  formats?(user: FixtureUser): Promise<Record<string, number>>;
  /** KV and Redis: how many keys the user has left. */
  keysLeft?(user: FixtureUser): Promise<number>;
}

interface Subject {
  name: string;
  /** Restores the fixtures into the store; cleaned up after each test. */
  restore(): Promise<Restored>;
}

const sqliteDirs: string[] = [];
const sqliteSubject: Subject = {
  name: 'embedded (SQLite)',
  async restore() {
    const { dataDir, users } = restoreSqlite();
    sqliteDirs.push(dataDir);
    return { store: createSqliteStore({ dataDir }), users, before: expected().sqlite };
  },
};
afterEach(() => {
  for (const dir of sqliteDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** KV or Redis: one open backend per suite, the fixture keys under a fresh subdomain per test. */
function scriptSubject(backend: Backend): Subject {
  let open: OpenBackend | undefined;
  let redis: Redis | undefined;
  const restored: Users[] = [];
  beforeAll(async () => {
    [open, redis] = await Promise.all([backend.open(), connectRedis()]);
  });
  afterEach(async () => {
    const keys = restored.splice(0).flatMap((users) => Object.values(users).flatMap(userKeys));
    if (keys.length > 0) await redis!.del(...keys);
  });
  afterAll(async () => {
    await open?.close();
    redis?.disconnect();
  });
  return {
    name: backend.name,
    async restore() {
      const users = await restoreRedis(redis!);
      restored.push(users);
      return {
        store: open!.store,
        users,
        before: expected().redis,
        async formats(user) {
          const records = await redis!.hgetall(testKeys(users[user]).items);
          const v = (rec: string): number => (JSON.parse(rec) as { v?: number }).v ?? 1;
          return Object.fromEntries(Object.entries(records).map(([id, rec]) => [id, v(rec)]));
        },
        keysLeft: async (user) => (await redis!.exists(...userKeys(users[user]))) as number,
      };
    },
  };
}

const byId = (items: Todo[], id: number): Todo => {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`no fixture item ${id}`);
  return item;
};

describe('upgrade: the SQLite file gets user_version 1 and keeps every row', () => {
  it('migrates a user_version 0 file in place', () => {
    const { dataDir, file } = restoreSqlite();
    sqliteDirs.push(dataDir);
    const version = (): number => {
      const db = new Database(file, { readonly: true });
      const v = db.pragma('user_version', { simple: true }) as number;
      db.close();
      return v;
    };
    expect(version()).toBe(0);
    createSqliteStore({ dataDir });
    expect(version()).toBe(1);
  });
});

describe.each<Subject>([sqliteSubject, scriptSubject(kvBackend), scriptSubject(redisBackend)])(
  'upgrade from the previous release: $name',
  (subject) => {
    it('lists every user exactly as the previous release did', async () => {
      const { store, users, before } = await subject.restore();
      for (const id of FIXTURE_USERS)
        expect(await store.forUser(users[id], null).list()).toEqual(before[id]);
      expect(before[101].length).toBe(7); // the fixture is what we think it is
    });

    it('still deduplicates the previous release’s idempotency keys', async () => {
      const { store, users, before } = await subject.restore();
      const seen = await store.forUser(users[101], null).add('again', 'fx-key-101-c');
      expect([seen.created, seen.item]).toEqual([false, byId(before[101], 7)]);
      const deleted = await store.forUser(users[102], null).add('again', 'fx-key-102-d');
      expect([deleted.created, deleted.item]).toEqual([false, null]);
      const evicted = await store.forUser(users[103], null).add('again', 'fx-key-103-y');
      expect([evicted.created, evicted.item]).toEqual([false, byId(before[103], 2)]);
      for (const id of FIXTURE_USERS)
        expect(await store.forUser(users[id], null).list()).toEqual(before[id]);
    });

    it('edits old items: update, toggle all, clear completed', async () => {
      const { store, users, before, formats } = await subject.restore();
      const u = users[101];
      const old = before[101];
      const { item } = await store.forUser(u, null).update(3, { value: 'edited ✓' });
      expect(item).toEqual({
        ...byId(old, 3),
        value: 'edited ✓',
        updatedAt: expect.any(String),
      });
      if (formats) expect((await formats(101))['3']).toBe(2);
      if (formats) expect((await formats(101))['4']).toBe(1); // untouched: left as it was

      const toggled = await store.forUser(u, null).setAllDone(true);
      expect(toggled.map((i) => i.done)).toEqual(old.map(() => true));
      expect(toggled.map((i) => i.value)).toEqual(
        old.map((i) => (i.id === 3 ? 'edited ✓' : i.value)),
      );
      expect(byId(toggled, 1)).toEqual(byId(old, 1)); // was done already: untouched
      if (formats) {
        expect(await formats(101)).toEqual({ 1: 1, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2 });
      }

      await store.forUser(u, null).update(5, { done: false });
      const cleared = await store.forUser(u, null).removeDone();
      expect(cleared.deleted).toBe(old.length - 1);
      expect(cleared.items.map((i) => [i.id, i.value, i.createdAt])).toEqual([
        [5, byId(old, 5).value, byId(old, 5).createdAt],
      ]);
    });

    it('never reuses an id: adds go above every old id, deleted or evicted', async () => {
      const { store, users, before } = await subject.restore();
      const next = async (id: FixtureUser): Promise<number | undefined> =>
        (await store.forUser(users[id], null).add('new'))?.item?.id;
      expect(await next(101)).toBe(8); // highest item 7
      expect(await next(102)).toBe(5); // highest item 4 was deleted
      expect(await next(103)).toBe(4); // Redis: its counter was evicted
      expect(await next(104)).toBe(3); // erased its data: only the counter was left
      expect((await store.forUser(users[102], null).list()).slice(0, -1)).toEqual(before[102]);
    });

    it('exports and erases old data', async () => {
      const { store, users, before, keysLeft } = await subject.restore();
      expect(await store.forUser(users[102], null).list()).toEqual(before[102]); // the export's list
      expect(await store.forUser(users[101], null).eraseOwnData()).toBe(before[101].length);
      expect(await store.forUser(users[101], null).list()).toEqual([]);
      const after = await store.forUser(users[101], null).add('after', 'fx-key-101-a');
      expect([after.created, after.item?.id]).toEqual([true, 8]); // key gone, counter kept

      expect(await store.eraseUser(users[102])).toBe(before[102].length);
      expect(await store.eraseUser(users[103])).toBe(before[103].length);
      expect(await store.forUser(users[102], null).list()).toEqual([]);
      if (keysLeft) expect([await keysLeft(102), await keysLeft(103)]).toEqual([0, 0]);
    });
  },
);
