/**
 * What only the KV backend promises: one HTTP request per store call, whatever the operation or
 * its outcome, and `store_unavailable` (nothing written) by its deadline when Upstash is down in
 * any way. The key layout and the data it holds are redis-layout.test.ts's.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '@/lib/principal';
import { MAX_ITEMS_PER_USER, type Quota, type TodoStore } from '@/lib/store/types';
import { createUpstashStore } from '@/lib/store/upstash-store';
import * as scripts from '@/lib/store/redis-scripts';
import { UPSTASH_KEY_LOCKING_SHEBANG, withKeyLocking } from '@/lib/store/upstash-key-locking';
import { startUpstashBridge, type UpstashBridge } from '@/dev/upstash-bridge';
import {
  connectRedis,
  failureOf,
  newUser,
  TEST_PREFIX,
  testKeys,
  userKeys,
} from './store-backends';

let bridge: UpstashBridge;
let redis: Redis;
const used: Principal[] = [];

/** A new store instance, like a fresh serverless process; default timeout unless given. */
const freshStore = (timeoutMs?: number, via: UpstashBridge = bridge): TodoStore =>
  createUpstashStore({ url: via.url, token: via.token, keyPrefix: TEST_PREFIX, timeoutMs });
const user = (): Principal => {
  const u = newUser();
  used.push(u);
  return u;
};

beforeAll(async () => {
  [bridge, redis] = await Promise.all([startUpstashBridge(), connectRedis()]);
});
afterEach(async () => {
  bridge.setDown(false);
  vi.restoreAllMocks();
  const keys = used.splice(0).flatMap(userKeys);
  if (keys.length > 0) await redis.del(...keys);
});
afterAll(async () => {
  await bridge?.close();
  redis?.disconnect();
});

/** The number of bridge requests `call` made. */
async function requestsOf(call: () => Promise<unknown>): Promise<number> {
  bridge.resetCount();
  await call().catch(() => undefined);
  return bridge.requests();
}

describe('upstash store: one request per call', () => {
  it('makes exactly one request for each operation, first call of a fresh instance included', async () => {
    // A new bridge per operation: a cold script cache, as on a fresh Upstash database.
    const seed = { id: 1, done: false, created_at: 'c', updated_at: 'u' };
    const q: Quota = { kind: 'write', perMinute: 100 };
    const ops: Record<string, (s: TodoStore, u: Principal) => Promise<unknown>> = {
      ping: (s) => s.ping(),
      list: (s, u) => s.forUser(u, { kind: 'read', perMinute: 100 }).list(),
      add: (s, u) => s.forUser(u, q).add('new'),
      'add with a key': (s, u) => s.forUser(u, q).add('new', 'key'),
      update: (s, u) => s.forUser(u, q).update(1, { value: 'changed', done: true }),
      remove: (s, u) => s.forUser(u, q).remove(1),
      setAllDone: (s, u) => s.forUser(u, q).setAllDone(true),
      removeDone: (s, u) => s.forUser(u, q).removeDone(),
      eraseOwnData: (s, u) => s.forUser(u, q).eraseOwnData(),
      eraseUser: (s, u) => s.eraseUser(u),
    };
    for (const [name, op] of Object.entries(ops)) {
      const cold = await startUpstashBridge();
      try {
        const u = user();
        const { items, seq } = testKeys(u);
        await redis.hset(items, '1', JSON.stringify({ ...seed, value: 'seed' }));
        await redis.set(seq, '1');
        const store = freshStore(30_000, cold); // counting requests, not timing them
        cold.resetCount();
        await op(store, u);
        expect([name, cold.requests()]).toEqual([name, 1]);
        await op(store, u).catch(() => {}); // a second remove is not_found: still one request
        expect([name, cold.requests()]).toEqual([name, 2]);
      } finally {
        await cold.close();
      }
    }
  });

  it('makes one request when the answer is not_found, limit_reached or rate_limited', async () => {
    const u = user();
    const store = freshStore(30_000);
    expect(await requestsOf(() => store.forUser(u, null).update(42, { done: true }))).toBe(1);
    expect(await requestsOf(() => store.forUser(u, null).remove(42))).toBe(1);

    const { items } = testKeys(u);
    const filler = Array.from({ length: MAX_ITEMS_PER_USER }, (_, i) => [String(i + 1), '{}']);
    await redis.hset(items, Object.fromEntries(filler));
    expect(await failureOf(store.forUser(u, null).add('over'))).toBe('limit_reached');
    expect(await requestsOf(() => store.forUser(u, null).add('over'))).toBe(1);

    const once: Quota = { kind: 'read', perMinute: 1 };
    const reader = user();
    await store.forUser(reader, once).list();
    expect(await failureOf(store.forUser(reader, once).list())).toBe('rate_limited');
    expect(await requestsOf(() => store.forUser(reader, once).list())).toBe(1);
  });

  it('refuses a principal whose subdomain could reshape a key', async () => {
    const store = freshStore();
    await expect(store.forUser({ subdomain: 'acme:1', userId: 2 }, null).list()).rejects.toThrow(
      TypeError,
    );
    await expect(store.forUser({ subdomain: 'acme}', userId: 2 }, null).list()).rejects.toThrow(
      TypeError,
    );
    await expect(store.forUser({ subdomain: 'acme*', userId: 2 }, null).list()).rejects.toThrow(
      TypeError,
    );
  });
});

