import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLoopbackHost, devOnly } from '@/lib/dev-preview';
import { describeProblems } from '@/lib/health';
import { ApiError } from '@/lib/http/errors';
import { withRequest } from '@/lib/http/pipeline';
import { parseConfig } from '@/lib/config';

const noParams = { params: Promise.resolve({}) };

/** Runs `fn` while capturing what is written on stdout (log lines go out a turn later). */
async function captureStdout<T>(fn: () => Promise<T>): Promise<{ result: T; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    const result = await fn();
    await new Promise((resolve) => setImmediate(resolve));
    return { result, out };
  } finally {
    spy.mockRestore();
  }
}

describe('withRequest', () => {
  afterEach(() => vi.restoreAllMocks());

  it('turns a thrown ApiError into the envelope, with X-Request-Id and one log line', async () => {
    const handler = withRequest(async () => {
      throw new ApiError('invalid_body', 'Nope.', { 'Retry-After': '1' });
    });
    const { result: res, out } = await captureStdout(() =>
      handler(
        new Request('http://x/api/todo_items/7?secret=1', {
          headers: { 'x-request-id': 'abc-1' },
        }),
        { params: Promise.resolve({ id: '7' }) },
      ),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_body', message: 'Nope.' } });
    expect(res.headers.get('x-request-id')).toBe('abc-1');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      request_id: 'abc-1',
      method: 'GET',
      route: '/api/todo_items/[id]',
      status: 400,
      code: 'invalid_body',
      duration_ms: expect.any(Number),
    });
    expect(lines[0]).not.toContain('secret');
  });

  it('hides an unexpected error behind internal_error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = withRequest(async () => {
      throw new Error('database password is hunter2');
    });
    const { result: res } = await captureStdout(() => handler(new Request('http://x/'), noParams));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('hunter2');
  });

  it('adds the context headers to success and error answers alike', async () => {
    for (const fail of [false, true]) {
      const handler = withRequest(async (_req, ctx) => {
        ctx.headers.set('Vary', 'Origin');
        if (fail) throw new ApiError('not_found', 'Gone.');
        return new Response('ok');
      });
      const { result: res } = await captureStdout(() =>
        handler(new Request('http://x/'), noParams),
      );
      expect(res.headers.get('vary')).toBe('Origin');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('adds its headers to a response whose headers are immutable (a redirect)', async () => {
    const handler = withRequest(async () =>
      Response.redirect('http://127.0.0.1:3000/hc/todo', 307),
    );
    const { result: res } = await captureStdout(() => handler(new Request('http://x/'), noParams));
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://127.0.0.1:3000/hc/todo');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('withRequest notes', () => {
  it('adds route-specific fields to the log line, never over the standard ones', async () => {
    const handler = withRequest(async (_req, ctx) => {
      ctx.note({ event: 'user.deleted', erased: 3, status: 999, route: 'x' });
      return new Response(null, { status: 200 });
    });
    const { out } = await captureStdout(() =>
      handler(new Request('http://x/api/zendesk/webhook', { method: 'POST' }), noParams),
    );
    expect(JSON.parse(out)).toMatchObject({
      event: 'user.deleted',
      erased: 3,
      status: 200,
      route: '/api/zendesk/webhook',
    });
  });
});

describe('dev gate', () => {
  it.each(['localhost', 'localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST:1'])(
    'accepts the loopback Host %s',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each([
    null,
    '',
    'evil.example',
    'evil.example:3000',
    '127.0.0.1.nip.io:3000',
    'localhost.evil.example',
    '0.0.0.0:3000',
    '192.168.1.2:3000',
  ])('refuses the Host %s (DNS rebinding)', (host) => expect(isLoopbackHost(host)).toBe(false));

  it('answers 404 outside `next dev`, without calling the handler', async () => {
    const handler = vi.fn(async () => new Response('issued'));
    const route = devOnly(handler);
    const { result: res } = await captureStdout(() =>
      route(
        new Request('http://localhost:3000/api/dev/token', { headers: { host: 'localhost' } }),
        noParams,
      ),
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('health messages', () => {
  it('name the variables and quote no value', () => {
    const secret = 'https://user:pa55@kv.example.com/?token=t0ken';
    const state = parseConfig(
      {
        ZENDESK_SUBDOMAIN: 'not a subdomain!',
        ALLOWED_ORIGINS: 'http://origin.example.com',
        ZENDESK_JWKS_URL: secret,
        REDIS_URL: 'ftp://redis.example.com',
      },
      { nextDev: false },
    );
    expect(state).toMatchObject({ ok: false });
    if (state.ok) return;
    const message = describeProblems(state.problems);
    for (const variable of [
      'ZENDESK_SUBDOMAIN',
      'ALLOWED_ORIGINS',
      'ZENDESK_JWKS_URL',
      'REDIS_URL',
    ]) {
      expect(message).toContain(variable);
    }
    for (const value of [
      'not a subdomain',
      'origin.example.com',
      'kv.example.com',
      'pa55',
      't0ken',
      'redis.example.com',
      'ftp',
    ]) {
      expect(message).not.toContain(value);
    }
  });
});
