/**
 * The token rules of docs/api.md from an attacker's side: forged, tampered and malformed tokens are
 * all 401 with the right challenge and reveal no data; a flood of unknown kids barely touches the
 * JWKS.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorCode, newUserId } from '../support/api';
import { startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { appEnv, STORE_MODES, system } from '../support/system';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);
const now = (): number => Math.floor(Date.now() / 1000);
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(STORE_MODES)('tokens (%s store)', (mode) => {
  const base = sut.apps[mode];
  const victim = newUserId();
  let victimToken: string;

  beforeAll(async () => {
    victimToken = await zendesk.userToken(victim);
    const res = await call(base, 'POST', '/api/todo_items', {
      token: victimToken,
      body: { value: 'secret plan' },
    });
    expect(res.status).toBe(201);
  });

  const claims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    userId: victim,
    email: 'victim@example.com',
    exp: now() + 300,
    ...extra,
  });

  const forgeries: [string, () => Promise<string>][] = [
    ['alg none', () => zendesk.sign(claims(), { alg: 'none' })],
    ['HS256 keyed with the public key', () => zendesk.sign(claims(), { alg: 'HS256' })],
    ['RS512 (not pinned)', () => zendesk.sign(claims(), { alg: 'RS512' })],
    ['PS256 (not pinned)', () => zendesk.sign(claims(), { alg: 'PS256' })],
    ['an unknown kid', () => zendesk.sign(claims(), { kid: randomBytes(32).toString('hex') })],
    ['a key not in the JWKS, current kid', () => zendesk.sign(claims(), { foreignKey: true })],
    ['no kid at all, foreign key', () => zendesk.sign(claims(), { foreignKey: true, kid: null })],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await zendesk.userToken(newUserId())).split('.');
        return `${header}.${b64(claims())}.${signature}`;
      },
    ],
    [
      'a stripped signature',
      async () => (await zendesk.userToken(victim)).split('.').slice(0, 2).join('.') + '.',
    ],
    ['expired beyond the tolerance', () => zendesk.sign(claims({ exp: now() - 60 }))],
    ['no exp', () => zendesk.sign({ userId: victim })],
    ['exp as a string', () => zendesk.sign(claims({ exp: String(now() + 300) }))],
    ['nbf in the future', () => zendesk.sign(claims({ nbf: now() + 120 }))],
    ['no userId', () => zendesk.sign({ exp: now() + 300 })],
    ['userId as a string', () => zendesk.sign(claims({ userId: String(victim) }))],
    ['userId 0', () => zendesk.sign(claims({ userId: 0 }))],
    ['userId negative', () => zendesk.sign(claims({ userId: -victim }))],
    ['userId fractional', () => zendesk.sign(claims({ userId: victim + 0.5 }))],
    ['userId beyond 2^53', () => zendesk.sign(claims({ userId: 2 ** 53 + 2 }))],
    ['userId an array', () => zendesk.sign(claims({ userId: [victim] }))],
    ['no origin claim', () => zendesk.sign(claims(), { origin: null })],
    ['a foreign origin claim', () => zendesk.sign(claims({ origin: 'https://evil.zendesk.com' }))],
    ['an origin claim that is no URL', () => zendesk.sign(claims({ origin: 'nope' }))],
    ['oversize (> 8 KiB)', () => zendesk.sign(claims({ pad: 'x'.repeat(9_000) }))],
    ['two segments', async () => 'eyJhbGciOiJSUzI1NiJ9.eyJ1c2VySWQiOjF9'],
    ['garbage', async () => 'not-a-jwt'],
    ['a JWE-shaped token', async () => 'a.b.c.d.e'],
  ];

  it.each(forgeries)('refuses a token with %s: 401, no data', async (_name, make) => {
    const token = await make();
    const res = await call(base, 'GET', '/api/todo_items', { token });
    expect(res.status).toBe(401);
    expect(['invalid_token', 'token_expired']).toContain(errorCode(res));
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(JSON.stringify(res.body)).not.toContain('secret plan');
    const write = await call(base, 'POST', '/api/todo_items', { token, body: { value: 'pwned' } });
    expect(write.status).toBe(401);
  });

  it('has at least 20 forgeries', () => {
    expect(forgeries.length).toBeGreaterThanOrEqual(20);
  });

  it('calls a token expired beyond the tolerance token_expired', async () => {
    const res = await call(base, 'GET', '/api/todo_items', {
      token: await zendesk.sign(claims({ exp: now() - 60 })),
    });
    expect(errorCode(res)).toBe('token_expired');
  });

  it('accepts a token expired 10 s ago (30 s clock tolerance) and nbf 10 s ahead', async () => {
    for (const extra of [{ exp: now() - 10 }, { nbf: now() + 10 }]) {
      const res = await call(base, 'GET', '/api/todo_items', {
        token: await zendesk.sign(claims(extra)),
      });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain('secret plan');
    }
  });

  it('accepts the allowed origin claim, compared as a URL origin', async () => {
    for (const origin of [sut.zendeskUrl, `${sut.zendeskUrl}/hc/en-us/`]) {
      const res = await call(base, 'GET', '/api/todo_items', {
        token: await zendesk.sign(claims({ origin })),
      });
      expect(res.status).toBe(200);
    }
  });

  it('refuses a token without an origin claim: 401 invalid_token', async () => {
    const res = await call(base, 'GET', '/api/todo_items', {
      token: await zendesk.userToken(victim, {}, { origin: null }),
    });
    expect([res.status, errorCode(res)]).toEqual([401, 'invalid_token']);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty Bearer', 'Bearer '],
    ['the Basic scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['a token with no scheme', 'eyJhbGciOiJSUzI1NiJ9.e30.sig'],
  ])('401 missing_token with a bare challenge for %s', async (_name, header) => {
    const res = await call(base, 'GET', '/api/todo_items', {
      headers: header === undefined ? {} : { authorization: header },
    });
    expect([res.status, errorCode(res)]).toEqual([401, 'missing_token']);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('isolates users: another user sees, changes and deletes nothing of the victim', async () => {
    const attacker = await zendesk.userToken(newUserId());
    const list = await call<{ todo_items: { id: number }[] }>(base, 'GET', '/api/todo_items', {
      token: victimToken,
    });
    const id = list.body.todo_items[0]!.id;
    expect((await call(base, 'GET', '/api/todo_items', { token: attacker })).body).toEqual({
      todo_items: [],
    });
    const patch = await call(base, 'PATCH', `/api/todo_items/${id}`, {
      token: attacker,
      body: { value: 'hacked' },
    });
    expect([patch.status, errorCode(patch)]).toEqual([404, 'not_found']);
    const del = await call(base, 'DELETE', `/api/todo_items/${id}`, { token: attacker });
    expect([del.status, errorCode(del)]).toEqual([404, 'not_found']);
    const after = await call(base, 'GET', '/api/todo_items', { token: victimToken });
    expect(after.body).toEqual(list.body);
  });
});

describe('JWKS fetching', () => {
  const base = sut.apps.embedded;

  it('50 requests with random unknown kids cause at most 2 JWKS fetches', async () => {
    await zendesk.resetCounts();
    const results = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const token = await zendesk.sign(
          { userId: 7, exp: now() + 300 },
          { kid: randomBytes(32).toString('hex') },
        );
        return (await call(base, 'GET', '/api/todo_items', { token })).status;
      }),
    );
    expect(results.filter((status) => status !== 401)).toEqual([]);
    expect((await zendesk.counts()).jwks).toBeLessThanOrEqual(2);
  });

  it('known keys are cached across requests: 20 valid requests, 0 fetches', async () => {
    const token = await zendesk.userToken(newUserId());
    await call(base, 'GET', '/api/todo_items', { token }); // warm
    await zendesk.resetCounts();
    for (let i = 0; i < 20; i++) {
      expect((await call(base, 'GET', '/api/todo_items', { token })).status).toBe(200);
    }
    expect((await zendesk.counts()).jwks).toBe(0);
  });
});

describe('ZENDESK_ORIGIN_CLAIM=optional', () => {
  let dataDir: string;
  let app: AppServer;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-origin-'));
    app = await startApp(appEnv(sut, 'embedded', dataDir, { ZENDESK_ORIGIN_CLAIM: 'optional' }));
  });
  afterAll(async () => {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts a token without an origin claim, still refuses a foreign one', async () => {
    const user = newUserId();
    const bare = await zendesk.userToken(user, {}, { origin: null });
    expect((await call(app.url, 'GET', '/api/todo_items', { token: bare })).status).toBe(200);
    const foreign = await zendesk.userToken(user, { origin: 'https://evil.zendesk.com' });
    const res = await call(app.url, 'GET', '/api/todo_items', { token: foreign });
    expect([res.status, errorCode(res)]).toEqual([401, 'invalid_token']);
  });
});
