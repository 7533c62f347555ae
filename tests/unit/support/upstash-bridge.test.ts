/**
 * The bridge is only useful if the real client cannot tell it from Upstash: these run the
 * unmodified `@upstash/redis` client with its defaults (base64 responses, auto-pipelining) and
 * check the raw wire format the client's decoder expects.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Redis as UpstashRedis } from '@upstash/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstashBridge, type UpstashBridge } from '@/dev/upstash-bridge';

const NS = `hc-todo-test:bridge-${randomBytes(4).toString('hex')}`;
const key = (name: string): string => `${NS}:${name}`;
const b64 = (text: string): string => Buffer.from(text).toString('base64');

let bridge: UpstashBridge;
let client: UpstashRedis;

beforeAll(async () => {
  bridge = await startUpstashBridge();
  client = new UpstashRedis({ url: bridge.url, token: bridge.token });
});

afterAll(async () => {
  await bridge?.close();
  const redis = new Redis({ lazyConnect: true });
  await redis.connect();
  const keys = await redis.keys(`${NS}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

/** One raw request, as the client would send it. */
async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${bridge.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${bridge.token}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('upstash bridge with the real @upstash/redis client (defaults)', () => {
  it('sets and gets strings, non-ASCII included', async () => {
    const text = 'héllo wörld ✓ 😀 中文';
    expect(await client.set(key('s'), text)).toBe('OK');
    expect(await client.get(key('s'))).toBe(text);
    await client.set(key('ok'), 'OK');
    expect(await client.get(key('ok'))).toBe('OK');
    expect(await client.get(key('missing'))).toBeNull();
  });

  it('round-trips numbers and counters', async () => {
    await client.set(key('n'), 41);
    expect(await client.incr(key('n'))).toBe(42);
    expect(await client.get(key('n'))).toBe(42);
    expect(await client.incrbyfloat(key('f'), 1.5)).toBe(1.5);
  });

  it('runs a pipeline in one request', async () => {
    bridge.resetCount();
    const p = client.pipeline();
    p.set(key('p'), 'v').incr(key('pc')).incr(key('pc')).get(key('p')).lrange(key('none'), 0, -1);
    expect(await p.exec()).toEqual(['OK', 1, 2, 'v', []]);
    expect(bridge.requests()).toBe(1);
  });

  it('runs a multi/exec transaction atomically, and discards it whole on a syntax error', async () => {
    const tx = client.multi();
    tx.set(key('t'), 'one').append(key('t'), '+two').get(key('t'));
    expect(await tx.exec()).toEqual(['OK', 7, 'one+two']);

    const discarded = await post('/multi-exec', [['SET', key('t2'), 'never'], ['GET']]);
    expect(discarded.status).toBe(400);
    expect(discarded.body).toEqual({ error: expect.stringMatching(/^EXECABORT/) });
    expect(await client.get(key('t2'))).toBeNull();
  });

  it('evaluates scripts, and EVALSHA falls back to EVAL on NOSCRIPT', async () => {
    const reply = await client.eval(
      'return {KEYS[1], ARGV[1], 7, {ARGV[2]}}',
      [key('e')],
      ['ü', 'OK'],
    );
    expect(reply).toEqual([key('e'), 'ü', 7, ['OK']]);

    // A script body no Redis has seen, so its SHA is not cached: EVALSHA → NOSCRIPT → EVAL.
    const script = client.createScript(`return ARGV[1] -- ${randomBytes(8).toString('hex')}`);
    bridge.resetCount();
    expect(await script.exec([], ['first'])).toBe('first');
    expect(bridge.requests()).toBe(2);
    expect(await script.exec([], ['second'])).toBe('second');
    expect(bridge.requests()).toBe(3);
  });

  it('keeps a script cache of its own: cold on a new bridge, warm after SCRIPT LOAD', async () => {
    const body = 'return 42';
    const sha = await client.scriptLoad(body); // now cached in Redis, and on this bridge
    expect(await client.evalsha(sha, [], [])).toBe(42);

    const fresh = await startUpstashBridge();
    try {
      const other = new UpstashRedis({ url: fresh.url, token: fresh.token });
      await expect(other.evalsha(sha, [], [])).rejects.toThrow(/NOSCRIPT/);
      expect(await other.eval(body, [], [])).toBe(42);
      expect(await other.evalsha(sha, [], [])).toBe(42);
    } finally {
      await fresh.close();
    }
  });

  it('accepts the allow-key-locking shebang like Upstash, and hides it from Redis', async () => {
    const flagged = `#!lua flags=allow-key-locking\nreturn {KEYS[1], ARGV[1]} -- ${NS}`;
    expect(await client.eval(flagged, [key('k')], ['v'])).toEqual([key('k'), 'v']);
    expect(bridge.scripts()).toContain(flagged); // recorded as sent

    // The SHA is the flagged body's, as on Upstash, and EVALSHA runs it.
    const sha = await client.scriptLoad(flagged);
    expect(sha).toBe(createHash('sha1').update(flagged).digest('hex'));
    expect(await client.evalsha(sha, [key('k')], ['w'])).toEqual([key('k'), 'w']);

    // Other flags still reach Redis: no-writes keeps its meaning.
    const readOnly = `#!lua flags=no-writes,allow-key-locking\nreturn redis.call('SET', KEYS[1], 'x')`;
    const refused = await post('/', ['EVAL', readOnly, 1, key('ro')]);
    expect(refused).toEqual({ status: 400, body: { error: expect.stringMatching(/^ERR Write/) } });
    expect(await client.get(key('ro'))).toBeNull();
    // A flag neither knows is refused, as Redis does.
    const unknown = await post('/', ['EVAL', '#!lua flags=no-such-flag\nreturn 1', 0]);
    expect(unknown).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/Unexpected flag/) },
    });
  });

  it('returns hashes that hgetall turns into objects', async () => {
    await client.hset(key('h'), { name: 'zoë', count: 3 });
    expect(await client.hgetall(key('h'))).toEqual({ name: 'zoë', count: 3 });
  });

  it('surfaces command errors as errors', async () => {
    await client.set(key('x'), 'not a number');
    await expect(client.incr(key('x'))).rejects.toThrow(/ERR value is not an integer/);
    await expect(client.eval('return redis.call("NOPE")', [], [])).rejects.toThrow(/ERR/);
  });

  it('refuses a wrong token with 401, for raw requests and for the client', async () => {
    const res = await fetch(bridge.url, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong' },
      body: '["PING"]',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Unauthorized' });
    const none = await fetch(bridge.url, { method: 'POST', body: '["PING"]' });
    expect(none.status).toBe(401);

    const stranger = new UpstashRedis({ url: bridge.url, token: 'wrong', retry: false });
    await expect(stranger.ping()).rejects.toThrow(/Unauthorized/);
  });
});

