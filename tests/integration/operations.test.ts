/**
 * Behaviour that needs a server of its own: key rotation, Zendesk or the store being down,
 * bad configuration, rate limits, the dev routes in a production build, and restarts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import { freePort, startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { startFakeZendesk } from '../../dev/fake-zendesk';
import type { FakeZendesk } from '../../dev/fake-zendesk';
import { shiftedClock } from '../support/shifted-clock';
import { appEnv, system } from '../support/system';

const sut = system();
let zendesk: FakeZendesk;
let dataRoot: string;
const servers: AppServer[] = [];

beforeAll(async () => {
  zendesk = await startFakeZendesk();
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-ops-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await zendesk.close();
  fs.rmSync(dataRoot, { recursive: true, force: true });
});

/** An embedded-store app trusting this file's own fake Zendesk. */
async function app(extra: Record<string, string> = {}, port?: number): Promise<AppServer> {
  const env = appEnv(
    { ...sut, zendeskUrl: zendesk.url },
    'embedded',
    path.join(dataRoot, 'data'),
    extra,
  );
  const server = await startApp(env, port);
  servers.push(server);
  return server;
}

describe('key rotation', () => {
  it('refuses a new kid within the 30 s cooldown without a fetch, then refreshes once; old keys keep working', async () => {
    // The server's clock is moved past the cooldown instead of waiting 30 s for real.
    const clock = shiftedClock(dataRoot);
    const server = await app(clock.env);
    const user = newUserId();
    const oldToken = zendesk.userToken(user);
    expect((await call(server.url, 'GET', '/api/todo_items', { token: oldToken })).status).toBe(
      200,
    );
    // The unknown-kid cooldown (docs/api.md, tokens) started at that fetch; Zendesk rotates now.
    zendesk.resetCounts();
    zendesk.rotate();
    const newToken = zendesk.userToken(user);
    const early = await call(server.url, 'GET', '/api/todo_items', { token: newToken });
    expect([early.status, errorCode(early)]).toEqual([401, 'invalid_token']);
    expect(zendesk.counts().jwks).toBe(0);

    await clock.advance(server, 30_000);
    expect((await call(server.url, 'GET', '/api/todo_items', { token: newToken })).status).toBe(
      200,
    );
    expect((await call(server.url, 'GET', '/api/todo_items', { token: oldToken })).status).toBe(
      200,
    );
    expect(zendesk.counts().jwks).toBe(1);
  });
});

