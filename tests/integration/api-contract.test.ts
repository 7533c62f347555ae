/**
 * docs/api.md over real HTTP against the production build, in both store modes: the success
 * shapes, every validation row of the error table, and the headers a client relies on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import type { Item } from '../support/api';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { STORE_MODES, system } from '../support/system';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);

describe.each(STORE_MODES)('API contract (%s store)', (mode) => {
  const base = sut.apps[mode];
  let token: string;
  beforeAll(async () => {
    token = await zendesk.userToken(newUserId());
  });
  const post = (body: unknown, headers?: Record<string, string>) =>
    call(base, 'POST', '/api/todo_items', { token, body, headers });

  it('lists, adds, patches and deletes with the documented shapes', async () => {
    expect((await call(base, 'GET', '/api/todo_items', { token })).body).toEqual({
      todo_items: [],
    });

    const added = await post({ value: '  Buy milk \n' });
    expect(added.status).toBe(201);
    const item = (added.body as { todo_item: Item }).todo_item;
    expect(item).toEqual({
      id: expect.any(Number),
      value: 'Buy milk',
      done: false,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      updated_at: item.created_at,
    });
    expect(item.id).toBeGreaterThan(0);
    expect(added.body).toMatchObject({ todo_items: [item] });
    const second = ((await post({ value: 'Walk dog' })).body as { todo_item: Item }).todo_item;
    expect(second.id).toBeGreaterThan(item.id);

    const patched = await call(base, 'PATCH', `/api/todo_items/${item.id}`, {
      token,
      body: { done: true, value: 'Buy oat milk' },
    });
    expect(patched.status).toBe(200);
    const updated = (patched.body as { todo_item: Item }).todo_item;
    expect(updated).toMatchObject({ id: item.id, value: 'Buy oat milk', done: true });
    expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(item.updated_at));
    expect((patched.body as { todo_items: Item[] }).todo_items.map((i) => i.id)).toEqual([
      item.id,
      second.id,
    ]);

    const removed = await call(base, 'DELETE', `/api/todo_items/${item.id}`, { token });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ todo_items: [second] });
    expect((await call(base, 'GET', '/api/todo_items', { token })).body).toEqual({
      todo_items: [second],
    });
  });

  it('answers every request with no-store and nosniff, errors included', async () => {
    for (const res of [
      await call(base, 'GET', '/api/todo_items', { token }),
      await call(base, 'GET', '/api/todo_items'),
      await post('{'),
    ]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('never reuses an id, even after the newest item is deleted', async () => {
    const first = ((await post({ value: 'a' })).body as { todo_item: Item }).todo_item;
    await call(base, 'DELETE', `/api/todo_items/${first.id}`, { token });
    const next = ((await post({ value: 'b' })).body as { todo_item: Item }).todo_item;
    expect(next.id).toBeGreaterThan(first.id);
  });

  it.each([
    ['an empty body', ''],
    ['only whitespace', '   '],
    ['broken JSON', '{"value": '],
    ['a trailing comma', '{"value": "a",}'],
  ])('400 invalid_json for %s', async (_name, raw) => {
    const res = await post(raw);
    expect([res.status, errorCode(res)]).toEqual([400, 'invalid_json']);
  });

  it.each([
    ['an array', ['a']],
    ['a string', 'x'],
    ['null', null],
    ['an unknown field', { value: 'a', priority: 1 }],
    ['done on create', { value: 'a', done: false }],
    ['no value', {}],
  ])('POST with %s: 400 invalid_body', async (_name, body) => {
    const res = await post(JSON.stringify(body));
    expect([res.status, errorCode(res)]).toEqual([400, 'invalid_body']);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an object', { text: 'a' }],
    ['empty', ''],
    ['whitespace only', ' \t\n '],
    ['501 code points', 'x'.repeat(501)],
    ['501 emoji', '😀'.repeat(501)],
    ['a lone surrogate', 'a\ud800b'],
  ])('POST with a value that is %s: 400 invalid_value', async (_name, value) => {
    const res = await post({ value });
    expect([res.status, errorCode(res)]).toEqual([400, 'invalid_value']);
  });

  it('counts the 500-character limit in code points, after trimming', async () => {
    const emoji = '😀'.repeat(500); // 1000 UTF-16 units
    const res = await post({ value: `   ${emoji}   ` });
    expect(res.status).toBe(201);
    expect((res.body as { todo_item: Item }).todo_item.value).toBe(emoji);
  });

  it.each([
    ['done as a string', { done: 'true' }],
    ['done as 1', { done: 1 }],
    ['neither field', {}],
    ['an unknown field', { done: true, id: 3 }],
  ])('PATCH with %s: 400 invalid_body', async (_name, body) => {
    const item = ((await post({ value: 'patch me' })).body as { todo_item: Item }).todo_item;
    const res = await call(base, 'PATCH', `/api/todo_items/${item.id}`, { token, body });
    expect([res.status, errorCode(res)]).toEqual([400, 'invalid_body']);
    const after = await call<{ todo_items: Item[] }>(base, 'GET', '/api/todo_items', { token });
    expect(after.body.todo_items.find((i) => i.id === item.id)).toEqual(item);
  });

  it.each([
    '1.5',
    '1e3',
    '-1',
    '0',
    'abc',
    '12345678901234567890',
    '9007199254740992',
    '0x10',
    '%201',
  ])('id %s: 400 invalid_id on PATCH and DELETE', async (id) => {
    for (const method of ['PATCH', 'DELETE']) {
      const res = await call(base, method, `/api/todo_items/${id}`, {
        token,
        body: { done: true },
      });
      expect([res.status, errorCode(res)]).toEqual([400, 'invalid_id']);
    }
  });

  it('404 not_found for a missing id, the largest valid id included', async () => {
    for (const id of ['999999', '9007199254740991']) {
      const res = await call(base, 'DELETE', `/api/todo_items/${id}`, { token });
      expect([res.status, errorCode(res)]).toEqual([404, 'not_found']);
    }
  });

  it('405 method_not_allowed with Allow', async () => {
    const collection = await call(base, 'PUT', '/api/todo_items', { token, body: { value: 'x' } });
    expect([collection.status, errorCode(collection)]).toEqual([405, 'method_not_allowed']);
    expect(collection.headers.get('allow')).toMatch(/GET.*POST/);
    const item = await call(base, 'GET', '/api/todo_items/1', { token });
    expect([item.status, errorCode(item)]).toEqual([405, 'method_not_allowed']);
    expect(item.headers.get('allow')).toMatch(/PATCH.*DELETE/);
  });

  it('413 body_too_large past 16 KiB; exactly 16,384 bytes is accepted', async () => {
    const small = '{"value":"fits"}';
    const exact = small + ' '.repeat(16_384 - small.length);
    expect(Buffer.byteLength(exact)).toBe(16_384);
    expect((await post(exact)).status).toBe(201);
    const over = await post(exact + ' ');
    expect([over.status, errorCode(over)]).toEqual([413, 'body_too_large']);
  });

  it('413 for an oversize body sent in chunks without Content-Length', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(8_192));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 24 KiB, then the stream stays open: only a server that stops reading at the cap can
        // answer. (Writing on after the answer would race the server closing the connection,
        // and fetch reports EPIPE instead of the 413 it had already received.)
        if (sent++ >= 3) return new Promise(() => {});
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${base}/api/todo_items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['no content type', ''],
  ])('415 unsupported_media_type for %s', async (_name, type) => {
    const res = await fetch(`${base}/api/todo_items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(type && { 'content-type': type }) },
      body: '{"value":"x"}',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'unsupported_media_type',
    );
  });

  it('accepts application/json with a charset', async () => {
    const res = await post('{"value":"charset"}', {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(201);
  });

  it('every error has a code and a message a person can act on', async () => {
    const res = await post({ value: 1 });
    const error = (res.body as { error: { code: string; message: string } }).error;
    expect(Object.keys(res.body as object)).toEqual(['error']);
    expect(error.message.length).toBeGreaterThan(10);
  });
});
