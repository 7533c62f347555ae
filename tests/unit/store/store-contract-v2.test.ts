/**
 * The v2 half of the TodoStore contract, run against all three backends: bulk operations,
 * erasure, idempotent adds and the per-user rate limit counted inside the store call.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/principal';
import { MAX_ITEMS_PER_USER, StoreError, type Quota, type TodoItem } from '@/lib/store/types';
import {
  BACKENDS,
  failureOf,
  newUser,
  plain,
  type Backend,
  type OpenBackend,
  type PlainStore,
} from './store-backends';

const ids = (items: TodoItem[]): number[] => items.map((item) => item.id);
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
  let open: OpenBackend;
  let s: PlainStore;
  const used: Principal[] = [];
  const user = (): Principal => {
    const u = newUser();
    used.push(u);
    return u;
  };

  beforeAll(async () => {
    open = await backend.open();
    s = plain(open.store);
  });
  afterEach(async () => {
    await Promise.all(used.splice(0).map((u) => open.forget(u)));
  });
  afterAll(async () => {
    await open?.close();
  });

  describe('bulk operations', () => {
    it('sets every item done; only the items that change get a new updated_at', async () => {
      const u = user();
      const a = (await s.add(u, 'a')).todo_item;
      const b = (await s.add(u, 'b')).todo_item;
      const doneB = (await s.update(u, b.id, { done: true })).todo_item;
      await after(doneB.updated_at);

      const all = await open.store.setAllDone(u, null, true);
      expect(all.map((i) => i.done)).toEqual([true, true]);
      expect(all[0]!.updated_at > a.updated_at, `${all[0]!.updated_at} > ${a.updated_at}`).toBe(
        true,
      );
      expect(all[1]).toEqual(doneB); // unchanged, timestamps included
      expect(await s.list(u)).toEqual(all);

      const none = await open.store.setAllDone(u, null, false);
      expect(none.map((i) => [i.id, i.value, i.done])).toEqual([
        [a.id, 'a', false],
        [b.id, 'b', false],
      ]);
      expect(await open.store.setAllDone(user(), null, true)).toEqual([]);
    });

    it('clears completed items and says how many', async () => {
      const u = user();
      for (const v of ['a', 'b', 'c', 'd']) await s.add(u, v);
      await s.update(u, 2, { done: true });
      await s.update(u, 4, { done: true });
      const cleared = await open.store.removeDone(u, null);
      expect(cleared.deleted).toBe(2);
      expect(cleared.todo_items.map((i) => i.value)).toEqual(['a', 'c']);
      expect(await open.store.removeDone(u, null)).toEqual({
        deleted: 0,
        todo_items: cleared.todo_items,
      });
      expect((await s.add(u, 'e')).todo_item.id).toBe(5); // ids are not reused
    });
  });

  describe('erasure', () => {
    it('erases own data: items and idempotency keys go, the id counter stays', async () => {
      const u = user();
      await open.store.add(u, null, 'a', 'key-1');
      await s.add(u, 'b');
      expect(await open.store.eraseOwnData(u, null)).toBe(2);
      expect(await s.list(u)).toEqual([]);
      // The key is forgotten (a new item), and the id continues after the erased ones.
      const again = await open.store.add(u, null, 'c', 'key-1');
      expect([again.created, again.todo_item?.id]).toEqual([true, 3]);
      expect(await open.store.eraseOwnData(user(), null)).toBe(0);
    });

    it('erases a user entirely: counter and rate-limit state too; unknown users count 0', async () => {
      const u = user();
      const writes: Quota = { kind: 'write', perMinute: 2 };
      await open.store.add(u, writes, 'a');
      await open.store.add(u, writes, 'b');
      expect(await failureOf(open.store.add(u, writes, 'c'))).toBe('rate_limited');

      expect(await open.store.eraseUser(u)).toBe(2);
      expect(await s.list(u)).toEqual([]);
      const fresh = await open.store.add(u, writes, 'new life');
      expect(fresh.todo_item?.id).toBe(1);
      expect(await open.store.eraseUser(user())).toBe(0);
      expect(await open.store.eraseUser(u)).toBe(1);
    });
  });

  describe('idempotent adds', () => {
    it('answers a repeated key with the first item, adding nothing, whatever the value', async () => {
      const u = user();
      const first = await open.store.add(u, null, 'milk', 'abc-1');
      expect(first.created).toBe(true);
      const repeat = await open.store.add(u, null, 'something else', 'abc-1');
      expect(repeat).toEqual({
        created: false,
        todo_item: first.todo_item,
        todo_items: [first.todo_item],
      });

      const other = await open.store.add(u, null, 'bread', 'abc-2');
      expect([other.created, other.todo_items.length]).toEqual([true, 2]);
      // The item changed since: the repeat shows it as it is now.
      const done = (await s.update(u, first.todo_item!.id, { done: true })).todo_item;
      expect((await open.store.add(u, null, 'milk', 'abc-1')).todo_item).toEqual(done);
    });

    it('answers null for an item deleted since, and never re-adds it', async () => {
      const u = user();
      const first = await open.store.add(u, null, 'milk', 'k');
      await s.remove(u, first.todo_item!.id);
      expect(await open.store.add(u, null, 'milk', 'k')).toEqual({
        created: false,
        todo_item: null,
        todo_items: [],
      });
    });

    it('keeps keys of different users apart', async () => {
      const [u1, u2] = [user(), user()];
      const a = await open.store.add(u1, null, 'one', 'shared');
      const b = await open.store.add(u2, null, 'two', 'shared');
      expect([a.created, b.created]).toEqual([true, true]);
      expect((await s.list(u2)).map((i) => i.value)).toEqual(['two']);
    });

    it('checks the key before the cap: a repeat at 500 items is not limit_reached', async () => {
      const u = user();
      const first = await open.store.add(u, null, 'first', 'before-cap');
      await Promise.all(range(2, MAX_ITEMS_PER_USER).map((n) => s.add(u, `item ${n}`)));
      expect(await failureOf(open.store.add(u, null, 'new', 'fresh-key'))).toBe('limit_reached');
      const repeat = await open.store.add(u, null, 'first', 'before-cap');
      expect([repeat.created, repeat.todo_item]).toEqual([false, first.todo_item]);
      expect(repeat.todo_items).toHaveLength(MAX_ITEMS_PER_USER);
    });

    it('lets exactly one of 20 concurrent adds with one key create an item', async () => {
      const u = user();
      const results = await Promise.all(
        range(1, 20).map((n) => open.store.add(u, null, `try ${n}`, 'same-key')),
      );
      const created = results.filter((r) => r.created);
      expect(created).toHaveLength(1);
      const list = await s.list(u);
      expect(list).toEqual([created[0]!.todo_item]);
      for (const r of results) expect(r.todo_item).toEqual(created[0]!.todo_item);
    });
  });

  describe('rate limits', () => {
    const writes: Quota = { kind: 'write', perMinute: 3 };
    const reads: Quota = { kind: 'read', perMinute: 2 };

    it('allows perMinute writes, then refuses with Retry-After and does nothing', async () => {
      const u = user();
      for (const v of ['a', 'b']) await open.store.add(u, writes, v);
      await open.store.setAllDone(u, writes, true);
      const refused = await refusalOf(open.store.add(u, writes, 'too many'));
      expect(refused).toEqual(['rate_limited', expect.any(Number)]);
      const [, retryAfter] = refused as [string, number];
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Every kind of write is refused the same way, before any work.
      for (const op of [
        open.store.update(u, writes, 1, { value: 'x' }),
        open.store.remove(u, writes, 1),
        open.store.remove(u, writes, 999),
        open.store.setAllDone(u, writes, false),
        open.store.removeDone(u, writes),
        open.store.eraseOwnData(u, writes),
      ]) {
        expect(await failureOf(op)).toBe('rate_limited');
      }
      expect((await s.list(u)).map((i) => [i.value, i.done])).toEqual([
        ['a', true],
        ['b', true],
      ]);
    });

    it('names the limit in the message', async () => {
      const u = user();
      const one: Quota = { kind: 'write', perMinute: 1 };
      await open.store.add(u, one, 'a');
      await expect(open.store.add(u, one, 'b')).rejects.toThrow(/at most 1 writes a minute/);
    });

    it('counts reads and writes apart, per user; a null quota is never counted', async () => {
      const [u, other] = [user(), user()];
      await open.store.list(u, reads);
      await open.store.list(u, reads);
      expect(await failureOf(open.store.list(u, reads))).toBe('rate_limited');
      expect(await failureOf(open.store.add(u, writes, 'a write'))).toBe('resolved');
      expect(await failureOf(open.store.list(other, reads))).toBe('resolved');
      expect(await failureOf(open.store.list(u, null))).toBe('resolved');
      expect(await failureOf(s.add(u, 'uncounted'))).toBe('resolved');
    });

    it('counts a repeated idempotent add, and a not_found write', async () => {
      const u = user();
      await open.store.add(u, writes, 'a', 'k');
      await open.store.add(u, writes, 'a', 'k');
      expect(await failureOf(open.store.remove(u, writes, 424242))).toBe('not_found');
      expect(await failureOf(open.store.add(u, writes, 'a', 'k'))).toBe('rate_limited');
    });

    it('lets exactly perMinute of 20 concurrent writes through', async () => {
      const u = user();
      const outcomes = await Promise.all(
        range(1, 20).map((n) => failureOf(open.store.add(u, writes, `w${n}`))),
      );
      expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'rate_limited')).toHaveLength(17);
      expect(ids(await s.list(u))).toEqual([1, 2, 3]);
    });
  });
});
