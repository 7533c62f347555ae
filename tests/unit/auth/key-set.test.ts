/**
 * The key set against a real HTTP key endpoint, with a fake clock for the cooldown and ages
 * (docs/api.md, tokens): stale-if-error, the 30 s cooldown after any fetch, no waiting on a refresh
 * for a cached kid, one fetch in flight, and a defensive fetch (timeout, exactly 200, no redirects,
 * JSON shape).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '@/lib/auth';
import { createKeySet } from '@/lib/auth/key-set';
import type { KeySet, KeySetOptions } from '@/lib/auth/key-set';
import { newTestKey, publicJwk, startJwksServer } from './jwks-server';
import type { JwksServer, TestKey } from './jwks-server';

const COOLDOWN = 30_000;
const MAX_AGE = 10 * 60_000;
const DAY = 24 * 60 * 60_000;

let server: JwksServer;
let key: TestKey;
let clock: number;
let keySet: KeySet;

// A 1 s fetch timeout: short enough for the hang tests, long enough that a loaded machine's
// loopback fetch does not time out by accident (300 ms did, about once in three runs at load 16).
const make = (opts: KeySetOptions = {}): KeySet =>
  createKeySet(server.url, { now: () => clock, timeoutMs: 1_000, ...opts });

// RSA key generation is the slow part: three keys for the whole file (each test has its own
// endpoint and key set, so sharing keys shares no state).
let spares: TestKey[];
beforeAll(() => {
  spares = [newTestKey(), newTestKey(), newTestKey()];
});

beforeEach(async () => {
  key = spares[0]!;
  server = await startJwksServer([key]);
  clock = 1_000_000_000;
  keySet = make();
});
afterEach(() => server.close());

async function codeOf(kid: unknown, set: KeySet = keySet): Promise<string> {
  try {
    await set.getKey({ kid });
    return 'ok';
  } catch (error) {
    return error instanceof AuthError ? error.code : `unexpected ${String(error)}`;
  }
}

describe('a healthy key endpoint', () => {
  it('fetches once, then serves the kid from memory with the same imported key', async () => {
    const first = await keySet.getKey({ kid: key.kid });
    const second = await keySet.getKey({ kid: key.kid });
    expect(first.type).toBe('public');
    expect(second).toBe(first);
    expect(server.counts.fetches).toBe(1);
  });

  it('refuses an unknown kid (invalid_token) and refetches for one only after 30 s', async () => {
    await keySet.getKey({ kid: key.kid });
    const rotated = spares[1]!;
    server.keys = [key, rotated];
    expect(await codeOf(rotated.kid)).toBe('invalid_token');
    clock += COOLDOWN - 1;
    expect(await codeOf(rotated.kid)).toBe('invalid_token');
    expect(server.counts.fetches).toBe(1);
    clock += 1;
    expect(await codeOf(rotated.kid)).toBe('ok');
    expect(server.counts.fetches).toBe(2);
  });

  it('drops a kid that is no longer published once the set is refreshed', async () => {
    await keySet.getKey({ kid: key.kid });
    const next = spares[2]!;
    server.keys = [next];
    clock += COOLDOWN;
    expect(await codeOf(next.kid)).toBe('ok');
    expect(await codeOf(key.kid)).toBe('invalid_token');
  });

  it('shares one fetch among 20 concurrent requests for unknown kids', async () => {
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => codeOf(i === 0 ? key.kid : `forged-${i}`)),
    );
    expect(codes[0]).toBe('ok');
    expect(codes.slice(1).filter((code) => code !== 'invalid_token')).toEqual([]);
    expect(server.counts.fetches).toBe(1);
  });

  it('refuses a header without a kid without fetching', async () => {
    expect(await codeOf(undefined)).toBe('invalid_token');
    expect(await codeOf(42)).toBe('invalid_token');
    expect(await codeOf('')).toBe('invalid_token');
    expect(server.counts.fetches).toBe(0);
  });

  it('refreshes an old set in the background while serving the cached key', async () => {
    await keySet.getKey({ kid: key.kid });
    clock += MAX_AGE + 1;
    const rotated = spares[1]!;
    server.keys = [key, rotated];
    expect(await codeOf(key.kid)).toBe('ok');
    await vi.waitFor(async () => expect(await codeOf(rotated.kid)).toBe('ok'));
    expect(server.counts.fetches).toBe(2);
  });
});

describe('a key endpoint that fails (stale-if-error)', () => {
  it.each(['error', 'bad-json', 'wrong-shape', 'redirect'] as const)(
    'with nothing cached, %s is auth_unavailable, and no refetch within 30 s',
    async (answer) => {
      server.answer = answer;
      expect(await codeOf(key.kid)).toBe('auth_unavailable');
      clock += COOLDOWN - 1;
      expect(await codeOf(key.kid)).toBe('auth_unavailable');
      expect(server.counts.fetches).toBe(1);
      expect(server.counts.redirectTarget).toBe(0);
      server.answer = 'ok';
      clock += 1;
      expect(await codeOf(key.kid)).toBe('ok');
    },
  );

  it('keeps serving a known kid through 24 h of outage; unknown kids are auth_unavailable', async () => {
    await keySet.getKey({ kid: key.kid });
    server.answer = 'error';
    const start = clock;
    let steps = 0;
    while (clock + 20 * 60_000 <= start + DAY) {
      clock += 20 * 60_000;
      steps += 1;
      expect(await codeOf(key.kid)).toBe('ok');
      // Joins the background refresh the line above started (the set is past its max age).
      expect(await codeOf('forged')).toBe('auth_unavailable');
    }
    expect(steps).toBe(72); // every 20 minutes up to the 24th hour
    // One fetch per 20-minute step, never more: each failed one started a cooldown.
    expect(server.counts.fetches).toBe(1 + steps);
  });

  it('during an outage, 50 requests within 30 s cost one fetch', async () => {
    await keySet.getKey({ kid: key.kid });
    server.answer = 'error';
    clock += MAX_AGE + 1;
    for (let i = 0; i < 50; i++) {
      expect(await codeOf(i % 2 ? key.kid : `forged-${i}`)).toBe(i % 2 ? 'ok' : 'auth_unavailable');
      clock += 500;
    }
    expect(clock - (1_000_000_000 + MAX_AGE + 1)).toBeLessThan(COOLDOWN);
    expect(server.counts.fetches).toBe(2);
    clock += COOLDOWN;
    expect(await codeOf('forged')).toBe('auth_unavailable');
    expect(server.counts.fetches).toBe(3);
  });

  it('stops serving a set more than 24 h after the last good fetch', async () => {
    await keySet.getKey({ kid: key.kid });
    server.answer = 'error';
    clock += DAY;
    expect(await codeOf(key.kid)).toBe('ok');
    clock += 1;
    expect(await codeOf(key.kid)).toBe('auth_unavailable');
  });

  it('after 24 h idle with a healthy endpoint, simply fetches again', async () => {
    await keySet.getKey({ kid: key.kid });
    clock += DAY + 1;
    expect(await codeOf(key.kid)).toBe('ok');
    expect(server.counts.fetches).toBe(2);
  });

  it('recovers: the first good fetch after an outage makes unknown kids 401 again', async () => {
    await keySet.getKey({ kid: key.kid });
    server.answer = 'error';
    clock += COOLDOWN;
    expect(await codeOf('forged')).toBe('auth_unavailable');
    server.answer = 'ok';
    clock += COOLDOWN;
    expect(await codeOf('forged')).toBe('invalid_token');
  });
});

describe('a key endpoint that hangs', () => {
  it('times out (auth_unavailable) when nothing is cached', async () => {
    server.answer = 'hang';
    const started = Date.now();
    expect(await codeOf(key.kid)).toBe('auth_unavailable');
    // The 1 s timeout injected above, not the 5 s default, ended it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(server.counts.fetches).toBe(1);
  });

  it('never makes a request with a cached kid wait for the hanging refresh', async () => {
    const patient = make({ timeoutMs: 60_000 });
    await patient.getKey({ kid: key.kid });
    server.answer = 'hang';
    clock += MAX_AGE + 1;
    expect(await codeOf(key.kid, patient)).toBe('ok'); // starts the refresh
    await vi.waitFor(() => expect(server.counts.hanging).toBe(1));
    for (let i = 0; i < 5; i++) expect(await codeOf(key.kid, patient)).toBe('ok');
    // Answered while the refresh is still held open by the server: they did not wait for it.
    expect(server.counts.hanging).toBe(1);
    expect(server.counts.fetches).toBe(2);
  });

  it('shares the one hanging fetch among requests for unknown kids', async () => {
    await keySet.getKey({ kid: key.kid });
    server.answer = 'hang';
    clock += COOLDOWN;
    const codes = await Promise.all(Array.from({ length: 10 }, (_, i) => codeOf(`forged-${i}`)));
    expect(codes.filter((code) => code !== 'auth_unavailable')).toEqual([]);
    expect(server.counts.fetches).toBe(2);
  });
});

describe('what the endpoint publishes', () => {
  it('skips keys of another type, so their kid is unknown (invalid_token)', async () => {
    server.extra = [{ kty: 'EC', crv: 'P-256', kid: 'ec-key', x: 'AA', y: 'AA' }];
    expect(await codeOf(key.kid)).toBe('ok');
    expect(await codeOf('ec-key')).toBe('invalid_token');
  });

  it('refuses a published RSA key under 2048 bits (invalid_token)', async () => {
    server.extra = [
      { kty: 'RSA', kid: 'empty', n: '', e: 'AQAB' },
      { kty: 'RSA', kid: 'short', n: Buffer.alloc(128, 0xff).toString('base64url'), e: 'AQAB' },
    ];
    expect(await codeOf('empty')).toBe('invalid_token');
    expect(await codeOf('short')).toBe('invalid_token');
    expect(await codeOf(key.kid)).toBe('ok');
  });

  it.each([
    ['a kid listed twice', () => [{ ...publicJwk(key) }]],
    ['an RSA key without n', () => [{ kty: 'RSA', kid: 'no-n', e: 'AQAB' }]],
    ['a key that is not an object', () => ['key']],
  ])('treats a document with %s as a failed fetch', async (_name, extra) => {
    server.extra = extra();
    expect(await codeOf(key.kid)).toBe('auth_unavailable');
  });
});
