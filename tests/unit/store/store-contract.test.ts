/**
 * The TodoStore contract, run against both backends: whatever the deployment picks, users see
 * the same ids, order, isolation, cap and values — including under concurrent requests.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ITEMS_PER_USER, type Principal, type TodoItem } from '@/lib/store/types';
import {
  failureOf,
  kvBackend,
  newUser,
  sqliteBackend,
  type Backend,
  type OpenBackend,
} from './store-backends';

const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ids = (items: TodoItem[]): number[] => items.map((item) => item.id);

describe.each<Backend>([kvBackend, sqliteBackend])('TodoStore contract: $name', (backend) => {
  let open: OpenBackend;
  const used: Principal[] = [];
  /** A fresh principal, forgotten after the test. */
  const user = (subdomain?: string): Principal => {
    const u = newUser(subdomain);
    used.push(u);
    return u;
  };

  beforeAll(async () => {
    open = await backend.open();
  });
  afterEach(async () => {
    await Promise.all(used.splice(0).map((u) => open.forget(u)));
  });
  afterAll(async () => {
    await open?.close();
  });

  it('lists nothing for a new user', async () => {
    expect(await open.store.list(user())).toEqual([]);
  });

  it('adds items with the full item shape and lists them oldest first', async () => {
    const u = user();
    const first = await open.store.add(u, 'first');
    expect(Object.keys(first.todo_item).sort()).toEqual(
      ['created_at', 'done', 'id', 'updated_at', 'value'].sort(),
    );
    expect(first.todo_item).toMatchObject({ value: 'first', done: false });
    expect(first.todo_item.created_at).toMatch(ISO_8601);
    expect(first.todo_item.updated_at).toBe(first.todo_item.created_at);
    expect(first.todo_items).toEqual([first.todo_item]);

    await open.store.add(u, 'second');
    const third = await open.store.add(u, 'third');
    const list = await open.store.list(u);
    expect(list.map((i) => i.value)).toEqual(['first', 'second', 'third']);
    expect(third.todo_items).toEqual(list);
    expect(ids(list)).toEqual([...ids(list)].sort((a, b) => a - b));
  });

  it('stores the value exactly as given (trimming is the HTTP layer’s job)', async () => {
    const u = user();
    const { todo_item } = await open.store.add(u, '  padded\t ');
    expect(todo_item.value).toBe('  padded\t ');
    expect((await open.store.list(u))[0]?.value).toBe('  padded\t ');
  });

  it('hands out unique, increasing ids and never reuses one, even after deletes', async () => {
    const u = user();
    const added = [];
    for (const v of ['a', 'b', 'c']) added.push((await open.store.add(u, v)).todo_item.id);
    expect(new Set(added).size).toBe(3);
    expect(added).toEqual([...added].sort((a, b) => a - b));
    const [idA, idB, idC] = added as [number, number, number];

    expect(ids(await open.store.remove(u, idC))).toEqual([idA, idB]); // the newest
    const d = (await open.store.add(u, 'd')).todo_item.id;
    expect(d).toBeGreaterThan(idC);

    await open.store.remove(u, idA);
    await open.store.remove(u, idB);
    await open.store.remove(u, d);
    expect(await open.store.list(u)).toEqual([]);
    expect((await open.store.add(u, 'e')).todo_item.id).toBeGreaterThan(d);
  });

  it('updates the value, done, or both, and keeps everything else', async () => {
    const u = user();
    const { todo_item: a } = await open.store.add(u, 'a');
    await open.store.add(u, 'b');

    const v = await open.store.update(u, a.id, { value: 'a2' });
    expect(v.todo_item).toMatchObject({
      id: a.id,
      value: 'a2',
      done: false,
      created_at: a.created_at,
    });
    expect(v.todo_item.updated_at >= a.created_at).toBe(true);
    expect(v.todo_items.map((i) => i.value)).toEqual(['a2', 'b']);

    const d = await open.store.update(u, a.id, { done: true });
    expect(d.todo_item).toMatchObject({ id: a.id, value: 'a2', done: true });
    expect(d.todo_item.updated_at).toMatch(ISO_8601);

    const both = await open.store.update(u, a.id, { value: 'a3', done: false });
    expect(both.todo_item).toMatchObject({
      id: a.id,
      value: 'a3',
      done: false,
      created_at: a.created_at,
    });
    expect(await open.store.list(u)).toEqual(both.todo_items);
    expect(both.todo_items[0]).toEqual(both.todo_item);
  });

  it('answers not_found for a missing id and for another user’s or subdomain’s item', async () => {
    const owner = user();
    const { todo_item: item } = await open.store.add(owner, 'mine');
    const sameSubdomain = user(owner.subdomain);
    const otherSubdomain: Principal = { subdomain: `${owner.subdomain}x`, userId: owner.userId };
    used.push(otherSubdomain);

    for (const stranger of [sameSubdomain, otherSubdomain]) {
      expect(await open.store.list(stranger)).toEqual([]);
      expect(await failureOf(open.store.update(stranger, item.id, { done: true }))).toBe(
        'not_found',
      );
      expect(await failureOf(open.store.remove(stranger, item.id))).toBe('not_found');
    }
    expect(await failureOf(open.store.update(owner, item.id + 1000, { value: 'x' }))).toBe(
      'not_found',
    );
    expect(await failureOf(open.store.remove(owner, item.id + 1000))).toBe('not_found');
    expect(await open.store.list(owner)).toEqual([item]);

    // The other subdomain's user 'owner.userId' has a list of its own.
    const theirs = await open.store.add(otherSubdomain, 'theirs');
    expect(theirs.todo_items.map((i) => i.value)).toEqual(['theirs']);
    expect(await open.store.list(owner)).toEqual([item]);
  });

  it(`stops at ${MAX_ITEMS_PER_USER} items with limit_reached, and makes room after a remove`, async () => {
    const u = user();
    await Promise.all(range(1, MAX_ITEMS_PER_USER).map((n) => open.store.add(u, `item ${n}`)));
    expect(await failureOf(open.store.add(u, 'one too many'))).toBe('limit_reached');
    const full = await open.store.list(u);
    expect(full).toHaveLength(MAX_ITEMS_PER_USER);

    await open.store.remove(u, full[0]!.id);
    const { todo_items } = await open.store.add(u, 'fits again');
    expect(todo_items).toHaveLength(MAX_ITEMS_PER_USER);
    expect(await failureOf(open.store.add(u, 'full again'))).toBe('limit_reached');
  });

  it('keeps 200 concurrent adds from two users apart: 100 each, unique ids', async () => {
    const [u1, u2] = [user(), user()];
    await Promise.all(range(1, 200).map((n) => open.store.add(n % 2 ? u1 : u2, `v${n}`)));
    for (const u of [u1, u2]) {
      const list = await open.store.list(u);
      expect(ids(list)).toEqual(range(1, 100));
      expect(new Set(list.map((i) => i.value)).size).toBe(100);
    }
  });

  it('lets exactly 500 of 520 concurrent adds in and refuses 20 with limit_reached', async () => {
    const u = user();
    const outcomes = await Promise.all(
      range(1, 520).map((n) => failureOf(open.store.add(u, `v${n}`))),
    );
    expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(500);
    expect(outcomes.filter((o) => o === 'limit_reached')).toHaveLength(20);
    expect(ids(await open.store.list(u))).toEqual(range(1, 500));
  });

  it('applies 30 concurrent removes and 30 concurrent adds exactly', async () => {
    const u = user();
    for (const n of range(1, 30)) await open.store.add(u, `old ${n}`);
    const outcomes = await Promise.all([
      ...range(1, 30).map((id) => failureOf(open.store.remove(u, id))),
      ...range(1, 30).map((n) => failureOf(open.store.add(u, `new ${n}`))),
    ]);
    expect(outcomes.every((o) => o === 'resolved')).toBe(true);
    const list = await open.store.list(u);
    expect(ids(list)).toEqual(range(31, 60));
    expect(list.every((i) => i.value.startsWith('new '))).toBe(true);
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
    for (const value of tricky)
      expect((await open.store.add(u, value)).todo_item.value).toBe(value);
    expect((await open.store.list(u)).map((i) => i.value)).toEqual(tricky);

    const first = (await open.store.list(u))[0]!;
    for (const value of tricky) {
      expect((await open.store.update(u, first.id, { value })).todo_item.value).toBe(value);
    }
    const after = await open.store.list(u);
    expect(after[0]).toMatchObject({ id: first.id, value: tricky.at(-1), done: false });
    expect(after.slice(1).map((i) => i.value)).toEqual(tricky.slice(1));
  });
});
