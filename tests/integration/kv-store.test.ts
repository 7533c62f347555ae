/**
 * The KV store seen through HTTP: what each API call costs in Upstash requests, what an outage
 * looks like to a client, and that nothing is lost across an app restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import type { Item } from '../support/api';
import { freePort, startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { deleteKeys, redisKeyPattern } from '../../dev/redis-keys';
import { appEnv, system } from '../support/system';
import { startUpstashBridge } from '../../dev/upstash-bridge';
import type { BridgeDownMode, UpstashBridge } from '../../dev/upstash-bridge';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);
const subdomain = `${sut.subdomain}-kv`;
let bridge: UpstashBridge;
let server: AppServer;
let port: number;
let dataDir: string;
type List = { todo_items: Item[] };

const start = (): Promise<AppServer> =>
  startApp(
    appEnv({ ...sut, subdomain, bridge: { url: bridge.url, token: bridge.token } }, 'kv', dataDir),
    port,
  );

beforeAll(async () => {
  bridge = await startUpstashBridge();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-kv-'));
  port = await freePort();
  server = await start();
});
afterAll(async () => {
  await server.stop();
  await bridge.close();
  await deleteKeys(redisKeyPattern(subdomain));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Upstash round trips', () => {
  it('costs exactly one Upstash request per API call, whatever the operation or outcome', async () => {
    const token = await zendesk.userToken(newUserId());
    const counted = async (method: string, p: string, body?: unknown) => {
      bridge.resetCount();
      const res = await call(server.url, method, p, { token, body });
      return { res, requests: bridge.requests() };
    };
    const add = await counted('POST', '/api/todo_items', { value: 'one' });
    expect([add.res.status, add.requests]).toEqual([201, 1]);
    const id = (add.res.body as { todo_item: Item }).todo_item.id;
    expect((await counted('GET', '/api/todo_items')).requests).toBe(1);
    const patch = await counted('PATCH', `/api/todo_items/${id}`, { done: true, value: 'uno' });
    expect([patch.res.status, patch.requests]).toEqual([200, 1]);
    const missing = await counted('PATCH', '/api/todo_items/424242', { done: true });
    expect([missing.res.status, missing.requests]).toEqual([404, 1]);
    const del = await counted('DELETE', `/api/todo_items/${id}`);
    expect([del.res.status, del.requests]).toEqual([200, 1]);
    // Refused before the store: no request at all.
    expect((await counted('POST', '/api/todo_items', { value: '' })).requests).toBe(0);
    bridge.resetCount();
    await call(server.url, 'GET', '/api/todo_items');
    expect(bridge.requests()).toBe(0);
    bridge.resetCount();
    expect((await call(server.url, 'GET', '/api/health')).body).toEqual({
      status: 'ok',
      store: 'kv',
    });
    // At most one: health shares one ping for up to 5 s (docs/api.md), maybe the start-up one.
    expect(bridge.requests()).toBeLessThanOrEqual(1);
  });

  it('keeps values the client would otherwise deserialise, exactly as typed', async () => {
    const token = await zendesk.userToken(newUserId());
    const values = ['123', 'true', 'null', '{"a":1}', '[1,2]', '"quoted"', '1e5'];
    for (const value of values) {
      await call(server.url, 'POST', '/api/todo_items', { token, body: { value } });
    }
    const list = await call<List>(server.url, 'GET', '/api/todo_items', { token });
    expect(list.body.todo_items.map((i) => i.value)).toEqual(values);
  });
});

describe('Upstash outage', () => {
  it.each<[BridgeDownMode]>([['refuse'], ['hang'], ['5xx']])(
    'bridge %s: 503 store_unavailable within 3 s, nothing written, all back afterwards',
    async (mode) => {
      const token = await zendesk.userToken(newUserId());
      await call(server.url, 'POST', '/api/todo_items', { token, body: { value: 'before' } });
      const before = await call<List>(server.url, 'GET', '/api/todo_items', { token });
      bridge.setDown(mode);
      try {
        for (const [method, p, body] of [
          ['POST', '/api/todo_items', { value: 'during' }],
          ['GET', '/api/todo_items', undefined],
          ['DELETE', `/api/todo_items/${before.body.todo_items[0]!.id}`, undefined],
        ] as const) {
          const started = Date.now();
          const res = await call(server.url, method, p, { token, body });
          expect(Date.now() - started).toBeLessThan(3_000);
          expect([res.status, errorCode(res)]).toEqual([503, 'store_unavailable']);
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        expect((await call(server.url, 'GET', '/api/health')).status).toBe(503);
      } finally {
        bridge.setDown(false);
      }
      const after = await call<List>(server.url, 'GET', '/api/todo_items', { token });
      expect(after.body).toEqual(before.body);
      expect(server.output()).not.toContain(bridge.token);
      expect(server.output()).not.toContain(token);
    },
  );
});

describe('restart', () => {
  it('keeps every item across an app restart', async () => {
    const token = await zendesk.userToken(newUserId());
    for (const value of ['a', 'b', 'c']) {
      await call(server.url, 'POST', '/api/todo_items', { token, body: { value } });
    }
    const before = await call<List>(server.url, 'GET', '/api/todo_items', { token });
    await server.stop();
    server = await start();
    const after = await call<List>(server.url, 'GET', '/api/todo_items', { token });
    expect(after.body.todo_items).toHaveLength(3);
    expect(after.body).toEqual(before.body);
  });
});
