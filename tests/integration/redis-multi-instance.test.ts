/**
 * Two `next start` instances on one Redis, as behind a load balancer: they share items, ids,
 * the rate limit and eviction safety, each API request costs exactly one Redis command (counted
 * with MONITOR, which tells a client's commands from those its script runs), and an instance
 * says QUIT when it is stopped. A private redis-server, so that the counts see no other traffic.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import type { Item } from '../support/api';
import { startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { startPrivateRedis } from '../../dev/private-redis';
import type { PrivateRedis } from '../../dev/private-redis';
import { appEnv, system } from '../support/system';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);
const subdomain = `${sut.subdomain}-multi`;
let redis: PrivateRedis;
let dataDir: string;
type List = { todo_items: Item[] };
type Added = { todo_item: Item; todo_items: Item[] };

/** Two instances on the private Redis with `extra` settings. */
async function startPair(extra: Record<string, string> = {}): Promise<[AppServer, AppServer]> {
  const env = appEnv({ ...sut, subdomain, redisUrl: redis.url }, 'redis', dataDir, extra);
  const [a, b] = await Promise.all([startApp(env), startApp(env)]);
  return [a, b];
}

/** The Redis key of the user's id counter (lib/store/redis-keys.ts). */
const counterKey = (userId: number): string => `hc-todo:{${subdomain}:${userId}}:seq`;

beforeAll(async () => {
  redis = await startPrivateRedis();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-multi-'));
});
afterAll(async () => {
  await redis?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('two instances, one Redis', () => {
  let a: AppServer;
  let b: AppServer;
  beforeAll(async () => {
    [a, b] = await startPair();
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('lists on one instance what was added on the other', async () => {
    const token = await zendesk.userToken(newUserId());
    const added = await call<Added>(a.url, 'POST', '/api/todo_items', {
      token,
      body: { value: 'from a' },
    });
    expect(added.status).toBe(201);
    const listed = await call<List>(b.url, 'GET', '/api/todo_items', { token });
    expect(listed.body.todo_items).toEqual([added.body.todo_item]);
  });

  it('keeps 200 concurrent adds split across both: 200 items, unique ids', async () => {
    const token = await zendesk.userToken(newUserId());
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        call<Added>(n % 2 ? a.url : b.url, 'POST', '/api/todo_items', {
          token,
          body: { value: `v${n}` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(200);
    const list = await call<List>(a.url, 'GET', '/api/todo_items', { token });
    const ids = list.body.todo_items.map((i) => i.id);
    expect(ids).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(list.body.todo_items.map((i) => i.value)).size).toBe(200);
  });

  it('neither reuses an id nor overwrites an item after the id counter is lost', async () => {
    const userId = newUserId();
    const token = await zendesk.userToken(userId);
    for (const value of ['one', 'two', 'three']) {
      await call(a.url, 'POST', '/api/todo_items', { token, body: { value } });
    }
    await call(a.url, 'DELETE', '/api/todo_items/2', { token });
    expect(await redis.client.del(counterKey(userId))).toBe(1); // evicted, or deleted by hand
    const next = await call<Added>(b.url, 'POST', '/api/todo_items', {
      token,
      body: { value: 'four' },
    });
    expect(next.status).toBe(201);
    expect(next.body.todo_items.map((i) => [i.id, i.value])).toEqual([
      [1, 'one'],
      [3, 'three'],
      [4, 'four'],
    ]);
    expect(await redis.client.get(counterKey(userId))).toBe('4');
  });

  it('costs exactly one Redis command per API request: GET, POST, PATCH, DELETE', async () => {
    const token = await zendesk.userToken(newUserId());
    // Both instances connected before counting (the handshake is once per process).
    for (const app of [a, b]) await call(app.url, 'GET', '/api/todo_items', { token });

    /** Status, body and the Redis commands the instance sent for one API request. */
    const commandsOf = async (app: AppServer, method: string, p: string, body?: unknown) => {
      let res: Awaited<ReturnType<typeof call>> | undefined;
      const commands = await redis.clientCommands(async () => {
        res = await call(app.url, method, p, { token, body });
      });
      return { status: res!.status, commands, body: res!.body };
    };

    const post = await commandsOf(a, 'POST', '/api/todo_items', { value: 'counted' });
    expect([post.status, post.commands]).toEqual([201, ['eval']]);
    const id = (post.body as Added).todo_item.id;
    expect(await commandsOf(b, 'GET', '/api/todo_items')).toMatchObject({
      status: 200,
      commands: ['eval'],
    });
    expect(await commandsOf(a, 'PATCH', `/api/todo_items/${id}`, { done: true })).toMatchObject({
      status: 200,
      commands: ['eval'],
    });
    expect(await commandsOf(b, 'PATCH', '/api/todo_items/424242', { done: true })).toMatchObject({
      status: 404,
      commands: ['eval'],
    });
    expect(await commandsOf(b, 'DELETE', `/api/todo_items/${id}`)).toMatchObject({
      status: 200,
      commands: ['eval'],
    });
    // Refused before the store: no command at all.
    expect(await commandsOf(a, 'POST', '/api/todo_items', { value: '' })).toMatchObject({
      status: 400,
      commands: [],
    });
  });

  it('says QUIT when an instance is stopped (SIGTERM)', async () => {
    const before = (await redis.commandCalls()).quit ?? 0;
    await b.stop();
    expect(((await redis.commandCalls()).quit ?? 0) - before).toBe(1);
    // The other instance is unaffected.
    const token = await zendesk.userToken(newUserId());
    expect((await call(a.url, 'GET', '/api/todo_items', { token })).status).toBe(200);
  });
});

describe('the write limit across instances', () => {
  it('holds across both: three writes on each with a limit of 5 → exactly one 429', async () => {
    const [a, b] = await startPair({ RATE_LIMIT_WRITES_PER_MINUTE: '5' });
    try {
      const token = await zendesk.userToken(newUserId());
      const statuses = [];
      let limited;
      for (const app of [a, b, a, b, a, b]) {
        const res = await call(app.url, 'POST', '/api/todo_items', { token, body: { value: 'w' } });
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
      expect(errorCode(limited!)).toBe('rate_limited');
      const retryAfter = Number(limited!.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const list = await call<List>(b.url, 'GET', '/api/todo_items', { token });
      expect(list.body.todo_items).toHaveLength(5);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

// Last: it stops this file's Redis.
describe('Redis down', () => {
  it('reports health ok on Redis, then 503 store_unavailable with Retry-After once it is gone', async () => {
    const [a, b] = await startPair();
    try {
      const token = await zendesk.userToken(newUserId());
      expect((await call(a.url, 'GET', '/api/health')).body).toEqual({
        status: 'ok',
        store: 'redis',
      });
      await call(a.url, 'POST', '/api/todo_items', { token, body: { value: 'before' } });
      await redis.stop(); // connections refused from now on
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', { value: 'during' }],
      ] as const) {
        const res = await call(b.url, method, '/api/todo_items', { token, body });
        expect([res.status, errorCode(res)]).toEqual([503, 'store_unavailable']);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(a.output() + b.output()).not.toContain(token);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
