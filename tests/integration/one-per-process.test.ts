/**
 * Next bundles each route separately, so module-level state exists once per route bundle unless
 * it is kept process-wide (lib/process-singleton.ts). Driving every route of one `next start`
 * on the Redis store must open one Redis connection and fetch the help center's keys once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startApp, type AppServer } from '../../dev/app-server';
import { startFakeZendesk, type FakeZendesk } from '../../dev/fake-zendesk';
import { deleteKeys, redisKeyPattern } from '../../dev/redis-keys';
import { startTcpProxy, type TcpProxy } from '../unit/store/tcp-proxy';
import { call, newUserId } from '../support/api';
import { appEnv, system } from '../support/system';
import { deliver, userDeleted } from '../support/webhook';

const sut = system();
const subdomain = `${sut.subdomain}-once`;
let zendesk: FakeZendesk;
let redis: TcpProxy;
let app: AppServer;
let dataDir: string;

beforeAll(async () => {
  [zendesk, redis] = await Promise.all([startFakeZendesk(), startTcpProxy()]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-once-'));
  const env = appEnv({ ...sut, zendeskUrl: zendesk.url, subdomain }, 'redis', dataDir, {
    REDIS_URL: `redis://127.0.0.1:${redis.port}`,
  });
  app = await startApp(env);
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([zendesk?.close(), redis?.close()]);
  await deleteKeys(redisKeyPattern(subdomain));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('one next start', () => {
  it('opens one Redis connection and fetches the key set once, whatever routes it serves', async () => {
    const token = zendesk.userToken(newUserId());
    const as = { token };
    const added = await call<{ todo_item: { id: number } }>(app.url, 'POST', '/api/todo_items', {
      ...as,
      body: { value: 'one' },
    });
    expect(added.status).toBe(201);
    const id = added.body.todo_item.id;
    const answers = [
      (await call(app.url, 'GET', '/api/todo_items', as)).status,
      (await call(app.url, 'PATCH', `/api/todo_items/${id}`, { ...as, body: { done: true } }))
        .status,
      (await call(app.url, 'PATCH', '/api/todo_items', { ...as, body: { done: false } })).status,
      (await call(app.url, 'GET', '/todo_items', as)).status,
      (await call(app.url, 'GET', '/api/me/export', as)).status,
      (await call(app.url, 'DELETE', `/api/todo_items/${id}`, as)).status,
      (await call(app.url, 'DELETE', '/api/todo_items?done=true', as)).status,
      (await call(app.url, 'DELETE', '/api/me', as)).status,
      (await call(app.url, 'GET', '/api/health')).status,
      (await deliver(app.url, userDeleted(String(newUserId())))).status,
      (
        await fetch(`${app.url}/widget`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', origin: zendesk.url },
          body: `token=${token}\r\n`,
        })
      ).status,
    ];
    expect(answers).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]);
    expect(redis.accepted()).toBe(1);
    expect(zendesk.counts().jwks).toBe(1);
  });

  it('maps the shared store’s and key set’s errors the same in every route', async () => {
    // The store and the key set were made by the first route that needed them; their errors
    // must still read as not_found and invalid_token (not 500 or 503) in every other route.
    const token = zendesk.userToken(newUserId());
    const forged = zendesk.userToken(newUserId(), {}, { foreignKey: true });
    const codes = async (res: Promise<{ status: number; body: unknown }>): Promise<string> => {
      const { status, body } = await res;
      return `${status} ${(body as { error?: { code?: string } }).error?.code ?? ''}`;
    };
    expect(
      await codes(call(app.url, 'PATCH', '/api/todo_items/999', { token, body: { done: true } })),
    ).toBe('404 not_found');
    expect(await codes(call(app.url, 'DELETE', '/api/todo_items/999', { token }))).toBe(
      '404 not_found',
    );
    for (const path of ['/api/todo_items', '/api/me/export']) {
      expect(await codes(call(app.url, 'GET', path, { token: forged }))).toBe('401 invalid_token');
    }
    const page = await fetch(`${app.url}/widget`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: zendesk.url },
      body: `token=${forged}\r\n`,
    });
    expect(await page.text()).toContain('sign-in couldn’t be confirmed');
  });
});
