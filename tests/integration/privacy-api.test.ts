/**
 * "Download my data" and "Delete all my data" (docs/api.md) over real HTTP against
 * the production build, in every store mode.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItems, call, errorCode, newUserId } from '../support/api';
import type { Item } from '../support/api';
import { startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { appEnv, STORE_MODES, system } from '../support/system';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);

interface ExportBody {
  format: string;
  exported_at: string;
  user: { subdomain: string; userId: number };
  todo_items: Item[];
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe.each(STORE_MODES)('privacy API (%s store)', (mode) => {
  const base = sut.apps[mode];

  it('GET /api/me/export: the documented document, as an uncached attachment', async () => {
    const userId = newUserId();
    const token = await zendesk.userToken(userId);
    const [first] = await addItems(base, token, ['Buy milk', 'Walk dog']);
    await call(base, 'PATCH', `/api/todo_items/${first!.id}`, { token, body: { done: true } });
    const listed = await call<{ todo_items: Item[] }>(base, 'GET', '/api/todo_items', { token });

    const before = Date.now();
    const res = await call<ExportBody>(base, 'GET', '/api/me/export', { token });
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="hc-todo-export.json"',
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(['exported_at', 'format', 'todo_items', 'user']);
    expect(res.body.format).toBe('hc-todo-export/1');
    expect(res.body.exported_at).toMatch(ISO);
    const exportedAt = Date.parse(res.body.exported_at);
    expect(exportedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(exportedAt).toBeLessThanOrEqual(after + 1000);
    expect(res.body.user).toEqual({ subdomain: sut.subdomain, userId });
    expect(res.body.todo_items.map((i) => [i.value, i.done])).toEqual([
      ['Buy milk', true],
      ['Walk dog', false],
    ]);
    expect(res.body.todo_items).toEqual(listed.body.todo_items);
  });

  it('an empty list exports as an empty array', async () => {
    const userId = newUserId();
    const res = await call<ExportBody>(base, 'GET', '/api/me/export', {
      token: await zendesk.userToken(userId),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { userId }, todo_items: [] });
  });

  it("never exports another user's items", async () => {
    const alice = await zendesk.userToken(newUserId());
    const bobId = newUserId();
    const bob = await zendesk.userToken(bobId);
    await addItems(base, alice, ['alice secret']);
    await addItems(base, bob, ['bob one']);
    const res = await call<ExportBody>(base, 'GET', '/api/me/export', { token: bob });
    expect(res.body.user.userId).toBe(bobId);
    expect(res.body.todo_items.map((i) => i.value)).toEqual(['bob one']);
    expect(JSON.stringify(res.body)).not.toContain('alice secret');
  });

  it('DELETE /api/me erases every item; ids are never reused afterwards', async () => {
    const token = await zendesk.userToken(newUserId());
    const other = await zendesk.userToken(newUserId());
    const [, , last] = await addItems(base, token, ['a', 'b', 'c']);
    await addItems(base, other, ['keep me']);

    const res = await call(base, 'DELETE', '/api/me', { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: 3, todo_items: [] });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await call(base, 'GET', '/api/todo_items', { token })).body).toEqual({
      todo_items: [],
    });
    expect((await call(base, 'GET', '/api/me/export', { token })).body).toMatchObject({
      todo_items: [],
    });

    const [next] = await addItems(base, token, ['after']);
    expect(next!.id).toBeGreaterThan(last!.id);
    // Repeating is harmless and erases nothing more.
    expect((await call(base, 'DELETE', '/api/me', { token })).body).toEqual({
      deleted: 1,
      todo_items: [],
    });
    expect((await call(base, 'DELETE', '/api/me', { token })).body).toEqual({
      deleted: 0,
      todo_items: [],
    });
    // Another user's items are untouched.
    const kept = await call<{ todo_items: Item[] }>(base, 'GET', '/api/todo_items', {
      token: other,
    });
    expect(kept.body.todo_items.map((i) => i.value)).toEqual(['keep me']);
  });

  it('both need a valid token', async () => {
    for (const [method, path] of [
      ['GET', '/api/me/export'],
      ['DELETE', '/api/me'],
    ] as const) {
      const missing = await call(base, method, path);
      expect([missing.status, errorCode(missing)]).toEqual([401, 'missing_token']);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');
      const bad = await call(base, method, path, { token: 'not.a.token' });
      expect([bad.status, errorCode(bad)]).toEqual([401, 'invalid_token']);
    }
  });

  it('other methods are 405 with Allow; OPTIONS answers the preflight', async () => {
    const token = await zendesk.userToken(newUserId());
    for (const [path, allow, wrong] of [
      ['/api/me/export', 'GET, OPTIONS', ['POST', 'PUT', 'PATCH', 'DELETE']],
      ['/api/me', 'DELETE, OPTIONS', ['GET', 'POST', 'PUT', 'PATCH']],
    ] as const) {
      for (const method of wrong) {
        const res = await call(base, method, path, { token });
        expect([method, res.status, errorCode(res)]).toEqual([method, 405, 'method_not_allowed']);
        expect(res.headers.get('allow')).toBe(allow);
      }
      const preflight = await fetch(`${base}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: sut.zendeskUrl,
          'access-control-request-method': allow.split(',')[0]!,
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(sut.zendeskUrl);
      expect(preflight.headers.get('access-control-allow-methods')).toContain(allow.split(',')[0]!);
    }
  });

  it('cross-origin: allowed for ALLOWED_ORIGINS, 403 for any other origin', async () => {
    const token = await zendesk.userToken(newUserId());
    await addItems(base, token, ['x']);
    const allowed = await call(base, 'GET', '/api/me/export', {
      token,
      headers: { origin: sut.zendeskUrl },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(sut.zendeskUrl);

    for (const [method, path] of [
      ['GET', '/api/me/export'],
      ['DELETE', '/api/me'],
    ] as const) {
      const res = await call(base, method, path, {
        token,
        headers: { origin: 'https://evil.example' },
      });
      expect([res.status, errorCode(res)]).toEqual([403, 'origin_not_allowed']);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    // The refused DELETE erased nothing.
    expect(
      (await call<{ todo_items: Item[] }>(base, 'GET', '/api/todo_items', { token })).body
        .todo_items,
    ).toHaveLength(1);
  });
});

describe.each(STORE_MODES)('privacy API rate limits (%s store)', (mode) => {
  let server: AppServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-privacy-'));
    server = await startApp(
      appEnv(sut, mode, dataDir, {
        RATE_LIMIT_WRITES_PER_MINUTE: '3',
        RATE_LIMIT_READS_PER_MINUTE: '3',
      }),
    );
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('DELETE /api/me counts as one write', async () => {
    const token = await zendesk.userToken(newUserId());
    await addItems(server.url, token, ['a', 'b']);
    const erased = await call(server.url, 'DELETE', '/api/me', { token });
    expect([erased.status, erased.body]).toEqual([200, { deleted: 2, todo_items: [] }]);

    const limited = await call(server.url, 'DELETE', '/api/me', { token });
    expect([limited.status, errorCode(limited)]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const add = await call(server.url, 'POST', '/api/todo_items', { token, body: { value: 'c' } });
    expect([add.status, errorCode(add)]).toEqual([429, 'rate_limited']);
  });

  it('GET /api/me/export counts as one read', async () => {
    const token = await zendesk.userToken(newUserId());
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await call(server.url, 'GET', '/api/me/export', { token })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Reads and writes have separate budgets.
    expect(
      (await call(server.url, 'POST', '/api/todo_items', { token, body: { value: 'ok' } })).status,
    ).toBe(201);
  });
});
