/**
 * `GET /api/health` (docs/api.md) against the production build: the store kind in every mode, a
 * store that does not answer, a store ping shared between polls, and problems named by variable
 * only (the values go to the server log, once, at start).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import { freePort, startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { appEnv, STORE_MODES, system } from '../support/system';
import { startUpstashBridge } from '../../dev/upstash-bridge';
import type { UpstashBridge } from '../../dev/upstash-bridge';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);
let dataRoot: string;
const servers: AppServer[] = [];

beforeAll(() => {
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-health-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(dataRoot, { recursive: true, force: true });
});

async function app(mode: string, extra: Record<string, string>): Promise<AppServer> {
  const dir = fs.mkdtempSync(path.join(dataRoot, 'data-'));
  const server = await startApp(appEnv(sut, mode as 'embedded', dir, extra));
  servers.push(server);
  return server;
}

/** A port that accepts connections and never answers: a store that hangs. */
async function silentPort(): Promise<{ port: number; close: () => void }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}

/** Settings that make each store unreachable (a mode without an entry is skipped, and says so). */
async function unreachable(mode: string): Promise<Record<string, string> | undefined> {
  const dead = await freePort();
  switch (mode) {
    case 'embedded': {
      const file = path.join(dataRoot, `file-${dead}`);
      fs.writeFileSync(file, '');
      return { DATA_DIR: path.join(file, 'data') };
    }
    case 'kv':
      return { KV_REST_API_URL: `http://127.0.0.1:${dead}`, KV_REST_API_TOKEN: 'sekr3t-kv-token' };
    case 'redis':
      return { REDIS_URL: `redis://:sekr3t-password@127.0.0.1:${dead}/0` };
    default:
      return undefined;
  }
}

describe.each(STORE_MODES)('health (%s store)', (mode) => {
  it('answers 200 with the store kind, no-store and a request id', async () => {
    const res = await call(sut.apps[mode], 'GET', '/api/health');
    expect([res.status, res.body]).toEqual([200, { status: 'ok', store: mode }]);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).not.toBeNull();
  });

  it('answers 503 store_unavailable with "store" when the store does not answer', async () => {
    const env = await unreachable(mode);
    expect(env, `no way to make the ${mode} store unreachable in this test`).toBeDefined();
    const server = await app(mode, env!);
    const res = await call(server.url, 'GET', '/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'error',
      store: mode,
      error: { code: 'store_unavailable', message: expect.any(String) },
    });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const text = JSON.stringify(res.body);
    for (const value of [...Object.values(env!), 'sekr3t', '127.0.0.1']) {
      expect(text).not.toContain(value);
    }
    await server.stop();
  });
});

describe('health polling (kv store: the bridge counts store round trips)', () => {
  let bridge: UpstashBridge;
  beforeAll(async () => {
    bridge = await startUpstashBridge();
  });
  afterAll(async () => {
    await bridge.close();
  });

  it('reuses one store ping for up to 5 s, then pings again', async () => {
    const server = await app('kv', {
      KV_REST_API_URL: bridge.url,
      KV_REST_API_TOKEN: bridge.token,
    });
    bridge.resetCount();
    const started = Date.now();
    const polls = await Promise.all(
      Array.from({ length: 30 }, () => call(server.url, 'GET', '/api/health')),
    );
    for (let i = 0; i < 30; i++) polls.push(await call(server.url, 'GET', '/api/health'));
    const elapsed = Date.now() - started;
    expect(polls.map((r) => r.status).filter((status) => status !== 200)).toEqual([]);
    // At most one ping per started 5 s window (plus the one in flight from before the reset).
    expect(bridge.requests()).toBeLessThanOrEqual(Math.ceil(elapsed / 5_000) + 1);

    // A store that goes away is noticed once the shared ping has aged out.
    bridge.setDown('refuse');
    let status = 200;
    for (let i = 0; i < 300 && status === 200; i++) {
      status = (await call(server.url, 'GET', '/api/health')).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(503);
    bridge.setDown(false);
    await server.stop();
  });

  it('does not reuse an "ok" ping once a request has found the store down', async () => {
    const server = await app('kv', {
      KV_REST_API_URL: bridge.url,
      KV_REST_API_TOKEN: bridge.token,
    });
    expect((await call(server.url, 'GET', '/api/health')).status).toBe(200);
    const token = await zendesk.userToken(newUserId());
    bridge.setDown('5xx');
    try {
      const res = await call(server.url, 'GET', '/api/todo_items', { token });
      expect(errorCode(res)).toBe('store_unavailable');
      expect((await call(server.url, 'GET', '/api/health')).status).toBe(503);
    } finally {
      bridge.setDown(false);
    }
    await server.stop();
  });

  it('a store that hangs: 503 store_unavailable, not a hung health check', async () => {
    const silent = await silentPort();
    try {
      const server = await app('kv', {
        KV_REST_API_URL: `http://127.0.0.1:${silent.port}`,
        KV_REST_API_TOKEN: 'x',
      });
      const res = await call(server.url, 'GET', '/api/health');
      expect([res.status, (res.body as { store?: string }).store]).toEqual([503, 'kv']);
      await server.stop();
    } finally {
      silent.close();
    }
  });
});

describe('health and a bad configuration', () => {
  it('names each variable and never quotes a value; the log has the full message once', async () => {
    const values = {
      ALLOWED_ORIGINS: 'http://origin-value.example.com',
      ZENDESK_JWKS_URL: 'http://user:pa55word@jwks-value.example.com/keys?token=query-secret',
      ZENDESK_SUBDOMAIN: 'subdomain value!',
    };
    const server = await app('embedded', values);
    for (let i = 0; i < 3; i++) {
      const res = await call(server.url, 'GET', '/api/health');
      expect(res.status).toBe(503);
      const body = res.body as { status: string; error: { code: string; variables: string[] } };
      expect(body.status).toBe('error');
      expect(body.error.code).toBe('server_misconfigured');
      expect(body.error.variables.sort()).toEqual(Object.keys(values).sort());
      const text = JSON.stringify(body);
      for (const value of [
        'origin-value',
        'jwks-value',
        'pa55word',
        'query-secret',
        'subdomain value',
        'http',
      ]) {
        expect(text).not.toContain(value);
      }
    }
    const output = server.output();
    expect(output.match(/ALLOWED_ORIGINS must list/g)).toHaveLength(1);
    expect(output).toContain('origin-value.example.com');
    // Masked even in the log.
    expect(output).not.toContain('pa55word');
    expect(output).not.toContain('query-secret');
  });
});
