/**
 * Why the allow-key-locking shebang goes to Upstash only: the real Redis refuses a
 * flag it does not know, so the Redis store must send the shared scripts unchanged — and does.
 * (The KV side, that every script reaches the bridge flagged, is in upstash-store.test.ts.)
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/principal';
import * as scripts from '@/lib/store/redis-scripts';
import { createRedisStore } from '@/lib/store/redis-store';
import type { Quota } from '@/lib/store/types';
import { withKeyLocking } from '@/lib/store/upstash-key-locking';
import { connectRedis, newUser, REDIS_URL, TEST_PREFIX, userKeys } from './store-backends';

let redis: Redis;
const used: Principal[] = [];
const user = (): Principal => {
  const u = newUser();
  used.push(u);
  return u;
};

beforeAll(async () => {
  redis = await connectRedis();
});
afterEach(async () => {
  const keys = used.splice(0).flatMap(userKeys);
  if (keys.length > 0) await redis.del(...keys);
});
afterAll(() => redis?.disconnect());

describe('the allow-key-locking shebang and real Redis', () => {
  it('is refused by Redis for every store script, before anything runs', async () => {
    const keys = userKeys(user());
    const args = ['', '0', String(Date.now())];
    for (const [name, script] of Object.entries(scripts)) {
      const refused = redis.eval(withKeyLocking(script), keys.length, ...keys, ...args);
      await expect(refused, name).rejects.toThrow(
        /Unexpected flag in script shebang: allow-key-locking/,
      );
    }
    expect(await redis.exists(...keys)).toBe(0);
    // The same script without the line runs.
    expect(await redis.eval(scripts.LIST_SCRIPT, keys.length, ...keys, ...args)).toEqual([
      'ok',
      0,
      '',
    ]);
  });

  it('is not sent by the Redis store: every operation runs on the real Redis', async () => {
    const store = createRedisStore({ url: REDIS_URL, keyPrefix: TEST_PREFIX, timeoutMs: 10_000 });
    try {
      const u = user();
      const q: Quota = { kind: 'write', perMinute: 100 };
      expect((await store.forUser(u, q).add('one')).created).toBe(true);
      expect((await store.forUser(u, q).update(1, { done: true })).item.done).toBe(true);
      expect(await store.forUser(u, { kind: 'read', perMinute: 100 }).list()).toHaveLength(1);
      expect(await store.forUser(u, q).setAllDone(true)).toHaveLength(1);
      expect((await store.forUser(u, q).removeDone()).deleted).toBe(1);
      await store.forUser(u, q).add('two');
      expect(await store.forUser(u, q).remove(2)).toEqual([]);
      await store.forUser(u, q).add('three');
      expect(await store.forUser(u, q).eraseOwnData()).toBe(1);
      await store.forUser(u, q).add('four');
      expect(await store.eraseUser(u)).toBe(1);
    } finally {
      await store.close();
    }
  });
});
