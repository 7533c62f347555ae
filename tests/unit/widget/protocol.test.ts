import { describe, expect, it } from 'vitest';

import { parseParentMessage, readTokenExpiry } from '@/lib/widget/protocol';

const jwt = (payload: unknown): string =>
  `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('parseParentMessage', () => {
  it('reads the three parent messages of version 1', () => {
    expect(parseParentMessage({ type: 'hc-todo:token', v: 1, token: 'a.b.c' })).toEqual({
      type: 'hc-todo:token',
      v: 1,
      token: 'a.b.c',
    });
    expect(parseParentMessage({ type: 'hc-todo:token-error', v: 1, code: 'anonymous' })).toEqual({
      type: 'hc-todo:token-error',
      v: 1,
      code: 'anonymous',
      status: undefined,
    });
    expect(parseParentMessage({ type: 'hc-todo:config', v: 1, locale: 'de', accent: 5 })).toEqual({
      type: 'hc-todo:config',
      v: 1,
      locale: 'de',
      accent: undefined,
      font: undefined,
      signInUrl: undefined,
    });
  });

  it.each([
    ['another version', { type: 'hc-todo:token', v: 2, token: 'a.b.c' }],
    ['no version', { type: 'hc-todo:token', token: 'a.b.c' }],
    ['an unknown type', { type: 'hc-todo:eval', v: 1 }],
    ['a widget message', { type: 'hc-todo:ready', v: 1 }],
    ['a non-string token', { type: 'hc-todo:token', v: 1, token: { toString: 'x' } }],
    ['an oversized token', { type: 'hc-todo:token', v: 1, token: 'x'.repeat(8193) }],
    ['an unknown error code', { type: 'hc-todo:token-error', v: 1, code: 'pwned' }],
    ['a string', 'hc-todo:token'],
    ['null', null],
  ])('ignores %s', (_name, data) => {
    expect(parseParentMessage(data)).toBeUndefined();
  });
});

describe('readTokenExpiry', () => {
  it('reads exp from an unpadded base64url payload', () => {
    expect(readTokenExpiry(jwt({ userId: 1, exp: 1700000000, note: '??>>' }))).toBe(1700000000);
  });

  it.each(['', 'nodots', 'a.!!!.c', jwt({ exp: 'soon' })])('gives undefined for %j', (token) => {
    expect(readTokenExpiry(token)).toBeUndefined();
  });
});
