/**
 * What KV and Redis promise beyond the shared contract, through their common key layout: the
 * hash-tagged keys, eviction safety, idempotency-key expiry and the sliding log on the server
 * clock — arranged by writing the keys directly in the real Redis.
 */
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/principal';
import { StoreError, type Quota } from '@/lib/store/types';
import {
  failureOf,
  kvBackend,
  redisBackend,
  testKeys,
  type Backend,
  useBackend,
  useRedis,
} from './store-backends';

/** The Redis server's clock in ms, the one the scripts use. */
async function serverNow(redis: Redis): Promise<number> {
  const [sec, usec] = await redis.time();
  return Number(sec) * 1000 + Math.floor(Number(usec) / 1000);
}

describe.each<Backend>([kvBackend, redisBackend])('redis key layout: $name', (backend) => {
  const bk = useBackend(backend);
  const user = (): Principal => bk.user();
  const redis = useRedis();

  it('keeps every key of a user under one hash tag, with bounded lifetimes', async () => {
    const u = user();
    const k = testKeys(u);
    await bk.open.store.forUser(u, { kind: 'write', perMinute: 10 }).add('{"a":1}', 'key-1');
    const { item: b } = await bk.add(u, 'b');
    await bk.todos(u).remove(1);

    const tag = `{${u.subdomain}:${u.userId}}`;
    const found = await redis.keys(`hc-todo-test:${tag}:*`);
    expect(found.sort()).toEqual([k.idem, k.idemExpiry, k.items, k.seq, k.writes].sort());
    expect(k.items).toBe(`hc-todo-test:${tag}:items`);
    expect(await redis.get(k.seq)).toBe('2');
    // Record format 2 in its fixed layout, `v` last (see lib/store/record-format.ts).
    const record = `{"id":2,"done":false,"created_at":"${b.createdAt}","updated_at":"${b.updatedAt}","value":"b","v":2}`;
    expect(await redis.hgetall(k.items)).toEqual({ '2': record });
    expect(await redis.hget(k.idem, 'key-1')).toBe('1');
    // The counter and the items never expire; keys and logs do.
    expect(await redis.pttl(k.items)).toBe(-1);
    expect(await redis.pttl(k.seq)).toBe(-1);
    for (const key of [k.idem, k.idemExpiry]) {
      expect(await redis.pttl(key)).toBeGreaterThan(23 * 3600_000);
      expect(await redis.pttl(key)).toBeLessThanOrEqual(24 * 3600_000);
    }
    expect(await redis.pttl(k.writes)).toBeGreaterThan(0);
    expect(await redis.pttl(k.writes)).toBeLessThanOrEqual(60_000);
  });

  it('re-seeds a lost id counter above the highest item instead of overwriting', async () => {
    const u = user();
    for (const v of ['a', 'b', 'c']) await bk.add(u, v);
    await bk.todos(u).remove(1);
    await bk.open.dropCounter!(u);
    const { item, items } = await bk.add(u, 'd');
    expect(item.id).toBe(4);
    expect(items.map((i) => [i.id, i.value])).toEqual([
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
    // A counter behind the items (restored from an old backup, set by hand) is raised too.
    await redis.set(testKeys(u).seq, '1');
    expect((await bk.add(u, 'e')).item.id).toBe(5);
    expect((await bk.todos(u).list()).map((i) => i.value)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('keeps ids unique after erasing own data with a lost counter', async () => {
    const u = user();
    for (const v of ['a', 'b', 'c']) await bk.add(u, v);
    await bk.open.dropCounter!(u);
    expect(await bk.todos(u).eraseOwnData()).toBe(3);
    expect((await bk.add(u, 'after')).item.id).toBe(4);
  });

  it('forgets an Idempotency-Key once it expires, and prunes it', async () => {
    const u = user();
    const k = testKeys(u);
    await bk.todos(u).add('first', 'old-key');
    await redis.zadd(k.idemExpiry, (await serverNow(redis)) - 1, 'old-key');
    const again = await bk.todos(u).add('second', 'other-key');
    expect(again.created).toBe(true);
    expect(await redis.hget(k.idem, 'old-key')).toBeNull();
    expect(await redis.zscore(k.idemExpiry, 'old-key')).toBeNull();
    const reused = await bk.todos(u).add('third', 'old-key');
    expect([reused.created, reused.item?.id]).toEqual([true, 3]);
  });

  describe('sliding log on the server clock', () => {
    const writes: Quota = { kind: 'write', perMinute: 3 };

    it('refuses until the oldest counted request is 60 s old, without counting the refusal', async () => {
      const u = user();
      const log = testKeys(u).writes;
      const now = await serverNow(redis);
      await redis.rpush(log, now - 30_000, now - 20_000, now - 1_000);
      try {
        await bk.open.store.forUser(u, writes).add('refused');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(StoreError);
        expect((error as StoreError).code).toBe('rate_limited');
        // ceil((oldest + 60 s − now) / 1 s): 30 s, less the few ms since `now`.
        expect((error as StoreError).retryAfterSeconds).toBe(30);
      }
      expect(await redis.llen(log)).toBe(3);
      expect(await bk.todos(u).list()).toEqual([]);
    });

    it('drops requests older than 60 s from the log', async () => {
      const u = user();
      const log = testKeys(u).writes;
      const now = await serverNow(redis);
      await redis.rpush(log, now - 61_000, now - 60_000, now - 1_000);
      expect(await failureOf(bk.open.store.forUser(u, writes).add('a'))).toBe('resolved');
      expect(await failureOf(bk.open.store.forUser(u, writes).add('b'))).toBe('resolved');
      expect(await failureOf(bk.open.store.forUser(u, writes).add('c'))).toBe('rate_limited');
      expect(await redis.llen(log)).toBe(3);
    });
  });
});
