/**
 * The versioned item record of KV and Redis (lib/store/record-format.ts): Node and the scripts
 * read every known format in any field order, write the current one on touch, and refuse a
 * newer one (503) without writing. Records are arranged by hand in the real Redis.
 */
import { describe, expect, it, vi } from 'vitest';
import { RECORD_FORMAT, readRecord } from '@/lib/store/record-format';
import { StoreError } from '@/lib/store/types';
import {
  failureOf,
  kvBackend,
  redisBackend,
  testKeys,
  type Backend,
  useBackend,
  useRedis,
} from './store-backends';

const AT = '2024-05-01T10:00:00.000Z';
const v1 = (id: number, done: boolean, value: string): string =>
  `{"id":${id},"done":${done},"created_at":"${AT}","updated_at":"${AT}","value":${JSON.stringify(value)}}`;

describe('readRecord (Node)', () => {
  it('reads format 1 and format 2, in any field order', () => {
    const item = { id: 7, done: true, createdAt: AT, updatedAt: AT, value: 'a/b "c"' };
    expect(readRecord(v1(7, true, 'a/b "c"'))).toEqual(item);
    const stored = { id: 7, done: true, created_at: AT, updated_at: AT };
    const reordered = JSON.stringify({ v: 2, value: item.value, ...stored });
    expect(readRecord(reordered)).toEqual(item);
    expect(readRecord(reordered.replace('a/b', 'a\\/b'))).toEqual(item); // cjson's `\/`
  });

  it('refuses a newer format as store_unavailable, naming the reason in the log', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const newer = JSON.stringify({ ...JSON.parse(v1(1, false, 'x')), v: RECORD_FORMAT + 1 });
    expect(() => readRecord(newer)).toThrow(StoreError);
    expect(String(log.mock.calls[0])).toContain(
      `format ${RECORD_FORMAT + 1}; this hc-todo knows up to ${RECORD_FORMAT}: upgrade hc-todo`,
    );
    log.mockRestore();
  });

  it('refuses anything else as unreadable (a 500, not an outage)', () => {
    const bad = [
      'not json',
      '[]',
      '{"id":1}',
      v1(1, false, 'x').replace('"done":false', '"done":"false"'),
      v1(1, false, 'x').replace('}', ',"v":"2"}'),
      v1(1, false, 'x').replace('}', ',"v":0}'),
      v1(1.5, false, 'x'),
    ];
    for (const raw of bad) {
      expect(() => readRecord(raw)).toThrow(/unreadable record/);
      expect(() => readRecord(raw)).not.toThrow(StoreError);
    }
  });
});

describe.each<Backend>([kvBackend, redisBackend])(
  'record formats in the scripts: $name',
  (backend) => {
    const bk = useBackend(backend);
    const redis = useRedis();

    it('rewrites a format-1 record as current when it writes it, and leaves the rest alone', async () => {
      const u = bk.user();
      const items = testKeys(u).items;
      await redis.hset(items, '1', v1(1, false, 'touched'), '2', v1(2, true, 'kept'));
      await redis.set(testKeys(u).seq, '2');

      const { item } = await bk.todos(u).update(1, { done: true });
      expect(item).toMatchObject({ id: 1, value: 'touched', done: true, createdAt: AT });
      expect(JSON.parse((await redis.hget(items, '1'))!)).toMatchObject({
        v: 2,
        id: 1,
        done: true,
      });
      expect(await redis.hget(items, '2')).toBe(v1(2, true, 'kept'));
      expect((await bk.todos(u).list()).map((i) => [i.id, i.done])).toEqual([
        [1, true],
        [2, true],
      ]);
    });

    it('reads a current record in another field order', async () => {
      const u = bk.user();
      const rec = { v: 2, value: 'x', updated_at: AT, created_at: AT, done: true, id: 5 };
      await redis.hset(testKeys(u).items, '5', JSON.stringify(rec));
      expect((await bk.todos(u).removeDone()).deleted).toBe(1);
    });

    it('writes an integer id, never cjson’s 14 significant digits', async () => {
      const u = bk.user();
      const top = Number.MAX_SAFE_INTEGER - 1;
      await redis.set(testKeys(u).seq, String(top - 1));
      const { item } = await bk.add(u, 'big');
      expect(item.id).toBe(top);
      await bk.todos(u).setAllDone(true);
      expect(await redis.hget(testKeys(u).items, String(top))).toMatch(`{"id":${top},"done":true,`);
    });

    it('refuses a newer record in every call that reads records, writing nothing', async () => {
      const u = bk.user();
      const items = testKeys(u).items;
      const newer = JSON.stringify({ ...JSON.parse(v1(2, true, 'future')), v: 99, due: 'x' });
      await redis.hset(items, '1', v1(1, true, 'old'), '2', newer);
      const before = await redis.hgetall(items);
      const log = vi.spyOn(console, 'error').mockImplementation(() => {});
      const store = bk.open.store;
      expect(await failureOf(store.forUser(u, null).list())).toBe('store_unavailable');
      expect(await failureOf(store.forUser(u, null).update(2, { done: false }))).toBe(
        'store_unavailable',
      );
      expect(await failureOf(store.forUser(u, null).setAllDone(false))).toBe('store_unavailable');
      expect(await failureOf(store.forUser(u, null).removeDone())).toBe('store_unavailable');
      expect(log.mock.calls.flat().map(String).join('\n')).toContain(
        'has format 99; this hc-todo knows up to 2: upgrade hc-todo',
      );
      log.mockRestore();
      expect(await redis.hgetall(items)).toEqual(before);
    });
  },
);