describe('Zendesk unreachable', () => {
  it('503 auth_unavailable with Retry-After when no key is cached, never acceptance', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/keys.json`;
    const server = await app({ ZENDESK_JWKS_URL: dead });
    const started = Date.now();
    const res = await call(server.url, 'GET', '/api/todo_items', {
      token: zendesk.userToken(newUserId()),
    });
    expect([res.status, errorCode(res)]).toEqual([503, 'auth_unavailable']);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('503 auth_unavailable when the JWKS answers 5xx', async () => {
    const server = await app();
    zendesk.setJwksDown(true);
    try {
      const res = await call(server.url, 'GET', '/api/todo_items', {
        token: zendesk.userToken(newUserId()),
      });
      expect([res.status, errorCode(res)]).toEqual([503, 'auth_unavailable']);
    } finally {
      zendesk.setJwksDown(false);
    }
  });
});

describe('embedded store unavailable', () => {
  it('503 store_unavailable with Retry-After, and /api/health says so', async () => {
    const file = path.join(dataRoot, 'not-a-folder');
    fs.writeFileSync(file, '');
    const server = await app({ DATA_DIR: path.join(file, 'data') });
    const res = await call(server.url, 'GET', '/api/todo_items', {
      token: zendesk.userToken(newUserId()),
    });
    expect([res.status, errorCode(res)]).toEqual([503, 'store_unavailable']);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const health = await call(server.url, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(JSON.stringify(health.body)).toContain('store_unavailable');
  });
});

describe('misconfiguration', () => {
  it.each([
    ['ZENDESK_SUBDOMAIN', { ZENDESK_SUBDOMAIN: '' }],
    ['ZENDESK_SUBDOMAIN', { ZENDESK_SUBDOMAIN: 'acme.zendesk.com/x' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: '*' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: 'http://help.example.com' }],
    ['ZENDESK_JWKS_URL', { ZENDESK_JWKS_URL: 'http://zendesk.example.com/keys.json' }],
    ['KV_REST_API_TOKEN', { KV_REST_API_URL: 'https://x.upstash.io' }],
    ['RATE_LIMIT_WRITES_PER_MINUTE', { RATE_LIMIT_WRITES_PER_MINUTE: 'lots' }],
    ['KV_REST_API_URL', { VERCEL: '1' }],
  ])(
    'names %s: health 503, API 503 server_misconfigured, logged at start',
    async (variable, env) => {
      const server = await app(env);
      const health = await call(server.url, 'GET', '/api/health');
      expect(health.status).toBe(503);
      expect(JSON.stringify(health.body)).toContain(variable);
      const res = await call(server.url, 'GET', '/api/todo_items', {
        token: zendesk.userToken(newUserId()),
      });
      expect([res.status, errorCode(res)]).toEqual([503, 'server_misconfigured']);
      expect(res.headers.get('retry-after')).not.toBeNull();
      expect(server.output()).toContain(variable);
      await server.stop();
    },
  );

  it('never echoes a secret in health or logs', async () => {
    const secret = 'sekr3t-token-value-that-must-not-leak';
    const server = await app({ KV_REST_API_URL: 'not a url', KV_REST_API_TOKEN: secret });
    const health = await call(server.url, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(JSON.stringify(health.body)).not.toContain(secret);
    expect(server.output()).not.toContain(secret);
    await server.stop();
  });
});

describe('dev preview routes in a production build', () => {
  it('answer 404 even with NODE_ENV=development and no ZENDESK_SUBDOMAIN', async () => {
    const server = await app({ NODE_ENV: 'development', ZENDESK_SUBDOMAIN: '' });
    for (const p of ['/api/dev/token?userId=1', '/api/dev/jwks']) {
      const res = await call(server.url, 'GET', p);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/eyJ|"keys"/);
    }
    await server.stop();
  });
});

describe('rate limits', () => {
  it('429 rate_limited with Retry-After past the per-user limit; other users unaffected', async () => {
    const server = await app({
      RATE_LIMIT_WRITES_PER_MINUTE: '5',
      RATE_LIMIT_READS_PER_MINUTE: '8',
    });
    const token = zendesk.userToken(newUserId());
    const writes = [];
    for (let i = 0; i < 6; i++) {
      writes.push(
        await call(server.url, 'POST', '/api/todo_items', { token, body: { value: `n${i}` } }),
      );
    }
    expect(writes.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = writes[5]!;
    expect(errorCode(limited)).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Reads have their own budget; the refused write stored nothing.
    const list = await call<{ todo_items: unknown[] }>(server.url, 'GET', '/api/todo_items', {
      token,
    });
    expect(list.body.todo_items).toHaveLength(5);
    const other = zendesk.userToken(newUserId());
    expect(
      (await call(server.url, 'POST', '/api/todo_items', { token: other, body: { value: 'ok' } }))
        .status,
    ).toBe(201);
  });
});

describe('restart', () => {
  it('keeps every item across a server restart', async () => {
    const dataDir = path.join(dataRoot, 'restart');
    const port = await freePort();
    const token = zendesk.userToken(newUserId());
    let server = await app({ DATA_DIR: dataDir }, port);
    for (const value of ['one', 'two', 'three']) {
      await call(server.url, 'POST', '/api/todo_items', { token, body: { value } });
    }
    const before = await call(server.url, 'GET', '/api/todo_items', { token });
    await server.stop();
    server = await app({ DATA_DIR: dataDir }, port);
    const after = await call(server.url, 'GET', '/api/todo_items', { token });
    expect(after.body).toEqual(before.body);
    expect((after.body as { todo_items: unknown[] }).todo_items).toHaveLength(3);
  });
});
