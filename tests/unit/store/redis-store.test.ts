/**
 * What only the Redis backend promises: `store_unavailable` when Redis is down — promptly for a
 * closed port, by the injected deadline for a server that never answers — with nothing written,
 * ever, not even later; then it reconnects on its own. And a clean QUIT on close.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisStore, type RedisStore } from '@/lib/store/redis-store';
import type { Principal } from '@/lib/principal';
import { freePort } from '@/dev/app-server';
import {
  connectRedis,
  failureOf,
  newUser,
  TEST_PREFIX,
  testKeys,
  userKeys,
} from './store-backends';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

let redis: Redis;
let proxy: TcpProxy;
const used: Principal[] = [];
const stores: RedisStore[] = [];

const user = (): Principal => {
  const u = newUser();
  used.push(u);
  return u;
};
const storeAt = (url: string, timeoutMs: number): RedisStore => {
  const store = createRedisStore({ url, keyPrefix: TEST_PREFIX, timeoutMs });
  stores.push(store);
  return store;
};
/** Every operation once, with the user's text in it (which must never reach the log). */
const everyOp = (store: RedisStore, u: Principal): Promise<unknown>[] => [
  store.forUser(u, null).list(),
  store.forUser(u, null).add('secret to-do text', 'k'),
  store.forUser(u, null).update(1, { value: 'secret to-do text' }),
  store.forUser(u, null).remove(1),
  store.forUser(u, null).setAllDone(true),
  store.forUser(u, null).removeDone(),
  store.forUser(u, null).eraseOwnData(),
  store.eraseUser(u),
  store.ping(),
];

beforeAll(async () => {
  [redis, proxy] = await Promise.all([connectRedis(), startTcpProxy()]);
});
afterEach(async () => {
  vi.restoreAllMocks();
  proxy.setMode('pass');
  await Promise.all(stores.splice(0).map((s) => s.close()));
  const keys = used.splice(0).flatMap(userKeys);
  if (keys.length > 0) await redis.del(...keys);
});
afterAll(async () => {
  await proxy?.close();
  redis?.disconnect();
});

describe('redis store: Redis down', () => {
  it('answers store_unavailable at once for a closed port, long before its deadline', async () => {
    const port = await freePort(); // nothing listens there
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A 60 s deadline and a 10 s test timeout: only a prompt refusal can pass.
    const store = storeAt(`redis://:hunter2-secret@127.0.0.1:${port}`, 60_000);
    const outcomes = await Promise.all(everyOp(store, user()).map((op) => failureOf(op)));
    expect(outcomes).toEqual(outcomes.map(() => 'store_unavailable'));
    const logged = log.mock.calls.flat().map(String).join('\n');
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).not.toContain('hunter2-secret');
    expect(logged).not.toContain('secret to-do text');
  }, 10_000);

  it('answers store_unavailable by the injected deadline when Redis never answers, and never writes later', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const u = user();
    const store = storeAt(`redis://127.0.0.1:${proxy.port}`, 200);
    proxy.setMode('hold'); // the connection is accepted, the handshake never answered
    const writer = user(); // only adds: nothing of this user's may ever appear
    const outcomes = await Promise.all(
      [
        ...everyOp(store, u),
        store.forUser(writer, null).add('late?'),
        store.forUser(writer, null).add('late?', 'key'),
      ].map((op) => failureOf(op)),
    );
    expect(outcomes).toEqual(outcomes.map(() => 'store_unavailable'));

    // Let whatever the client had sent or queued through now: nothing may arrive.
    proxy.release();
    expect(await store.forUser(u, null).list()).toEqual([]); // reconnected on its own
    expect(await store.forUser(writer, null).list()).toEqual([]);
    const keys = testKeys(writer);
    expect(await redis.exists(keys.items, keys.seq, keys.idem)).toBe(0);
  });

  it('fails a call on an open connection that stops answering, then reconnects', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const u = user();
    const store = storeAt(`redis://127.0.0.1:${proxy.port}`, 200);
    await store.forUser(u, null).add('before'); // connected and answering
    proxy.setMode('hold');
    expect(await failureOf(store.forUser(u, null).list())).toBe('store_unavailable');
    proxy.release();
    expect((await store.forUser(u, null).list()).map((i) => i.value)).toEqual(['before']);
  });
});

describe('redis store: connection', () => {
  it('reuses one connection for every call and says QUIT on close', async () => {
    const u = user();
    const name = 'hc-todo';
    const store = storeAt('redis://127.0.0.1:6379', 2_000);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.forUser(u, null).add(`v${i}`)));
    await store.forUser(u, null).list();
    const clients = (await redis.client('LIST')) as string;
    const ours = clients.split('\n').filter((line) => line.includes(`name=${name}`));
    expect(ours.length).toBeGreaterThanOrEqual(1);
    const before = ours.length;
    await store.close();
    const after = ((await redis.client('LIST')) as string)
      .split('\n')
      .filter((line) => line.includes(`name=${name}`));
    expect(after.length).toBe(before - 1);
  });
});