describe('upstash bridge wire format', () => {
  it('base64-encodes string results, nested ones too, but not a top-level OK', async () => {
    const base64 = { 'upstash-encoding': 'base64' };
    expect(await post('/', ['SET', key('w'), 'bär'], base64)).toEqual({
      status: 200,
      body: { result: 'OK' },
    });
    expect(await post('/', ['GET', key('w')], base64)).toEqual({
      status: 200,
      body: { result: b64('bär') },
    });
    expect(await post('/', ['GET', key('w')])).toEqual({ status: 200, body: { result: 'bär' } });

    const nested = await post('/', ['EVAL', "return {'a', 2, {'OK', false}}", 0], base64);
    expect(nested).toEqual({ status: 200, body: { result: [b64('a'), 2, [b64('OK'), null]] } });
    const pipeline = await post(
      '/pipeline',
      [['GET', key('w')], ['INCR', key('w')], ['PING']],
      base64,
    );
    expect(pipeline.body).toEqual([
      { result: b64('bär') },
      { error: expect.stringMatching(/^ERR value is not an integer/) },
      { result: b64('PONG') },
    ]);
  });

  it('answers a command error with 400 and {error}', async () => {
    expect(await post('/', ['NOSUCHCOMMAND'])).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^ERR unknown command/) },
    });
    expect(await post('/', { not: 'a command' })).toMatchObject({ status: 400 });
  });

  it('answers RESP2 when asked, and refuses RESP2 together with base64', async () => {
    await post('/', ['SET', key('r'), 'ça']);
    const res = await fetch(bridge.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${bridge.token}`, 'upstash-response-format': 'resp2' },
      body: JSON.stringify(['GET', key('r')]),
    });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe('$3\r\nça\r\n');
    const both = { 'upstash-response-format': 'resp2', 'upstash-encoding': 'base64' };
    expect((await post('/', ['GET', key('r')], both)).status).toBe(400);
  });
});
