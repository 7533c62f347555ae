/**
 * The verified-token cache as verifyHelpCenterToken uses it: one signature check per
 * token, never an acceptance a fresh verification would refuse — expiry to the second, a kid
 * dropped by a key refresh, nbf — a bounded size, nothing cached for a refused token, and no
 * verdict shared between two configurations. A real RSA key, jose signing, a real HTTP key
 * endpoint; a fake `Date` is the one clock jose, the key set and the cache all read.
 */
import { SignJWT } from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { AuthError, verifyHelpCenterToken } from '@/lib/auth';
import type { VerifyOptions } from '@/lib/auth';
import { createKeySet } from '@/lib/auth/key-set';
import { createTokenCache } from '@/lib/auth/token-cache';
import type { TokenCache } from '@/lib/auth/token-cache';
import { newTestKey, startJwksServer } from './jwks-server';
import type { JwksServer, TestKey } from './jwks-server';

const ORIGIN = 'https://help.example.com';
const TOLERANCE = 30;
const START = Date.UTC(2027, 0, 1); // whole second

let server: JwksServer;
let key: TestKey;
let spare: TestKey;
let cache: TokenCache;
let opts: VerifyOptions;
let signatures: MockInstance<SubtleCrypto['verify']>;

beforeAll(() => {
  key = newTestKey();
  spare = newTestKey();
});

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] }); // timers stay real: the key fetch needs them
  vi.setSystemTime(START);
  server = await startJwksServer([key]);
  cache = createTokenCache();
  opts = {
    subdomain: 'acme',
    jwksUrl: server.url,
    allowedOrigins: [ORIGIN],
    keySet: createKeySet(server.url, { timeoutMs: 2_000 }),
    tokenCache: cache,
  };
  signatures = vi.spyOn(crypto.subtle, 'verify');
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  await server.close();
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const setSeconds = (seconds: number, ms = 0): void => void vi.setSystemTime(seconds * 1000 + ms);

