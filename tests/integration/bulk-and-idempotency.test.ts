/**
 * docs/api.md's v2 additions over real HTTP against the production build, in every store mode:
 * toggle all (`PATCH /api/todo_items`), clear completed (`DELETE /api/todo_items?done=true`) and
 * idempotent adds (`Idempotency-Key`), on the API paths and the tutorial's `/todo_items` paths.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import type { ApiResponse, Item } from '../support/api';
import { startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { appEnv, STORE_MODES, system } from '../support/system';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);

type List = { todo_items: Item[] };
type Added = { todo_item: Item | null; todo_items: Item[] };

describe.each(STORE_MODES)('bulk actions (%s store)', (mode) => {
  const base = sut.apps[mode];
  let token: string;
  beforeEach(async () => {
    token = await zendesk.userToken(newUserId());
  });
  const add = async (value: string): Promise<Item> =>
    (await call<Added>(base, 'POST', '/api/todo_items', { token, body: { value } })).body
      .todo_item!;
  const list = async (): Promise<Item[]> =>
    (await call<List>(base, 'GET', '/api/todo_items', { token })).body.todo_items;

  for (const prefix of ['/api', '']) {
    const collection = `${prefix}/todo_items`;

    it(`PATCH ${collection} sets every item; only changed items get a new updated_at`, async () => {
      const [a, b, c] = [await add('a'), await add('b'), await add('c')];
      const doneB = (
        await call<Added>(base, 'PATCH', `/api/todo_items/${b.id}`, { token, body: { done: true } })
      ).body.todo_item!;
      // Make a changed updated_at observable even on a fast machine.
      await new Promise((resolve) => setTimeout(resolve, 5));

      const res = await call<List>(base, 'PATCH', collection, { token, body: { done: true } });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['todo_items']);
      const after = res.body.todo_items;
      expect(after.map((i) => [i.id, i.done])).toEqual([
        [a.id, true],
        [b.id, true],
        [c.id, true],
      ]);
      expect(after[1]).toEqual(doneB);
      for (const [item, before] of [
        [after[0]!, a],
        [after[2]!, c],
      ]) {
        expect(Date.parse(item!.updated_at)).toBeGreaterThan(Date.parse(before!.updated_at));
        expect(item!.created_at).toBe(before!.created_at);
      }
      expect(await list()).toEqual(after);

      const undone = await call<List>(base, 'PATCH', collection, { token, body: { done: false } });
      expect(undone.body.todo_items.filter((i) => i.done)).toEqual([]);
    });

    it(`DELETE ${collection}?done=true removes the done items and says how many`, async () => {
      const [a, b, c] = [await add('a'), await add('b'), await add('c')];
      for (const item of [a, c]) {
        await call(base, 'PATCH', `/api/todo_items/${item.id}`, { token, body: { done: true } });
      }
      const res = await call(base, 'DELETE', `${collection}?done=true`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ deleted: 2, todo_items: [b] });
      const again = await call(base, 'DELETE', `${collection}?done=true`, { token });
      expect([again.status, again.body]).toEqual([200, { deleted: 0, todo_items: [b] }]);
    });

    it.each([
      ['no query', ''],
      ['done=false', '?done=false'],
      ['done=1', '?done=1'],
      ['an extra parameter', '?done=true&all=true'],
      ['another parameter', '?all=true'],
    ])(`DELETE ${collection} with %s: 400 invalid_body, nothing deleted`, async (_name, query) => {
      const item = await add('keep me');
      await call(base, 'PATCH', `/api/todo_items/${item.id}`, { token, body: { done: true } });
      const kept = await list();
      const res = await call(base, 'DELETE', `${collection}${query}`, { token });
      expect([res.status, errorCode(res)]).toEqual([400, 'invalid_body']);
      expect(await list()).toEqual(kept);
    });
  }

  it('PATCH on an empty list answers an empty list', async () => {
    const res = await call(base, 'PATCH', '/api/todo_items', { token, body: { done: true } });
    expect([res.status, res.body]).toEqual([200, { todo_items: [] }]);
  });

  it.each([
    ['no done', {}],
    ['done as a string', { done: 'true' }],
    ['done as null', { done: null }],
    ['an unknown field', { done: true, value: 'x' }],
    ['an array', [{ done: true }]],
  ])('PATCH /api/todo_items with %s: 400 invalid_body, nothing changed', async (_name, body) => {
    await add('unchanged');
    const before = await list();
    const res = await call(base, 'PATCH', '/api/todo_items', { token, body: JSON.stringify(body) });
    expect([res.status, errorCode(res)]).toEqual([400, 'invalid_body']);
    expect(await list()).toEqual(before);
  });

  it('PATCH /api/todo_items: 400 invalid_json, 415 and 413 as for any body', async () => {
    const broken = await call(base, 'PATCH', '/api/todo_items', { token, body: '{"done":' });
    expect([broken.status, errorCode(broken)]).toEqual([400, 'invalid_json']);
    const text = await call(base, 'PATCH', '/api/todo_items', {
      token,
      body: '{"done":true}',
      headers: { 'content-type': 'text/plain' },
    });
    expect([text.status, errorCode(text)]).toEqual([415, 'unsupported_media_type']);
    const big = await call(base, 'PATCH', '/api/todo_items', {
      token,
      body: `{"done":true}${' '.repeat(16_384)}`,
    });
    expect([big.status, errorCode(big)]).toEqual([413, 'body_too_large']);
  });

  it('bulk routes need a token like every other', async () => {
    for (const [method, url] of [
      ['PATCH', '/api/todo_items'],
      ['DELETE', '/api/todo_items?done=true'],
    ] as const) {
      const res = await call(base, method, url, { body: { done: true } });
      expect([res.status, errorCode(res)]).toEqual([401, 'missing_token']);
    }
  });
});

describe.each(STORE_MODES)('idempotent adds (%s store)', (mode) => {
  const base = sut.apps[mode];
  let token: string;
  beforeEach(async () => {
    token = await zendesk.userToken(newUserId());
  });
  const post = (
    body: unknown,
    key: string | undefined,
    as: string = token,
    url = '/api/todo_items',
  ): Promise<ApiResponse<Added>> =>
    call<Added>(base, 'POST', url, {
      token: as,
      body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  it('adds once: a repeat within 24 h answers 200 with the original item, whatever its value', async () => {
    const key = randomUUID();
    const first = await post({ value: 'Buy milk' }, key);
    expect(first.status).toBe(201);
    const item = first.body.todo_item!;
    const repeat = await post({ value: 'Something else' }, key);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual({ todo_item: item, todo_items: [item] });
    // Another key is another add.
    expect((await post({ value: 'Buy milk' }, randomUUID())).status).toBe(201);
    // On the tutorial path too.
    expect((await post({ value: 'x' }, key, token, '/todo_items')).status).toBe(200);
  });

  it('answers todo_item null when the item the key created was deleted since', async () => {
    const key = randomUUID();
    const item = (await post({ value: 'short-lived' }, key)).body.todo_item!;
    await call(base, 'DELETE', `/api/todo_items/${item.id}`, { token });
    const repeat = await post({ value: 'short-lived' }, key);
    expect([repeat.status, repeat.body]).toEqual([200, { todo_item: null, todo_items: [] }]);
  });

  it('keeps keys per user: the same key from another user adds', async () => {
    const key = `shared-${randomUUID()}`;
    const other = await zendesk.userToken(newUserId());
    expect((await post({ value: 'mine' }, key)).status).toBe(201);
    const theirs = await post({ value: 'theirs' }, key, other);
    expect(theirs.status).toBe(201);
    expect(theirs.body.todo_items.map((i) => i.value)).toEqual(['theirs']);
  });

  it('10 concurrent adds with one key: one 201, nine 200 with the same item, one item stored', async () => {
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post({ value: `race ${i}` }, key)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    const ids = new Set(results.map((r) => r.body.todo_item?.id));
    expect(ids.size).toBe(1);
    const items = (await call<List>(base, 'GET', '/api/todo_items', { token })).body.todo_items;
    expect(items).toHaveLength(1);
  });

  it.each([
    ['empty', ''],
    ['65 characters', 'k'.repeat(65)],
    ['a space', 'two words'],
    ['a dot', 'a.b'],
    ['non-ASCII', 'clé'],
  ])('400 invalid_idempotency_key for a key that is %s; nothing added', async (_name, key) => {
    const res = await post({ value: 'x' }, key);
    expect([res.status, errorCode(res)]).toEqual([400, 'invalid_idempotency_key']);
    const items = (await call<List>(base, 'GET', '/api/todo_items', { token })).body.todo_items;
    expect(items).toEqual([]);
  });

  it('checks the body first, and an invalid add does not use up its key', async () => {
    const badBoth = await post({ value: '' }, 'not valid!');
    expect([badBoth.status, errorCode(badBoth)]).toEqual([400, 'invalid_value']);
    const key = randomUUID();
    const badBody = await post({ text: 'x' }, key);
    expect([badBody.status, errorCode(badBody)]).toEqual([400, 'invalid_body']);
    expect((await post({ value: 'now valid' }, key)).status).toBe(201);
  });

  it('accepts the longest key and every character of the alphabet', async () => {
    const key = `${'Az09_-'.repeat(10)}abcd`;
    expect(key).toHaveLength(64);
    expect((await post({ value: 'long key' }, key)).status).toBe(201);
    expect((await post({ value: 'long key' }, key)).status).toBe(200);
  });
});

describe.each(STORE_MODES)('rate limit (%s store)', (mode) => {
  let server: AppServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-bulk-limit-'));
    server = await startApp(appEnv(sut, mode, dataDir, { RATE_LIMIT_WRITES_PER_MINUTE: '4' }));
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts a bulk request as one write', async () => {
    const token = await zendesk.userToken(newUserId());
    const statuses = [
      (await call(server.url, 'POST', '/api/todo_items', { token, body: { value: 'a' } })).status,
      (await call(server.url, 'POST', '/api/todo_items', { token, body: { value: 'b' } })).status,
      (await call(server.url, 'PATCH', '/api/todo_items', { token, body: { done: true } })).status,
      (await call(server.url, 'DELETE', '/api/todo_items?done=true', { token })).status,
    ];
    expect(statuses).toEqual([201, 201, 200, 200]);
    const limited = await call(server.url, 'PATCH', '/api/todo_items', {
      token,
      body: { done: false },
    });
    expect([limited.status, errorCode(limited)]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
