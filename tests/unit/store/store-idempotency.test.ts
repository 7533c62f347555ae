/**
 * Idempotent adds, run against all three backends: a repeated key adds nothing and answers the
 * first item, keys of users never collide, the key is checked before the cap, and only the
 * newest MAX_IDEMPOTENCY_KEYS_PER_USER keys are remembered.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/principal';
import { MAX_IDEMPOTENCY_KEYS_PER_USER, MAX_ITEMS_PER_USER } from '@/lib/store/types';
import { BACKENDS, failureOf, type Backend, useBackend } from './store-backends';

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.each<Backend>(BACKENDS)('TodoStore idempotent adds: $name', (backend) => {
  const bk = useBackend(backend);
  const user = (): Principal => bk.user();

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
});
