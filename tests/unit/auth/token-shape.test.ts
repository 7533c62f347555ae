/**
 * The pre-check may only refuse what jose refuses: every token it rejects, jose rejects too (as
 * `invalid_token` from verifyHelpCenterToken), and a real token always passes it.
 */
import { describe, expect, it } from 'vitest';
import { mayBeRs256Jws } from '@/lib/auth/token-shape';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const payload = b64({ userId: 1, exp: 2_000_000_000 });

describe('mayBeRs256Jws', () => {
  it('passes a compact JWS whose header says RS256', () => {
    expect(mayBeRs256Jws(`${b64({ alg: 'RS256', kid: 'k' })}.${payload}.c2ln`)).toBe(true);
    // Padding and the other alphabet are left for jose to judge.
    expect(mayBeRs256Jws(`${b64({ alg: 'RS256' })}==.${payload}.c2ln`)).toBe(true);
  });

  it.each([
    ['the benchmark garbage', 'bm90.YS1qd3Q.Z2FyYmFnZQ'],
    ['no dots', 'abc'],
    ['two parts', `${b64({ alg: 'RS256' })}.${payload}`],
    ['four parts', `${b64({ alg: 'RS256' })}.${payload}.c2ln.eA`],
    ['an empty header', `.${payload}.c2ln`],
    ['a header that is not JSON', `bm90.${payload}.c2ln`],
    ['a header that is an array', `${b64(['RS256'])}.${payload}.c2ln`],
    ['a header that is null', `${b64(null)}.${payload}.c2ln`],
    ['alg HS256', `${b64({ alg: 'HS256' })}.${payload}.c2ln`],
    ['alg none', `${b64({ alg: 'none' })}.${payload}.`],
    ['no alg', `${b64({ kid: 'k' })}.${payload}.c2ln`],
  ])('refuses %s', (_name, token) => {
    expect(mayBeRs256Jws(token)).toBe(false);
  });
});
