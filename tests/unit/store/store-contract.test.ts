/**
 * The TodoStore contract, run against all three backends: whatever the deployment picks, users see
 * the same ids, order, isolation, cap and values — including under concurrent requests.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/principal';
import { MAX_ITEMS_PER_USER, type TodoItem } from '@/lib/store/types';
import { BACKENDS, failureOf, type Backend, useBackend } from './store-backends';

const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ids = (items: TodoItem[]): number[] => items.map((item) => item.id);

describe.each<Backend>(BACKENDS)('TodoStore contract: $name', (backend) => {
  const bk = useBackend(backend);
  const user = bk.user;

  it('lists nothing for a new user', async () => {
    expect(await bk.s.list(user())).toEqual([]);
  });

  it('adds items with the full item shape and lists them oldest first', async () => {
    const u = user();
    const first = await bk.s.add(u, 'first');
    expect(Object.keys(first.todo_item).sort()).toEqual(
      ['created_at', 'done', 'id', 'updated_at', 'value'].sort(),
    );
    expect(first.todo_item).toMatchObject({ value: 'first', done: false });
    expect(first.todo_item.created_at).toMatch(ISO_8601);
    expect(first.todo_item.updated_at).toBe(first.todo_item.created_at);
    expect(first.todo_items).toEqual([first.todo_item]);

    await bk.s.add(u, 'second');
    const third = await bk.s.add(u, 'third');
    const list = await bk.s.list(u);
    expect(list.map((i) => i.value)).toEqual(['first', 'second', 'third']);
    expect(third.todo_items).toEqual(list);
    expect(ids(list)).toEqual([...ids(list)].sort((a, b) => a - b));
  });

  it('stores the value exactly as given (trimming is the HTTP layer’s job)', async () => {
    const u = user();
    const { todo_item } = await bk.s.add(u, '  padded\t ');
    expect(todo_item.value).toBe('  padded\t ');
    expect((await bk.s.list(u))[0]?.value).toBe('  padded\t ');
  });

  it('hands out unique, increasing ids and never reuses one, even after deletes', async () => {
    const u = user();
    const added = [];
    for (const v of ['a', 'b', 'c']) added.push((await bk.s.add(u, v)).todo_item.id);
    expect(new Set(added).size).toBe(3);
    expect(added).toEqual([...added].sort((a, b) => a - b));
    const [idA, idB, idC] = added as [number, number, number];

    expect(ids(await bk.s.remove(u, idC))).toEqual([idA, idB]); // the newest
    const d = (await bk.s.add(u, 'd')).todo_item.id;
    expect(d).toBeGreaterThan(idC);

    await bk.s.remove(u, idA);
    await bk.s.remove(u, idB);
    await bk.s.remove(u, d);
    expect(await bk.s.list(u)).toEqual([]);
    expect((await bk.s.add(u, 'e')).todo_item.id).toBeGreaterThan(d);
  });

  it('updates the value, done, or both, and keeps everything else', async () => {
    const u = user();
    const { todo_item: a } = await bk.s.add(u, 'a');
    await bk.s.add(u, 'b');

    const v = await bk.s.update(u, a.id, { value: 'a2' });
    expect(v.todo_item).toMatchObject({
      id: a.id,
      value: 'a2',
      done: false,
      created_at: a.created_at,
    });
    expect(
      v.todo_item.updated_at >= a.created_at,
      `${v.todo_item.updated_at} >= ${a.created_at}`,
    ).toBe(true);
    expect(v.todo_items.map((i) => i.value)).toEqual(['a2', 'b']);

    const d = await bk.s.update(u, a.id, { done: true });
    expect(d.todo_item).toMatchObject({ id: a.id, value: 'a2', done: true });
    expect(d.todo_item.updated_at).toMatch(ISO_8601);

    const both = await bk.s.update(u, a.id, { value: 'a3', done: false });
    expect(both.todo_item).toMatchObject({
      id: a.id,
      value: 'a3',
      done: false,
      created_at: a.created_at,
    });
    expect(await bk.s.list(u)).toEqual(both.todo_items);
    expect(both.todo_items[0]).toEqual(both.todo_item);
  });

  it('answers not_found for a missing id and for another user’s or subdomain’s item', async () => {
    const owner = user();
    const { todo_item: item } = await bk.s.add(owner, 'mine');
    const sameSubdomain = user(owner.subdomain);
    const otherSubdomain: Principal = { subdomain: `${owner.subdomain}x`, userId: owner.userId };
    bk.track(otherSubdomain);

    for (const stranger of [sameSubdomain, otherSubdomain]) {
      expect(await bk.s.list(stranger)).toEqual([]);
      expect(await failureOf(bk.s.update(stranger, item.id, { done: true }))).toBe('not_found');
      expect(await failureOf(bk.s.remove(stranger, item.id))).toBe('not_found');
    }
    expect(await failureOf(bk.s.update(owner, item.id + 1000, { value: 'x' }))).toBe('not_found');
    expect(await failureOf(bk.s.remove(owner, item.id + 1000))).toBe('not_found');
    expect(await bk.s.list(owner)).toEqual([item]);

    // The other subdomain's user 'owner.userId' has a list of its own.
    const theirs = await bk.s.add(otherSubdomain, 'theirs');
    expect(theirs.todo_items.map((i) => i.value)).toEqual(['theirs']);
    expect(await bk.s.list(owner)).toEqual([item]);
  });

  it(`stops at ${MAX_ITEMS_PER_USER} items with limit_reached, and makes room after a remove`, async () => {
    const u = user();
    await Promise.all(range(1, MAX_ITEMS_PER_USER).map((n) => bk.s.add(u, `item ${n}`)));
    expect(await failureOf(bk.s.add(u, 'one too many'))).toBe('limit_reached');
    const full = await bk.s.list(u);
    expect(full).toHaveLength(MAX_ITEMS_PER_USER);

    await bk.s.remove(u, full[0]!.id);
    const { todo_items } = await bk.s.add(u, 'fits again');
    expect(todo_items).toHaveLength(MAX_ITEMS_PER_USER);
    expect(await failureOf(bk.s.add(u, 'full again'))).toBe('limit_reached');
  });

  it('keeps 200 concurrent adds from two users apart: 100 each, unique ids', async () => {
    const [u1, u2] = [user(), user()];
    await Promise.all(range(1, 200).map((n) => bk.s.add(n % 2 ? u1 : u2, `v${n}`)));
    for (const u of [u1, u2]) {
      const list = await bk.s.list(u);
      expect(ids(list)).toEqual(range(1, 100));
      expect(new Set(list.map((i) => i.value)).size).toBe(100);
    }
  });

  it('lets exactly 500 of 520 concurrent adds in and refuses 20 with limit_reached', async () => {
    const u = user();
    const outcomes = await Promise.all(range(1, 520).map((n) => failureOf(bk.s.add(u, `v${n}`))));
    expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(500);
    expect(outcomes.filter((o) => o === 'limit_reached')).toHaveLength(20);
    expect(ids(await bk.s.list(u))).toEqual(range(1, 500));
  });

  it('applies 30 concurrent removes and 30 concurrent adds exactly', async () => {
    const u = user();
    for (const n of range(1, 30)) await bk.s.add(u, `old ${n}`);
    const outcomes = await Promise.all([
      ...range(1, 30).map((id) => failureOf(bk.s.remove(u, id))),
      ...range(1, 30).map((n) => failureOf(bk.s.add(u, `new ${n}`))),
    ]);
    expect(outcomes.filter((o) => o !== 'resolved')).toEqual([]);
    const list = await bk.s.list(u);
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
    '","updated_at":"x","value":"forged"}',
    '%d %s .* -- ]] [[',
  ];

  it('round-trips tricky values exactly, on add and on update', async () => {
    const u = user();
    for (const value of tricky) expect((await bk.s.add(u, value)).todo_item.value).toBe(value);
    expect((await bk.s.list(u)).map((i) => i.value)).toEqual(tricky);

    const first = (await bk.s.list(u))[0]!;
    for (const value of tricky) {
      expect((await bk.s.update(u, first.id, { value })).todo_item.value).toBe(value);
    }
    const after = await bk.s.list(u);
    expect(after[0]).toMatchObject({ id: first.id, value: tricky.at(-1), done: false });
    expect(after.slice(1).map((i) => i.value)).toEqual(tricky.slice(1));
  });
});
