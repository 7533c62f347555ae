/**
 * The two store backends as the contract suite sees them: each opens a store for a suite and
 * removes what its tests wrote. KV runs through the Upstash bridge in front of the real Redis,
 * under the `hc-todo-test:` key prefix only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { StoreError, type Principal, type StoreErrorCode, type TodoStore } from '@/lib/store/types';
import { createUpstashStore } from '@/lib/store/upstash-store';
import { startUpstashBridge } from '@/tests/support/upstash-bridge';

export const TEST_PREFIX = 'hc-todo-test';

export interface OpenBackend {
  store: TodoStore;
  /** Removes everything `user` has in the backend. */
  forget(user: Principal): Promise<void>;
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

export function userKeys(user: Principal): string[] {
  const base = `${TEST_PREFIX}:${user.subdomain}:${user.userId}`;
  return [`${base}:items`, `${base}:seq`];
}

/** A plain Redis connection for arranging and cleaning up `hc-todo-test:` keys. */
export async function connectRedis(): Promise<Redis> {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
  await redis.connect();
  return redis;
}

export const kvBackend: Backend = {
  name: 'kv (Upstash REST via bridge → Redis)',
  async open() {
    const [bridge, redis] = await Promise.all([startUpstashBridge(), connectRedis()]);
    // A roomy deadline: this suite is about semantics under load, not timing (see upstash-store.test).
    const store = createUpstashStore({
      url: bridge.url,
      token: bridge.token,
      keyPrefix: TEST_PREFIX,
      timeoutMs: 15_000,
    });
    return {
      store,
      forget: async (user) => void (await redis.del(...userKeys(user))),
      close: async () => {
        await bridge.close();
        redis.disconnect();
      },
    };
  },
};

export const sqliteBackend: Backend = {
  name: 'embedded (SQLite)',
  async open() {
    // Imported here so a missing or broken module fails only this backend's tests.
    const { createSqliteStore } = await import('@/lib/store/sqlite-store');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-contract-'));
    return {
      store: createSqliteStore({ dataDir }),
      forget: async () => {}, // every user lives in this suite's own file, removed on close
      close: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  },
};
