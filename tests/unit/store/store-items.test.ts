/**
 * Items in the store, run against all three backends: whatever the deployment picks, users see
 * the same ids, order, isolation, cap and values — including under concurrent requests.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/principal';
import { MAX_ITEMS_PER_USER, type Todo } from '@/lib/store/types';
import { BACKENDS, failureOf, type Backend, useBackend } from './store-backends';

const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ids = (items: Todo[]): number[] => items.map((item) => item.id);

describe.each<Backend>(BACKENDS)('TodoStore items: $name', (backend) => {
  const bk = useBackend(backend);
  const user = bk.user;

  it('lists nothing for a new user', async () => {
    expect(await bk.todos(user()).list()).toEqual([]);
  });

  it('adds items with the full item shape and lists them oldest first', async () => {
    const u = user();
    const first = await bk.add(u, 'first');
    expect(Object.keys(first.item).sort()).toEqual(
      ['createdAt', 'done', 'id', 'updatedAt', 'value'].sort(),
    );
    expect(first.item).toMatchObject({ value: 'first', done: false });
    expect(first.item.createdAt).toMatch(ISO_8601);
    expect(first.item.updatedAt).toBe(first.item.createdAt);
    expect(first.items).toEqual([first.item]);

    await bk.add(u, 'second');
    const third = await bk.add(u, 'third');
    const list = await bk.todos(u).list();
    expect(list.map((i) => i.value)).toEqual(['first', 'second', 'third']);
    expect(third.items).toEqual(list);
    expect(ids(list)).toEqual([...ids(list)].sort((a, b) => a - b));
  });

  it('stores the value exactly as given (trimming is the HTTP layer’s job)', async () => {
    const u = user();
    const { item } = await bk.add(u, '  padded\t ');
    expect(item.value).toBe('  padded\t ');
    expect((await bk.todos(u).list())[0]?.value).toBe('  padded\t ');
  });

  it('hands out unique, increasing ids and never reuses one, even after deletes', async () => {
    const u = user();
    const added = [];
    for (const v of ['a', 'b', 'c']) added.push((await bk.add(u, v)).item.id);
    expect(new Set(added).size).toBe(3);
    expect(added).toEqual([...added].sort((a, b) => a - b));
    const [idA, idB, idC] = added as [number, number, number];

    expect(ids(await bk.todos(u).remove(idC))).toEqual([idA, idB]); // the newest
    const d = (await bk.add(u, 'd')).item.id;
    expect(d).toBeGreaterThan(idC);

    await bk.todos(u).remove(idA);
    await bk.todos(u).remove(idB);
    await bk.todos(u).remove(d);
    expect(await bk.todos(u).list()).toEqual([]);
    expect((await bk.add(u, 'e')).item.id).toBeGreaterThan(d);
  });

  it('updates the value, done, or both, and keeps everything else', async () => {
    const u = user();
    const { item: a } = await bk.add(u, 'a');
    await bk.add(u, 'b');

    const v = await bk.todos(u).update(a.id, { value: 'a2' });
    expect(v.item).toMatchObject({
      id: a.id,
      value: 'a2',
      done: false,
      createdAt: a.createdAt,
    });
    expect(v.item.updatedAt >= a.createdAt, `${v.item.updatedAt} >= ${a.createdAt}`).toBe(true);
    expect(v.items.map((i) => i.value)).toEqual(['a2', 'b']);

    const d = await bk.todos(u).update(a.id, { done: true });
    expect(d.item).toMatchObject({ id: a.id, value: 'a2', done: true });
    expect(d.item.updatedAt).toMatch(ISO_8601);

    const both = await bk.todos(u).update(a.id, { value: 'a3', done: false });
    expect(both.item).toMatchObject({
      id: a.id,
      value: 'a3',
      done: false,
      createdAt: a.createdAt,
    });
    expect(await bk.todos(u).list()).toEqual(both.items);
    expect(both.items[0]).toEqual(both.item);
  });

  it('answers not_found for a missing id and for another user’s or subdomain’s item', async () => {
    const owner = user();
    const { item: item } = await bk.add(owner, 'mine');
    const sameSubdomain = user(owner.subdomain);
    const otherSubdomain: Principal = { subdomain: `${owner.subdomain}x`, userId: owner.userId };
    bk.track(otherSubdomain);

    for (const stranger of [sameSubdomain, otherSubdomain]) {
      expect(await bk.todos(stranger).list()).toEqual([]);
      expect(await failureOf(bk.todos(stranger).update(item.id, { done: true }))).toBe('not_found');
      expect(await failureOf(bk.todos(stranger).remove(item.id))).toBe('not_found');
    }
    expect(await failureOf(bk.todos(owner).update(item.id + 1000, { value: 'x' }))).toBe(
      'not_found',
    );
    expect(await failureOf(bk.todos(owner).remove(item.id + 1000))).toBe('not_found');
    expect(await bk.todos(owner).list()).toEqual([item]);

    // The other subdomain's user 'owner.userId' has a list of its own.
    const theirs = await bk.add(otherSubdomain, 'theirs');
    expect(theirs.items.map((i) => i.value)).toEqual(['theirs']);
    expect(await bk.todos(owner).list()).toEqual([item]);
  });

  it(`stops at ${MAX_ITEMS_PER_USER} items with limit_reached, and makes room after a remove`, async () => {
    const u = user();
    await Promise.all(range(1, MAX_ITEMS_PER_USER).map((n) => bk.add(u, `item ${n}`)));
    expect(await failureOf(bk.add(u, 'one too many'))).toBe('limit_reached');
    const full = await bk.todos(u).list();
    expect(full).toHaveLength(MAX_ITEMS_PER_USER);

    await bk.todos(u).remove(full[0]!.id);
    const { items } = await bk.add(u, 'fits again');
    expect(items).toHaveLength(MAX_ITEMS_PER_USER);
    expect(await failureOf(bk.add(u, 'full again'))).toBe('limit_reached');
  });

  it('keeps 200 concurrent adds from two users apart: 100 each, unique ids', async () => {
    const [u1, u2] = [user(), user()];
    await Promise.all(range(1, 200).map((n) => bk.add(n % 2 ? u1 : u2, `v${n}`)));
    for (const u of [u1, u2]) {
      const list = await bk.todos(u).list();
      expect(ids(list)).toEqual(range(1, 100));
      expect(new Set(list.map((i) => i.value)).size).toBe(100);
    }
  });

  it('lets exactly 500 of 520 concurrent adds in and refuses 20 with limit_reached', async () => {
    const u = user();
    const outcomes = await Promise.all(range(1, 520).map((n) => failureOf(bk.add(u, `v${n}`))));
    expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(500);
    expect(outcomes.filter((o) => o === 'limit_reached')).toHaveLength(20);
    expect(ids(await bk.todos(u).list())).toEqual(range(1, 500));
  });

  it('applies 30 concurrent removes and 30 concurrent adds exactly', async () => {
    const u = user();
    for (const n of range(1, 30)) await bk.add(u, `old ${n}`);
    const outcomes = await Promise.all([
      ...range(1, 30).map((id) => failureOf(bk.todos(u).remove(id))),
      ...range(1, 30).map((n) => failureOf(bk.add(u, `new ${n}`))),
    ]);
    expect(outcomes.filter((o) => o !== 'resolved')).toEqual([]);
    const list = await bk.todos(u).list();
    expect(ids(list)).toEqual(range(31, 60));
    expect(list.filter((i) => !i.value.startsWith('new '))).toEqual([]);
  });

  const tricky = [
    '123',
    'true',
    'null',
    '{"a":1}',
    '"quoted"',
    'OK',
    '😀 👍🏽 👨‍👩‍👧',
    '<img src=x onerror=alert(1)>',
    '😀'.repeat(500), // 500 code points, 1000 UTF-16 units, 2000 UTF-8 bytes
    'line\nbreak\ttab \\ back\\slash',
    'e\u0301 — ﬁ — \u0000 nul',
    '","updatedAt":"x","value":"forged"}',
    '%d %s .* -- ]] [[',
  ];

  it('round-trips tricky values exactly, on add and on update', async () => {
    const u = user();
    for (const value of tricky) expect((await bk.add(u, value)).item.value).toBe(value);
    expect((await bk.todos(u).list()).map((i) => i.value)).toEqual(tricky);

    const first = (await bk.todos(u).list())[0]!;
    for (const value of tricky) {
      expect((await bk.todos(u).update(first.id, { value })).item.value).toBe(value);
    }
    const after = await bk.todos(u).list();
    expect(after[0]).toMatchObject({ id: first.id, value: tricky.at(-1), done: false });
    expect(after.slice(1).map((i) => i.value)).toEqual(tricky.slice(1));
  });
});
