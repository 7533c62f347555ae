/**
 * The v2 half of the TodoStore contract, run against all three backends: bulk operations,
 * erasure, idempotent adds and the per-user rate limit counted inside the store call.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/principal';
import {
  MAX_IDEMPOTENCY_KEYS_PER_USER,
  MAX_ITEMS_PER_USER,
  StoreError,
  type Quota,
  type Todo,
} from '@/lib/store/types';
import { BACKENDS, failureOf, type Backend, useBackend } from './store-backends';

const ids = (items: Todo[]): number[] => items.map((item) => item.id);
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Resolves once the clock has moved past `iso`, so a later write gets a later timestamp. */
async function after(iso: string): Promise<void> {
  while (new Date().toISOString() <= iso) await new Promise((r) => setTimeout(r, 1));
}

/** The refusal a call ended with: code and Retry-After, or 'resolved'. */
async function refusalOf(call: Promise<unknown>): Promise<string | [string, number | undefined]> {
  try {
    await call;
    return 'resolved';
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return [error.code, error.retryAfterSeconds];
  }
}

describe.each<Backend>(BACKENDS)('TodoStore contract v2: $name', (backend) => {
  const bk = useBackend(backend);
  const user = (): Principal => bk.user();

  describe('bulk operations', () => {
    it('sets every item done; only the items that change get a new updatedAt', async () => {
      const u = user();
      const a = (await bk.add(u, 'a')).item;
      const b = (await bk.add(u, 'b')).item;
      const doneB = (await bk.todos(u).update(b.id, { done: true })).item;
      await after(doneB.updatedAt);

      const all = await bk.todos(u).setAllDone(true);
      expect(all.map((i) => i.done)).toEqual([true, true]);
      expect(all[0]!.updatedAt > a.updatedAt, `${all[0]!.updatedAt} > ${a.updatedAt}`).toBe(true);
      expect(all[1]).toEqual(doneB); // unchanged, timestamps included
      expect(await bk.todos(u).list()).toEqual(all);

      const none = await bk.todos(u).setAllDone(false);
      expect(none.map((i) => [i.id, i.value, i.done])).toEqual([
        [a.id, 'a', false],
        [b.id, 'b', false],
      ]);
      expect(await bk.todos(user()).setAllDone(true)).toEqual([]);
    });

    it('clears completed items and says how many', async () => {
      const u = user();
      for (const v of ['a', 'b', 'c', 'd']) await bk.add(u, v);
      await bk.todos(u).update(2, { done: true });
      await bk.todos(u).update(4, { done: true });
      const cleared = await bk.todos(u).removeDone();
      expect(cleared.deleted).toBe(2);
      expect(cleared.items.map((i) => i.value)).toEqual(['a', 'c']);
      expect(await bk.todos(u).removeDone()).toEqual({
        deleted: 0,
        items: cleared.items,
      });
      expect((await bk.add(u, 'e')).item.id).toBe(5); // ids are not reused
    });
  });

  describe('erasure', () => {
    it('erases own data: items and idempotency keys go, the id counter stays', async () => {
      const u = user();
      await bk.todos(u).add('a', 'key-1');
      await bk.add(u, 'b');
      expect(await bk.todos(u).eraseOwnData()).toBe(2);
      expect(await bk.todos(u).list()).toEqual([]);
      // The key is forgotten (a new item), and the id continues after the erased ones.
      const again = await bk.todos(u).add('c', 'key-1');
      expect([again.created, again.item?.id]).toEqual([true, 3]);
      expect(await bk.todos(user()).eraseOwnData()).toBe(0);
    });

    it('erases a user entirely: counter and rate-limit state too; unknown users count 0', async () => {
      const u = user();
      const writes: Quota = { kind: 'write', perMinute: 2 };
      await bk.open.store.forUser(u, writes).add('a');
      await bk.open.store.forUser(u, writes).add('b');
      expect(await failureOf(bk.open.store.forUser(u, writes).add('c'))).toBe('rate_limited');

      expect(await bk.open.store.eraseUser(u)).toBe(2);
      expect(await bk.todos(u).list()).toEqual([]);
      const fresh = await bk.open.store.forUser(u, writes).add('new life');
      expect(fresh.item?.id).toBe(1);
      expect(await bk.open.store.eraseUser(user())).toBe(0);
      expect(await bk.open.store.eraseUser(u)).toBe(1);
    });
  });

  describe('idempotent adds', () => {
    it('answers a repeated key with the first item, adding nothing, whatever the value', async () => {
      const u = user();
      const first = await bk.todos(u).add('milk', 'abc-1');
      expect(first.created).toBe(true);
      const repeat = await bk.todos(u).add('something else', 'abc-1');
      expect(repeat).toEqual({
        created: false,
        item: first.item,
        items: [first.item],
      });

      const other = await bk.todos(u).add('bread', 'abc-2');
      expect([other.created, other.items.length]).toEqual([true, 2]);
      // The item changed since: the repeat shows it as it is now.
      const done = (await bk.todos(u).update(first.item!.id, { done: true })).item;
      expect((await bk.todos(u).add('milk', 'abc-1')).item).toEqual(done);
    });

    it('answers null for an item deleted since, and never re-adds it', async () => {
      const u = user();
      const first = await bk.todos(u).add('milk', 'k');
      await bk.todos(u).remove(first.item!.id);
      expect(await bk.todos(u).add('milk', 'k')).toEqual({
        created: false,
        item: null,
        items: [],
      });
    });

    it('keeps keys of different users apart', async () => {
      const [u1, u2] = [user(), user()];
      const a = await bk.todos(u1).add('one', 'shared');
      const b = await bk.todos(u2).add('two', 'shared');
      expect([a.created, b.created]).toEqual([true, true]);
      expect((await bk.todos(u2).list()).map((i) => i.value)).toEqual(['two']);
    });

    it('checks the key before the cap: a repeat at 500 items is not limit_reached', async () => {
      const u = user();
      const first = await bk.todos(u).add('first', 'before-cap');
      await Promise.all(range(2, MAX_ITEMS_PER_USER).map((n) => bk.add(u, `item ${n}`)));
      expect(await failureOf(bk.todos(u).add('new', 'fresh-key'))).toBe('limit_reached');
      const repeat = await bk.todos(u).add('first', 'before-cap');
      expect([repeat.created, repeat.item]).toEqual([false, first.item]);
      expect(repeat.items).toHaveLength(MAX_ITEMS_PER_USER);
    });

    it(`remembers only the newest ${MAX_IDEMPOTENCY_KEYS_PER_USER} keys per user`, async () => {
      const u = user();
      const key = (n: number): string => `key-${n}`;
      const past = MAX_IDEMPOTENCY_KEYS_PER_USER + 5;
      // Each add is removed again, so the item cap never stands in the way.
      for (let n = 1; n <= past; n++) {
        const added = await bk.todos(u).add(`item ${n}`, key(n));
        await bk.todos(u).remove(added.item!.id);
      }
      expect(await bk.open.rememberedKeys(u)).toBe(MAX_IDEMPOTENCY_KEYS_PER_USER);
      // The newest and the oldest still remembered deduplicate (their items are gone: null)…
      for (const n of [past, past - MAX_IDEMPOTENCY_KEYS_PER_USER + 1]) {
        expect(await bk.todos(u).add('again', key(n))).toEqual({
          created: false,
          item: null,
          items: [],
        });
      }
      // …and the one just before it was forgotten: its repeat adds again.
      const forgotten = await bk.todos(u).add('again', key(5));
      expect([forgotten.created, forgotten.items.map((i) => i.value)]).toEqual([true, ['again']]);
      expect(await bk.open.rememberedKeys(u)).toBe(MAX_IDEMPOTENCY_KEYS_PER_USER);
    }, 120_000);

    it('lets exactly one of 20 concurrent adds with one key create an item', async () => {
      const u = user();
      const results = await Promise.all(
        range(1, 20).map((n) => bk.todos(u).add(`try ${n}`, 'same-key')),
      );
      const created = results.filter((r) => r.created);
      expect(created).toHaveLength(1);
      const list = await bk.todos(u).list();
      expect(list).toEqual([created[0]!.item]);
      for (const r of results) expect(r.item).toEqual(created[0]!.item);
    });
  });

  describe('rate limits', () => {
    const writes: Quota = { kind: 'write', perMinute: 3 };
    const reads: Quota = { kind: 'read', perMinute: 2 };

    it('allows perMinute writes, then refuses with Retry-After and does nothing', async () => {
      const u = user();
      for (const v of ['a', 'b']) await bk.open.store.forUser(u, writes).add(v);
      await bk.open.store.forUser(u, writes).setAllDone(true);
      const refused = await refusalOf(bk.open.store.forUser(u, writes).add('too many'));
      expect(refused).toEqual(['rate_limited', expect.any(Number)]);
      const [, retryAfter] = refused as [string, number];
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Every kind of write is refused the same way, before any work.
      for (const op of [
        bk.open.store.forUser(u, writes).update(1, { value: 'x' }),
        bk.open.store.forUser(u, writes).remove(1),
        bk.open.store.forUser(u, writes).remove(999),
        bk.open.store.forUser(u, writes).setAllDone(false),
        bk.open.store.forUser(u, writes).removeDone(),
        bk.open.store.forUser(u, writes).eraseOwnData(),
      ]) {
        expect(await failureOf(op)).toBe('rate_limited');
      }
      expect((await bk.todos(u).list()).map((i) => [i.value, i.done])).toEqual([
        ['a', true],
        ['b', true],
      ]);
    });

    it('names the limit in the message', async () => {
      const u = user();
      const one: Quota = { kind: 'write', perMinute: 1 };
      await bk.open.store.forUser(u, one).add('a');
      await expect(bk.open.store.forUser(u, one).add('b')).rejects.toThrow(
        /at most 1 writes a minute/,
      );
    });

    it('counts reads and writes apart, per user; a null quota is never counted', async () => {
      const [u, other] = [user(), user()];
      await bk.open.store.forUser(u, reads).list();
      await bk.open.store.forUser(u, reads).list();
      expect(await failureOf(bk.open.store.forUser(u, reads).list())).toBe('rate_limited');
      expect(await failureOf(bk.open.store.forUser(u, writes).add('a write'))).toBe('resolved');
      expect(await failureOf(bk.open.store.forUser(other, reads).list())).toBe('resolved');
      expect(await failureOf(bk.todos(u).list())).toBe('resolved');
      expect(await failureOf(bk.add(u, 'uncounted'))).toBe('resolved');
    });

    it('counts a repeated idempotent add, and a not_found write', async () => {
      const u = user();
      await bk.open.store.forUser(u, writes).add('a', 'k');
      await bk.open.store.forUser(u, writes).add('a', 'k');
      expect(await failureOf(bk.open.store.forUser(u, writes).remove(424242))).toBe('not_found');
      expect(await failureOf(bk.open.store.forUser(u, writes).add('a', 'k'))).toBe('rate_limited');
    });

    it('lets exactly perMinute of 20 concurrent writes through', async () => {
      const u = user();
      const outcomes = await Promise.all(
        range(1, 20).map((n) => failureOf(bk.open.store.forUser(u, writes).add(`w${n}`))),
      );
      expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'rate_limited')).toHaveLength(17);
      expect(ids(await bk.todos(u).list())).toEqual([1, 2, 3]);
    });
  });
});
