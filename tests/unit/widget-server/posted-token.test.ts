import { describe, expect, it } from 'vitest';

import { postedToken, UNUSABLE_TOKEN } from '@/lib/widget-server/posted-token';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJ1c2VySWQiOjF9.c2lnbmF0dXJl';

describe('postedToken', () => {
  it.each([
    ['the text/plain form body a browser sends', `token=${JWT}\r\n`],
    ['a body without the final line break', `token=${JWT}`],
    ['other fields around it', `locale=de\r\ntoken=${JWT}\r\nx=1\r\n`],
  ])('reads %s', (_, body) => {
    expect(postedToken(body)).toBe(JWT);
  });

  it.each([
    ['an empty body', ''],
    ['no token field', 'user=1\r\n'],
    ['an empty token', 'token=\r\n'],
    ['two parts only', 'token=a.b\r\n'],
    ['characters outside base64url', `token=${JWT}!\r\n`],
    ['a header-injection attempt', `token=${JWT}\nx-evil: 1`.replace('\n', '\r')],
    ['a token over 8 KiB', `token=a.${'b'.repeat(8192)}.c\r\n`],
  ])('refuses %s', (_, body) => {
    expect(postedToken(body)).toBe(UNUSABLE_TOKEN);
  });
});