/** A help-center-shaped token signed with jose; `claims` override the defaults. */
function sign(claims: Record<string, unknown> = {}, by = key, kid = by.kid): Promise<string> {
  const base = { userId: 7, origin: ORIGIN, exp: nowSeconds() + 300 };
  return new SignJWT({ ...base, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
    .sign(by.privateKey);
}

async function codeOf(token: string, options: VerifyOptions = opts): Promise<string> {
  try {
    await verifyHelpCenterToken(token, options);
    return 'ok';
  } catch (error) {
    return error instanceof AuthError ? error.code : `unexpected ${String(error)}`;
  }
}

/** The verdict of a verification that uses no cache, for the same instant. */
const freshCodeOf = (token: string): Promise<string> =>
  codeOf(token, { ...opts, tokenCache: null });

describe('the token cache', () => {
  it('checks one signature for 50 requests with one token', async () => {
    const token = await sign();
    for (let i = 0; i < 50; i++) {
      expect(await verifyHelpCenterToken(token, opts)).toEqual({ subdomain: 'acme', userId: 7 });
    }
    expect(signatures).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(1);
  });

  it('accepts until exp + 29 s and refuses (token_expired) from exp + 30 s, like a fresh check', async () => {
    const exp = nowSeconds() + 120;
    const token = await sign({ exp });
    expect(await codeOf(token)).toBe('ok');

    setSeconds(exp + TOLERANCE - 1, 999); // the last instant a fresh verification accepts
    expect(await codeOf(token)).toBe('ok');
    expect(signatures).toHaveBeenCalledTimes(1); // answered from the cache
    expect(await freshCodeOf(token)).toBe('ok');

    setSeconds(exp + TOLERANCE); // the first second a fresh verification refuses
    expect(await freshCodeOf(token)).toBe('token_expired');
    expect(await codeOf(token)).toBe('token_expired');
    expect(cache.size).toBe(0);
  });

  it('refuses a cached token once a refresh drops its kid, as a fresh check would', async () => {
    const token = await sign();
    expect(await codeOf(token)).toBe('ok');
    expect(await codeOf(token)).toBe('ok');
    expect(signatures).toHaveBeenCalledTimes(1);

    // Zendesk rotates: the old kid is gone. A token with the new kid makes the key set refetch
    // once the 30 s cooldown has passed.
    server.keys = [spare];
    setSeconds(nowSeconds() + 30);
    expect(await codeOf(await sign({}, spare))).toBe('ok');
    expect(server.counts.fetches).toBe(2);

    expect(await freshCodeOf(token)).toBe('invalid_token');
    expect(await codeOf(token)).toBe('invalid_token');
  });

  it('refuses a cached token whose kid now names another key', async () => {
    const token = await sign();
    expect(await codeOf(token)).toBe('ok');
    expect(await codeOf(token)).toBe('ok');
    expect(signatures).toHaveBeenCalledTimes(1);

    // The same kid, republished with other key material (a botched rotation, or an attack).
    server.keys = [{ ...spare, kid: key.kid }];
    setSeconds(nowSeconds() + 30);
    expect(await codeOf(await sign({}, spare, 'unknown-kid'))).toBe('invalid_token'); // refetch
    expect(await freshCodeOf(token)).toBe('invalid_token');
    expect(await codeOf(token)).toBe('invalid_token');
  });

  it('holds at most maxEntries tokens, dropping the least recently used', async () => {
    const smallCache = createTokenCache({ maxEntries: 3 });
    const small = { ...opts, tokenCache: smallCache };
    const tokens = await Promise.all([1, 2, 3, 4].map((userId) => sign({ userId })));
    for (const token of tokens.slice(0, 3)) expect(await codeOf(token, small)).toBe('ok');
    expect(await codeOf(tokens[0]!, small)).toBe('ok'); // now the most recently used
    expect(await codeOf(tokens[3]!, small)).toBe('ok'); // evicts tokens[1], the oldest
    expect(smallCache.size).toBe(3);
    expect(signatures).toHaveBeenCalledTimes(4);

    for (const i of [0, 2, 3]) expect(await codeOf(tokens[i]!, small)).toBe('ok');
    expect(signatures).toHaveBeenCalledTimes(4); // all three still cached
    expect(await codeOf(tokens[1]!, small)).toBe('ok');
    expect(signatures).toHaveBeenCalledTimes(5); // tokens[1] had to be verified again
    expect(smallCache.size).toBe(3);
  });

  it('caches nothing of a refused token, and a later good token is unaffected', async () => {
    // Signed by a key Zendesk does not publish, under a kid it does: a bad signature.
    const forged = await sign({}, spare, key.kid);
    expect(await codeOf(forged)).toBe('invalid_token');
    expect(await codeOf(forged)).toBe('invalid_token');
    const foreign = await sign({ origin: 'https://evil.example.com' });
    expect(await codeOf(foreign)).toBe('invalid_token');
    expect(await codeOf(foreign)).toBe('invalid_token');
    const expired = await sign({ exp: nowSeconds() - TOLERANCE });
    expect(await codeOf(expired)).toBe('token_expired');
    expect(signatures).toHaveBeenCalledTimes(5); // each refusal checked again, none cached
    expect(cache.size).toBe(0);

    const good = await sign();
    expect(await codeOf(good)).toBe('ok');
    expect(await codeOf(good)).toBe('ok');
    expect(signatures).toHaveBeenCalledTimes(6);
    expect(await codeOf(forged)).toBe('invalid_token');
  });

  it('never caches a token before its nbf has passed', async () => {
    const early = await sign({ nbf: nowSeconds() + TOLERANCE + 1 });
    expect(await codeOf(early)).toBe('invalid_token'); // beyond the tolerance: refused
    const soon = await sign({ nbf: nowSeconds() + 10 });
    expect(await codeOf(soon)).toBe('ok'); // within the tolerance: accepted, not cached
    expect(cache.size).toBe(0);
    setSeconds(nowSeconds() + 10);
    expect(await codeOf(soon)).toBe('ok');
    expect(await codeOf(soon)).toBe('ok');
    expect(signatures).toHaveBeenCalledTimes(3); // the last call came from the cache
  });

  it('shares no verdict between two configurations', async () => {
    const bare = await sign({ origin: undefined });
    const optional: VerifyOptions = { ...opts, originClaim: 'optional' };
    expect(await codeOf(bare, optional)).toBe('ok');
    expect(await codeOf(bare, optional)).toBe('ok');
    expect(signatures).toHaveBeenCalledTimes(1);
    expect(await codeOf(bare, opts)).toBe('invalid_token'); // origin required here

    const token = await sign();
    const other: VerifyOptions = { ...opts, subdomain: 'other' };
    expect(await verifyHelpCenterToken(token, opts)).toEqual({ subdomain: 'acme', userId: 7 });
    expect(await verifyHelpCenterToken(token, other)).toEqual({ subdomain: 'other', userId: 7 });
    expect(
      await codeOf(token, { ...opts, allowedOrigins: ['https://elsewhere.example.com'] }),
    ).toBe('invalid_token');
    expect(await codeOf(token, { ...opts, jwksUrl: `${server.url}?other` })).toBe('ok');
    expect(signatures).toHaveBeenCalledTimes(6); // one per configuration
  });
});
