/**
 * docs/api.md's `X-Request-Id` and request log, and the framing policy of pages, over real HTTP
 * against the production build in every store mode. The log tests start servers of their own,
 * since they read what the server printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newUserId } from '../support/api';
import type { Item } from '../support/api';
import { startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { appEnv, STORE_MODES, system } from '../support/system';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface LogLine {
  time: string;
  request_id: string;
  method: string;
  route: string;
  status: number;
  duration_ms: number;
  store?: string;
  user?: string;
  code?: string;
}

/** The JSON request-log lines a server printed. */
function logLines(server: AppServer): LogLine[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{"time"'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Waits (bounded) for the log line of `requestId`: stdout may trail the answer a little. */
async function lineFor(server: AppServer, requestId: string): Promise<LogLine> {
  for (let i = 0; i < 100; i++) {
    const line = logLines(server).find((l) => l.request_id === requestId);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no log line for ${requestId}:\n${server.output()}`);
}

describe.each(STORE_MODES)('X-Request-Id (%s store)', (mode) => {
  const base = sut.apps[mode];

  it('is on every answer: API, errors, preflights, health, pages, 404s and static files', async () => {
    const token = await zendesk.userToken(newUserId());
    const widgetHtml = await (await fetch(`${base}/widget`)).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(widgetHtml)?.[0];
    expect(asset).toBeDefined();
    const requests: [string, string, RequestInit?][] = [
      ['GET', '/api/todo_items', { headers: { authorization: `Bearer ${token}` } }],
      ['GET', '/api/todo_items'],
      ['PUT', '/api/todo_items'],
      ['DELETE', '/api/todo_items/1', { headers: { authorization: `Bearer ${token}` } }],
      ['OPTIONS', '/api/todo_items', { headers: { origin: sut.zendeskUrl } }],
      ['GET', '/todo_items'],
      ['GET', '/api/health'],
      ['GET', '/api/no-such-endpoint'],
      // Paths that only begin like an API route's.
      ['GET', '/api/me/x'],
      ['GET', '/api/metrics'],
      ['POST', '/api/todo_items/1/2'],
      ['GET', '/todo_items/1/x'],
      ['DELETE', '/api/me'],
      ['GET', '/api/me/export'],
      ['GET', '/api/dev/token'],
      ['GET', '/'],
      ['GET', '/widget'],
      ['GET', '/no-such-page'],
      ['GET', '/embed.js'],
      ['GET', asset!],
    ];
    const missing: string[] = [];
    for (const [method, url, init] of requests) {
      const res = await fetch(`${base}${url}`, { method, ...init });
      await res.arrayBuffer();
      if (!UUID.test(res.headers.get('x-request-id') ?? '')) missing.push(`${method} ${url}`);
    }
    expect(missing).toEqual([]);
  });

  it('echoes a well-formed incoming id and replaces a malformed one', async () => {
    for (const url of ['/api/todo_items', '/api/health', '/widget', '/no-such-page']) {
      const echoed = await fetch(`${base}${url}`, { headers: { 'x-request-id': 'trace-1.2:3_x' } });
      expect(echoed.headers.get('x-request-id'), url).toBe('trace-1.2:3_x');
      const replaced = await fetch(`${base}${url}`, {
        headers: { 'x-request-id': `<b>${'x'.repeat(200)}` },
      });
      expect(replaced.headers.get('x-request-id'), url).toMatch(UUID);
    }
  });

  it('gives each request its own id', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async () => (await fetch(`${base}/api/health`)).headers.get('x-request-id')),
    );
    expect(new Set(ids).size).toBe(3);
  });

  it('is readable cross-origin by the help center', async () => {
    const res = await fetch(`${base}/api/todo_items`, { headers: { origin: sut.zendeskUrl } });
    const exposed = res.headers.get('access-control-expose-headers') ?? '';
    expect(exposed).toMatch(/X-Request-Id/i);
    expect(exposed).toMatch(/Retry-After/i);
  });
});

describe.each(STORE_MODES)('framing policy (%s store)', (mode) => {
  const base = sut.apps[mode];

  it('lets only ALLOWED_ORIGINS frame /widget, and nobody frame any other page', async () => {
    const widget = await fetch(`${base}/widget`);
    expect(widget.headers.get('content-security-policy')).toBe(`frame-ancestors ${sut.zendeskUrl}`);
    for (const url of ['/', '/no-such-page', '/widget/x']) {
      const res = await fetch(`${base}${url}`);
      expect(res.headers.get('content-security-policy'), url).toBe("frame-ancestors 'none'");
    }
  });
});

describe.each(STORE_MODES)('request log (%s store)', (mode) => {
  let server: AppServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-log-'));
    server = await startApp(appEnv(sut, mode, dataDir));
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs one JSON line per API request with the documented fields', async () => {
    const userId = newUserId();
    const token = await zendesk.userToken(userId);
    const text = `secret item text ${newUserId()}`;
    const added = await call<{ todo_item: Item }>(server.url, 'POST', '/api/todo_items', {
      token,
      body: { value: text },
      headers: { 'x-request-id': 'log-test-add' },
    });
    expect(added.status).toBe(201);
    const id = added.body.todo_item.id;
    await call(server.url, 'PATCH', `/todo_items/${id}`, {
      token,
      body: { value: `${text} edited` },
      headers: { 'x-request-id': 'log-test-patch' },
    });
    await call(server.url, 'GET', '/api/todo_items?email=user@example.com', {
      headers: { 'x-request-id': 'log-test-anonymous' },
    });

    const add = await lineFor(server, 'log-test-add');
    expect(add).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'info',
      request_id: 'log-test-add',
      method: 'POST',
      route: '/api/todo_items',
      status: 201,
      duration_ms: expect.any(Number),
      store: mode,
      user: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const patch = await lineFor(server, 'log-test-patch');
    expect(patch).toMatchObject({ route: '/todo_items/[id]', status: 200, user: add.user });
    const anonymous = await lineFor(server, 'log-test-anonymous');
    expect(anonymous).toMatchObject({ route: '/api/todo_items', status: 401 });
    expect(anonymous.user).toBeUndefined();
    expect(logLines(server).filter((l) => l.request_id === 'log-test-add')).toHaveLength(1);

    // Never the token, any part of it, the email, the user id, the item text or the query.
    const output = server.output();
    for (const secret of [token, ...token.split('.'), text, `user${userId}@example.com`]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toContain(String(userId));
    expect(output).not.toContain('user@example.com');
  });

  it('names a user by a salted hash: stable per user, distinct between users, not a plain hash', async () => {
    const userId = newUserId();
    const token = await zendesk.userToken(userId);
    const other = await zendesk.userToken(newUserId());
    for (const [t, rid] of [
      [token, 'salt-a1'],
      [token, 'salt-a2'],
      [other, 'salt-b'],
    ] as const) {
      await call(server.url, 'GET', '/api/todo_items', {
        token: t,
        headers: { 'x-request-id': rid },
      });
    }
    const [a1, a2, b] = [
      await lineFor(server, 'salt-a1'),
      await lineFor(server, 'salt-a2'),
      await lineFor(server, 'salt-b'),
    ];
    expect(a1.user).toBe(a2.user);
    expect(b.user).not.toBe(a1.user);
    const { createHash } = await import('node:crypto');
    const unsalted = createHash('sha256').update(`${sut.subdomain}:${userId}`).digest('hex');
    expect(unsalted.slice(0, a1.user!.length)).not.toBe(a1.user);
  });
});
