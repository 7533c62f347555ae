/**
 * The three store backends as the contract suites see them: each opens a store for a suite and
 * removes what its tests wrote. KV runs through the Upstash bridge in front of the real Redis,
 * Redis talks to the real Redis directly; both only under the `hc-todo-test:` key prefix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { keyList, userKeys as layoutKeys, type UserKeys } from '@/lib/store/redis-keys';
import type { Principal } from '@/lib/principal';
import {
  StoreError,
  type StoreErrorCode,
  type Todo,
  type TodoStore,
  type UserTodos,
} from '@/lib/store/types';
import { createRedisStore } from '@/lib/store/redis-store';
import { createUpstashStore } from '@/lib/store/upstash-store';
import { startUpstashBridge } from '@/dev/upstash-bridge';

export const TEST_PREFIX = 'hc-todo-test';
export const REDIS_URL = 'redis://127.0.0.1:6379';

export interface OpenBackend {
  store: TodoStore;
  /** Removes everything `user` has in the backend. */
  forget(user: Principal): Promise<void>;
  /** Deletes the user's id counter behind the store's back (eviction); undefined for SQLite. */
  dropCounter?(user: Principal): Promise<void>;
  /** How many Idempotency-Keys the backend holds for the user, read behind the store's back. */
  rememberedKeys(user: Principal): Promise<number>;
  close(): Promise<void>;
}

export interface Backend {
  name: string;
  open(): Promise<OpenBackend>;
}

/** A principal no other test (or earlier run) uses. */
export function newUser(subdomain = `t${randomBytes(5).toString('hex')}`): Principal {
  return { subdomain, userId: 1 + Math.floor(Math.random() * 2 ** 40) };
}

/** The StoreError code a call failed with, or 'resolved' — so assertions name the code. */
export async function failureOf(call: Promise<unknown>): Promise<StoreErrorCode | string> {
  try {
    await call;
    return 'resolved';
  } catch (error) {
    return error instanceof StoreError ? error.code : `unexpected: ${String(error)}`;
  }
}

/** The user's keys under the test prefix (the layout of lib/store/redis-keys.ts). */
export function testKeys(user: Principal): UserKeys {
  return layoutKeys(user, TEST_PREFIX);
}

/** Every key of the user, for cleanup. */
export function userKeys(user: Principal): string[] {
  return keyList(testKeys(user));
}

/** A plain Redis connection for arranging and cleaning up `hc-todo-test:` keys. */
export async function connectRedis(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  return redis;
}

/**
 * A plain Redis connection for the calling `describe` (or file), open from its `beforeAll` to its
 * `afterAll`: for arranging records and reading keys behind the store's back.
 */
export function useRedis(): Redis {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  beforeAll(() => redis.connect());
  afterAll(() => redis.disconnect());
  return redis;
}

/** KV and Redis share a layout: cleanup and arranging go straight to Redis. */
async function redisHelpers(): Promise<
  Pick<OpenBackend, 'forget' | 'dropCounter' | 'rememberedKeys'> & { redis: Redis }
> {
  const redis = await connectRedis();
  return {
    redis,
    forget: async (user) => void (await redis.del(...userKeys(user))),
    dropCounter: async (user) => void (await redis.del(testKeys(user).seq)),
    async rememberedKeys(user) {
      const keys = testKeys(user);
      const [byKey, byExpiry] = await Promise.all([
        redis.hlen(keys.idem),
        redis.zcard(keys.idemExpiry),
      ]);
      // The hash and its expiry index must never disagree.
      if (byKey !== byExpiry) throw new Error(`idem has ${byKey} keys, idem-exp ${byExpiry}`);
      return byKey;
    },
  };
}

export const kvBackend: Backend = {
  name: 'kv (Upstash REST via bridge → Redis)',
  async open() {
    const [bridge, helpers] = await Promise.all([startUpstashBridge(), redisHelpers()]);
    // A roomy deadline: this suite is about semantics under load, not timing (see upstash-store.test).
    const store = createUpstashStore({
      url: bridge.url,
      token: bridge.token,
      keyPrefix: TEST_PREFIX,
      timeoutMs: 60_000,
    });
    return {
      store,
      forget: helpers.forget,
      dropCounter: helpers.dropCounter,
      rememberedKeys: helpers.rememberedKeys,
      close: async () => {
        await bridge.close();
        helpers.redis.disconnect();
      },
    };
  },
};

export const redisBackend: Backend = {
  name: 'redis (ioredis → Redis)',
  async open() {
    const helpers = await redisHelpers();
    const store = createRedisStore({ url: REDIS_URL, keyPrefix: TEST_PREFIX, timeoutMs: 60_000 });
    return {
      store,
      forget: helpers.forget,
      dropCounter: helpers.dropCounter,
      rememberedKeys: helpers.rememberedKeys,
      close: async () => {
        await store.close();
        helpers.redis.disconnect();
      },
    };
  },
};

export const sqliteBackend: Backend = {
  name: 'embedded (SQLite)',
  async open() {
    // Imported here so a missing or broken module fails only this backend's tests.
    const { createSqliteStore } = await import('@/lib/store/sqlite-store');
    const { default: Database } = await import('better-sqlite3');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-contract-'));
    const store = createSqliteStore({ dataDir });
    // A second, read-only connection to the same file, as another process would open it.
    const reader = new Database(path.join(dataDir, 'todo.sqlite3'), { readonly: true });
    const countKeys = reader.prepare<[string, number], { n: number }>(
      'SELECT count(*) AS n FROM todo_idempotency WHERE subdomain = ? AND user_id = ?',
    );
    return {
      store,
      forget: async () => {}, // every user lives in this suite's own file, removed on close
      rememberedKeys: async (user) => countKeys.get(user.subdomain, user.userId)!.n,
      close: async () => {
        reader.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** Every backend, for `describe.each`. */
export const BACKENDS: Backend[] = [sqliteBackend, kvBackend, redisBackend];

/** A suite's open backend, and fresh principals it forgets after each test. */
export interface SuiteBackend {
  /** The backend opened for the suite (valid inside tests and hooks). */
  readonly open: OpenBackend;
  /** `u`'s list without a quota: for the suites about data rather than limits. */
  todos(u: Principal): UserTodos;
  /** Adds `value` to `u`'s list (no key, no quota) and returns the new item, which must exist. */
  add(u: Principal, value: string): Promise<{ item: Todo; items: Todo[] }>;
  /** A principal no other test uses, forgotten after the test. */
  user(subdomain?: string): Principal;
  /** Forgets `u` after the test too (a principal a test made by hand). */
  track(u: Principal): Principal;
}

/** Opens `backend` for the calling `describe` and cleans up after each test and the suite. */
export function useBackend(backend: Backend): SuiteBackend {
  let open: OpenBackend | undefined;
  const used: Principal[] = [];
  const track = (u: Principal): Principal => {
    used.push(u);
    return u;
  };
  const ready = (): OpenBackend => {
    if (open === undefined) throw new Error(`${backend.name} is not open yet`);
    return open;
  };
  const todos = (u: Principal): UserTodos => ready().store.forUser(u, null);

  beforeAll(async () => {
    open = await backend.open();
  });
  afterEach(async () => {
    await Promise.all(used.splice(0).map((u) => ready().forget(u)));
  });
  afterAll(async () => {
    await open?.close();
  });

  return {
    get open() {
      return ready();
    },
    todos,
    async add(u, value) {
      const { item, items } = await todos(u).add(value);
      if (!item) throw new Error('add answered no item');
      return { item, items };
    },
    user: (subdomain) => track(newUser(subdomain)),
    track,
  };
}
