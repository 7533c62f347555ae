import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, readBearerToken, verifyHelpCenterToken } from '@/lib/auth';
import type { VerifyOptions } from '@/lib/auth';
import { freePort } from '../../../dev/app-server';
import { startFakeZendesk } from '../../../dev/fake-zendesk';
import type { FakeZendesk } from '../../../dev/fake-zendesk';

let zendesk: FakeZendesk;
let opts: VerifyOptions;
const now = (): number => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  zendesk = await startFakeZendesk();
  opts = { subdomain: 'acme', jwksUrl: zendesk.jwksUrl, allowedOrigins: [zendesk.url] };
});
afterAll(() => zendesk.close());

async function codeOf(token: string, options: VerifyOptions = opts): Promise<string | undefined> {
  try {
    await verifyHelpCenterToken(token, options);
    return undefined;
  } catch (error) {
    return error instanceof AuthError ? error.code : `unexpected ${String(error)}`;
  }
}

describe('verifyHelpCenterToken', () => {
  it('returns only {subdomain, userId}, whatever else the token says', async () => {
    const token = zendesk.userToken(123456789012, { subdomain: 'evil', origin: zendesk.url });
    expect(await verifyHelpCenterToken(token, opts)).toEqual({
      subdomain: 'acme',
      userId: 123456789012,
    });
  });

  it('tells an expired token from an invalid one', async () => {
    expect(await codeOf(zendesk.sign({ userId: 1, exp: now() - 31 - 5 }))).toBe('token_expired');
    expect(await codeOf(zendesk.sign({ userId: 1, exp: now() - 20 }))).toBeUndefined();
    expect(await codeOf(zendesk.sign({ userId: 1, exp: now() + 60 }, { alg: 'HS256' }))).toBe(
      'invalid_token',
    );
  });

  it('refuses a token over 8 KiB before looking at it', async () => {
    zendesk.resetCounts();
    const huge = 'a'.repeat(8 * 1024 + 1);
    expect(await codeOf(huge)).toBe('invalid_token');
    expect(zendesk.counts().jwks).toBe(0);
  });

  it('requires the origin claim unless ZENDESK_ORIGIN_CLAIM=optional', async () => {
    const bare = zendesk.userToken(7, {}, { origin: null });
    expect(await codeOf(bare)).toBe('invalid_token');
    expect(await codeOf(bare, { ...opts, originClaim: 'required' })).toBe('invalid_token');
    expect(await codeOf(bare, { ...opts, originClaim: 'optional' })).toBeUndefined();
  });

  it.each([
    ['the help center origin', () => zendesk.url, undefined],
    ['the origin with a path and trailing slash', () => `${zendesk.url}/hc/en-us/`, undefined],
    ['the origin in upper case', () => zendesk.url.toUpperCase(), undefined],
    ['another help center', () => 'https://evil.zendesk.com', 'invalid_token'],
    ['another port', () => zendesk.url.replace(/:\d+$/, ':1'), 'invalid_token'],
    ['https instead of http', () => zendesk.url.replace('http:', 'https:'), 'invalid_token'],
    ['not a URL', () => 'nope', 'invalid_token'],
    ['an opaque origin', () => 'data:text/plain,x', 'invalid_token'],
    ['null', () => null, 'invalid_token'],
    ['a number', () => 42, 'invalid_token'],
    ['an array of the origin', () => [zendesk.url], 'invalid_token'],
  ])('origin claim %s → %s, whatever ZENDESK_ORIGIN_CLAIM says', async (_name, origin, code) => {
    const token = zendesk.userToken(7, { origin: origin() });
    expect(await codeOf(token)).toBe(code);
    expect(await codeOf(token, { ...opts, originClaim: 'optional' })).toBe(code);
  });

  it('refuses a token naming no kid, even one signed by a published key', async () => {
    expect(await codeOf(zendesk.sign({ userId: 1, exp: now() + 60 }, { kid: null }))).toBe(
      'invalid_token',
    );
  });

  it('answers auth_unavailable, never a verdict, when the keys cannot be fetched', async () => {
    const dead = { ...opts, jwksUrl: `http://127.0.0.1:${await freePort()}/keys.json` };
    expect(await codeOf(zendesk.userToken(5), dead)).toBe('auth_unavailable');
  });
});

describe('readBearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc.def.ghi  ', 'abc.def.ghi'],
  ])('reads %j', (header, token) => expect(readBearerToken(header)).toBe(token));

  it.each([
    [null, 'missing_token'],
    ['', 'missing_token'],
    ['Bearer', 'missing_token'],
    ['Basic dXNlcjpwYXNz', 'missing_token'],
    ['Bearerabc', 'missing_token'],
    ['Bearer a b', 'invalid_token'],
    ['Bearer a"b', 'invalid_token'],
  ])('refuses %j with %s', (header, code) => {
    let caught: unknown;
    try {
      readBearerToken(header);
    } catch (error) {
      caught = error;
    }
    expect((caught as AuthError).code).toBe(code);
  });
});