describe('upstash store: per-key locking', () => {
  it('sends every script with the allow-key-locking shebang as its first line', async () => {
    const own = await startUpstashBridge(); // records only this test's scripts
    try {
      const store = freshStore(30_000, own);
      const u = user();
      const q: Quota = { kind: 'write', perMinute: 100 };
      await store.forUser(u, q).add('one');
      await store.forUser(u, q).update(1, { done: true });
      await store.forUser(u, { kind: 'read', perMinute: 100 }).list();
      await store.forUser(u, q).setAllDone(false);
      await store.forUser(u, q).removeDone();
      await store.forUser(u, q).remove(1);
      await store.forUser(u, q).eraseOwnData();
      await store.eraseUser(u);

      const received = own.scripts();
      expect(received.filter((s) => !s.startsWith(`${UPSTASH_KEY_LOCKING_SHEBANG}\n`))).toEqual([]);
      // Exactly the shared scripts, each under the shebang and otherwise unchanged.
      expect(new Set(received)).toEqual(new Set(Object.values(scripts).map(withKeyLocking)));
    } finally {
      await own.close();
    }
  });
});

describe.each(['refuse', 'hang', '5xx'] as const)('upstash store: bridge down (%s)', (mode) => {
  it('fails every operation with store_unavailable by its deadline and writes nothing', async () => {
    const u = user();
    const arrange = freshStore(30_000).forUser(u, null);
    await arrange.add('kept');
    await arrange.add('kept too');
    const before = await arrange.list();
    const store = freshStore(200); // a short injected deadline: 'hang' ends by it
    const todos = store.forUser(u, null);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});

    bridge.setDown(mode);
    const ops = [
      () => todos.list(),
      () => todos.add('secret to-do text', 'k'),
      () => todos.update(1, { value: 'secret to-do text' }),
      () => todos.remove(2),
      () => todos.setAllDone(true),
      () => todos.removeDone(),
      () => todos.eraseOwnData(),
      () => store.eraseUser(u),
      () => store.ping(),
    ];
    const outcomes = await Promise.all(ops.map((op) => failureOf(op())));
    bridge.setDown(false);

    expect(outcomes).toEqual(ops.map(() => 'store_unavailable'));
    // Logged once per failure, without the token or the user's text.
    expect(log).toHaveBeenCalledTimes(ops.length);
    const logged = log.mock.calls.flat().map(String).join('\n');
    expect(logged).not.toContain(bridge.token);
    expect(logged).not.toContain('secret to-do text');
    expect(await arrange.list()).toEqual(before);
  });
});

describe('upstash store: default deadline', () => {
  it('gives up on a hanging Upstash well within 10 s (2.5 s by default)', async () => {
    const store = freshStore();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    bridge.setDown('hang');
    const started = performance.now();
    expect(await failureOf(store.ping())).toBe('store_unavailable');
    expect(performance.now() - started).toBeLessThan(10_000); // the one wide-margin check
  }, 15_000);
});
