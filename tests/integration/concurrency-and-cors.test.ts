/**
 * What the public tutorial got wrong, checked over HTTP in both store modes: lost writes under
 * concurrency, the item cap under a burst, cross-origin access, and its own `/todo_items` paths.
 */
import { describe, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import type { Item } from '../support/api';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { STORE_MODES, system } from '../support/system';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);

type List = { todo_items: Item[] };

describe.each(STORE_MODES)('concurrency (%s store)', (mode) => {
  const base = sut.apps[mode];

  it('200 concurrent POSTs from two users: exactly 100 items each, unique ids', async () => {
    const [a, b] = [await zendesk.userToken(newUserId()), await zendesk.userToken(newUserId())];
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call(base, 'POST', '/api/todo_items', {
          token: i % 2 ? a : b,
          body: { value: `item ${i}` },
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(200);
    for (const token of [a, b]) {
      const items = (await call<List>(base, 'GET', '/api/todo_items', { token })).body.todo_items;
      expect(items).toHaveLength(100);
      expect(new Set(items.map((i) => i.id)).size).toBe(100);
      expect(new Set(items.map((i) => i.value)).size).toBe(100);
      // Oldest first: ids ascend.
      expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((x, y) => x - y));
    }
  });

  it('30 concurrent DELETEs with 30 POSTs: exact counts, nothing lost or revived', async () => {
    const token = await zendesk.userToken(newUserId());
    for (let i = 0; i < 30; i++) {
      await call(base, 'POST', '/api/todo_items', { token, body: { value: `old ${i}` } });
    }
    const old = (await call<List>(base, 'GET', '/api/todo_items', { token })).body.todo_items;
    const results = await Promise.all([
      ...old.map((item) => call(base, 'DELETE', `/api/todo_items/${item.id}`, { token })),
      ...old.map((_, i) =>
        call(base, 'POST', '/api/todo_items', { token, body: { value: `new ${i}` } }),
      ),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(30);
    expect(results.filter((r) => r.status === 201)).toHaveLength(30);
    const items = (await call<List>(base, 'GET', '/api/todo_items', { token })).body.todo_items;
    expect(items).toHaveLength(30);
    expect(items.filter((i) => !i.value.startsWith('new '))).toEqual([]);
    const oldIds = new Set(old.map((i) => i.id));
    expect(items.filter((i) => oldIds.has(i.id))).toEqual([]);
  });

  it('520 parallel POSTs to an empty list: exactly 500 stored, 20 × 409 limit_reached', async () => {
    const token = await zendesk.userToken(newUserId());
    const results = await Promise.all(
      Array.from({ length: 520 }, (_, i) =>
        call(base, 'POST', '/api/todo_items', { token, body: { value: `burst ${i}` } }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(500);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(20);
    expect(refused.map((r) => errorCode(r)).filter((code) => code !== 'limit_reached')).toEqual([]);
    const items = (await call<List>(base, 'GET', '/api/todo_items', { token })).body.todo_items;
    expect(items).toHaveLength(500);
    // After one delete there is room for exactly one more.
    await call(base, 'DELETE', `/api/todo_items/${items[0]!.id}`, { token });
    const again = await Promise.all(
      [1, 2].map(() => call(base, 'POST', '/api/todo_items', { token, body: { value: 'x' } })),
    );
    expect(again.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});

describe.each(STORE_MODES)('cross-origin access (%s store)', (mode) => {
  const base = sut.apps[mode];
  const helpCenter = sut.zendeskUrl;

  it('answers a preflight from the help center with the methods and headers it needs', async () => {
    for (const path of ['/api/todo_items', '/todo_items', '/api/todo_items/1', '/todo_items/1']) {
      const item = path.endsWith('1');
      const res = await fetch(`${base}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: helpCenter,
          'access-control-request-method': item ? 'DELETE' : 'PATCH',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(helpCenter);
      const allowHeaders = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      expect(allowHeaders.split(/\s*,\s*/).sort()).toEqual([
        'authorization',
        'content-type',
        'idempotency-key',
      ]);
      const methods = (res.headers.get('access-control-allow-methods') ?? '').split(/\s*,\s*/);
      expect(methods.sort()).toEqual(
        item ? ['DELETE', 'PATCH'] : ['DELETE', 'GET', 'PATCH', 'POST'],
      );
      expect(res.headers.get('vary')).toMatch(/origin/i);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('lets the help center read Retry-After, WWW-Authenticate and X-Request-Id', async () => {
    const res = await fetch(`${base}/todo_items`, { headers: { origin: helpCenter } });
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    expect(exposed.split(/\s*,\s*/).sort()).toEqual([
      'retry-after',
      'www-authenticate',
      'x-request-id',
    ]);
  });

  it('403 origin_not_allowed for another site, on preflight and on the request itself', async () => {
    const evil = 'https://evil.example';
    const pre = await fetch(`${base}/api/todo_items`, {
      method: 'OPTIONS',
      headers: { origin: evil, 'access-control-request-method': 'GET' },
    });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const token = await zendesk.userToken(newUserId());
    const res = await call(base, 'GET', '/api/todo_items', { token, headers: { origin: evil } });
    expect([res.status, errorCode(res)]).toEqual([403, 'origin_not_allowed']);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const nullOrigin = await call(base, 'GET', '/api/todo_items', {
      token,
      headers: { origin: 'null' },
    });
    expect(nullOrigin.status).toBe(403);
  });

  it('lets the allowed origin read answers, errors included', async () => {
    const token = await zendesk.userToken(newUserId());
    const ok = await call(base, 'GET', '/api/todo_items', {
      token,
      headers: { origin: helpCenter },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(helpCenter);
    const unauth = await call(base, 'GET', '/api/todo_items', { headers: { origin: helpCenter } });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('access-control-allow-origin')).toBe(helpCenter);
  });

  it('allows the app its own origin (the iframed widget)', async () => {
    const token = await zendesk.userToken(newUserId());
    const res = await call(base, 'POST', '/api/todo_items', {
      token,
      body: { value: 'same origin' },
      headers: { origin: base },
    });
    expect(res.status).toBe(201);
  });
});

describe.each(STORE_MODES)('tutorial paths (%s store)', (mode) => {
  const base = sut.apps[mode];

  it('serves the same API at /todo_items, as the tutorial page calls it', async () => {
    const token = await zendesk.userToken(newUserId());
    const headers = { origin: sut.zendeskUrl, 'content-type': 'application/json' };
    const added = await call<List>(base, 'POST', '/todo_items', {
      token,
      headers,
      body: { value: 'tutorial' },
    });
    expect(added.status).toBe(201);
    const id = added.body.todo_items[0]!.id;
    expect(id).toSatisfy(Number.isInteger); // spliced unquoted into onclick="deleteTodoItem(id)"
    const listed = await call<List>(base, 'GET', '/todo_items', { token, headers });
    expect(listed.body.todo_items.map((i) => i.value)).toEqual(['tutorial']);
    const removed = await call<List>(base, 'DELETE', `/todo_items/${id}`, { token, headers });
    expect([removed.status, removed.body.todo_items]).toEqual([200, []]);
    const noToken = await call(base, 'GET', '/todo_items');
    expect([noToken.status, errorCode(noToken)]).toEqual([401, 'missing_token']);
  });
});
