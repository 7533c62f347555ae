/**
 * Bulk operations and erasure, run against all three backends: toggle all, clear completed,
 * "delete all my data" (the id counter stays) and the deletion webhook's full erasure.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/principal';
import type { Quota } from '@/lib/store/types';
import { BACKENDS, failureOf, type Backend, useBackend } from './store-backends';

/** Resolves once the clock has moved past `iso`, so a later write gets a later timestamp. */
async function after(iso: string): Promise<void> {
  while (new Date().toISOString() <= iso) await new Promise((r) => setTimeout(r, 1));
}

describe.each<Backend>(BACKENDS)('TodoStore bulk operations and erasure: $name', (backend) => {
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
});
