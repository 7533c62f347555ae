import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, readBearerToken, verifyHelpCenterToken } from '@/lib/auth';
import type { VerifyOptions } from '@/lib/auth';
import { freePort } from '../../support/app-server';
import { startFakeZendesk } from '../../support/fake-zendesk';
import type { FakeZendesk } from '../../support/fake-zendesk';

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
