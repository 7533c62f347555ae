/**
 * What only the KV backend promises: one HTTP request per store call, the documented key layout,
 * and a bounded `store_unavailable` (nothing written) when Upstash is down in any way.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_ITEMS_PER_USER, type Principal, type TodoStore } from '@/lib/store/types';
import { createUpstashStore } from '@/lib/store/upstash-store';
import { startUpstashBridge, type UpstashBridge } from '@/tests/support/upstash-bridge';
import { connectRedis, failureOf, newUser, TEST_PREFIX, userKeys } from './store-backends';

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
    const ops: Record<string, (s: TodoStore, u: Principal) => Promise<unknown>> = {
      ping: (s) => s.ping(),
      list: (s, u) => s.list(u),
      add: (s, u) => s.add(u, 'new'),
      update: (s, u) => s.update(u, 1, { value: 'changed', done: true }),
      remove: (s, u) => s.remove(u, 1),
    };
    for (const [name, op] of Object.entries(ops)) {
      const cold = await startUpstashBridge();
      try {
        const u = user();
        const [items, seq] = userKeys(u) as [string, string];
        await redis.hset(items, '1', JSON.stringify({ ...seed, value: 'seed' }));
        await redis.set(seq, '1');
        const store = freshStore(undefined, cold);
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

  it('makes one request when the answer is not_found or limit_reached', async () => {
    const u = user();
    const store = freshStore();
    expect(await requestsOf(() => store.update(u, 42, { done: true }))).toBe(1);
    expect(await requestsOf(() => store.remove(u, 42))).toBe(1);

    const [items] = userKeys(u) as [string];
    const filler = Array.from({ length: MAX_ITEMS_PER_USER }, (_, i) => [String(i + 1), '{}']);
    await redis.hset(items, Object.fromEntries(filler));
    expect(await failureOf(store.add(u, 'over'))).toBe('limit_reached');
    expect(await requestsOf(() => store.add(u, 'over'))).toBe(1);
  });
});

describe('upstash store: key layout', () => {
  it('keeps an items hash of JSON records and an id counter under hc-todo:{sub}:{user}', async () => {
    const u = user();
    const store = freshStore();
    await store.add(u, 'a');
    const { todo_item: b } = await store.add(u, '{"a":1}');
    await store.remove(u, 1);

    const [items, seq] = userKeys(u) as [string, string];
    expect(await redis.get(seq)).toBe('2');
    // Fixed field order, value last: the scripts rely on it (see upstash-scripts.ts).
    const record = `{"id":2,"done":false,"created_at":"${b.created_at}","updated_at":"${b.updated_at}","value":"{\\"a\\":1}"}`;
    expect(await redis.hgetall(items)).toEqual({ '2': record });
    expect(JSON.parse(record)).toEqual(b);
  });

  it('refuses a principal whose subdomain could reshape a key', async () => {
    const store = freshStore();
    await expect(store.list({ subdomain: 'acme:1', userId: 2 })).rejects.toThrow(TypeError);
    await expect(store.list({ subdomain: 'acme*', userId: 2 })).rejects.toThrow(TypeError);
  });
});

describe.each(['refuse', 'hang', '5xx'] as const)('upstash store: bridge down (%s)', (mode) => {
  it('fails every operation with store_unavailable within 3 s and writes nothing', async () => {
    const u = user();
    const store = freshStore(); // the default 2.5 s deadline
    await store.add(u, 'kept');
    await store.add(u, 'kept too');
    const before = await store.list(u);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});

    bridge.setDown(mode);
    const ops = [
      () => store.list(u),
      () => store.add(u, 'secret to-do text'),
      () => store.update(u, 1, { value: 'secret to-do text' }),
      () => store.remove(u, 2),
      () => store.ping(),
    ];
    const results = await Promise.all(
      ops.map(async (op) => {
        const started = performance.now();
        const outcome = await failureOf(op());
        return { outcome, ms: performance.now() - started };
      }),
    );
    bridge.setDown(false);

    for (const { outcome, ms } of results) {
      expect(outcome).toBe('store_unavailable');
      expect(ms).toBeLessThan(3000);
    }
    // Logged once per failure, without the token or the user's text.
    expect(log).toHaveBeenCalledTimes(ops.length);
    const logged = log.mock.calls.flat().map(String).join('\n');
    expect(logged).not.toContain(bridge.token);
    expect(logged).not.toContain('secret to-do text');
    expect(await freshStore().list(u)).toEqual(before);
  }, 15_000);
});
