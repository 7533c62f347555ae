/**
 * Property-based fuzzing of verifyHelpCenterToken (docs/api.md, tokens) against a real JWKS on
 * loopback HTTP and tokens signed by the real test key. Properties, for every input:
 * - it either returns a principal or throws an AuthError — never anything else;
 * - it accepts only a token validly signed (RS256, published kid) whose claims pass every rule.
 *
 * Run sizes (numRuns) are in the test names; together they take a few seconds.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, verifyHelpCenterToken } from '@/lib/auth';
import type { VerifyOptions } from '@/lib/auth';
import type { Principal } from '@/lib/principal';
import { startFakeZendesk } from '../../../dev/fake-zendesk';
import type { FakeZendesk, SignOptions } from '../../../dev/fake-zendesk';

let zendesk: FakeZendesk;
let opts: VerifyOptions;
const now = (): number => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  zendesk = await startFakeZendesk();
  opts = { subdomain: 'acme', jwksUrl: zendesk.jwksUrl, allowedOrigins: [zendesk.url] };
});
afterAll(() => zendesk.close());

type Verdict = { ok: true; user: Principal } | { ok: false; code: string };

/** Runs the verifier; a throw that is not an AuthError fails the property on the spot. */
async function verdict(token: string, options: VerifyOptions = opts): Promise<Verdict> {
  try {
    return { ok: true, user: await verifyHelpCenterToken(token, options) };
  } catch (error) {
    if (!(error instanceof AuthError)) throw new Error(`not an AuthError: ${String(error)}`);
    return { ok: false, code: error.code };
  }
}

// ---- claims: each field drawn from valid values and the ways it can be wrong ----

const MISSING = Symbol('missing');
/** Mostly present: each claim is valid most of the time, so accepted tokens are common too. */
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | typeof MISSING> =>
  fc.oneof({ arbitrary: fc.constant(MISSING), weight: 1 }, { arbitrary: arb, weight: 6 });
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: invalid, weight: 1 });

/** Relative times, kept clear of the 30 s tolerance boundary so the oracle is exact. */
const userIdArb = mostly<unknown>(
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, 2 ** 53 + 2, 1e300, '1', '377841432074', null, true, [1]),
);
const expArb = mostly<{ rel: number } | { raw: unknown }>(
  fc.constantFrom(300, 3600, -10, 86_400 * 365).map((d) => ({ rel: d })),
  fc.oneof(
    fc.constantFrom(-60, -3600).map((d) => ({ rel: d })),
    fc.constantFrom('soon', null, true, [1]).map((v) => ({ raw: v })),
  ),
);
const nbfArb = mostly(fc.constantFrom(-3600, -5, 10), fc.constantFrom(120, 3600));
const originArb = mostly<unknown>(
  fc.constantFrom('allowed', 'allowed-path', 'allowed-upper'),
  fc.constantFrom('https://evil.zendesk.com', 'nope', '', 'null', 'data:,x', null, 42, ['x']),
);
const extraArb = fc.dictionary(
  fc.string({ maxLength: 8 }).filter((k) => !['userId', 'exp', 'nbf', 'origin', 'iat'].includes(k)),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 4 },
);

interface ClaimsSpec {
  userId: unknown;
  exp: { rel: number } | { raw: unknown } | typeof MISSING;
  nbf: number | typeof MISSING;
  origin: unknown;
  iat: number | string | typeof MISSING;
  extra: Record<string, unknown>;
}

const claimsArb: fc.Arbitrary<ClaimsSpec> = fc.record({
  userId: maybe(userIdArb),
  exp: maybe(expArb),
  nbf: maybe(nbfArb),
  origin: maybe(originArb),
  iat: maybe(mostly<number | string>(fc.constant(0), fc.constant('yesterday'))),
  extra: extraArb,
});

function buildClaims(spec: ClaimsSpec): Record<string, unknown> {
  const t = now();
  const claims: Record<string, unknown> = { ...spec.extra };
  if (spec.userId !== MISSING) claims.userId = spec.userId;
  if (spec.exp !== MISSING) claims.exp = 'rel' in spec.exp ? t + spec.exp.rel : spec.exp.raw;
  if (spec.nbf !== MISSING) claims.nbf = t + spec.nbf;
  if (spec.iat !== MISSING) claims.iat = spec.iat === 0 ? t : spec.iat;
  if (spec.origin !== MISSING) {
    const named: Record<string, string> = {
      allowed: zendesk.url,
      'allowed-path': `${zendesk.url}/hc/en-us`,
      'allowed-upper': zendesk.url.toUpperCase(),
    };
    claims.origin =
      typeof spec.origin === 'string' ? (named[spec.origin] ?? spec.origin) : spec.origin;
  }
  return claims;
}

/** The contract's rules, written independently of the implementation. */
function shouldAccept(spec: ClaimsSpec, originClaim: 'required' | 'optional'): boolean {
  const validUser =
    typeof spec.userId === 'number' && Number.isSafeInteger(spec.userId) && spec.userId > 0;
  const validExp = spec.exp !== MISSING && 'rel' in spec.exp && spec.exp.rel > -30;
  const validNbf = spec.nbf === MISSING || spec.nbf < 30;
  const validIat = spec.iat === MISSING || typeof spec.iat === 'number';
  const validOrigin =
    spec.origin === MISSING
      ? originClaim === 'optional'
      : ['allowed', 'allowed-path', 'allowed-upper'].includes(spec.origin as string);
  return validUser && validExp && validNbf && validIat && validOrigin;
}

describe('verifyHelpCenterToken under fuzzing', () => {
  it('random strings and bytes (numRuns 400): always refused with an AuthError', async () => {
    const segment = fc.string({ unit: fc.constantFrom(...'AZaz09-_'.split('')), maxLength: 60 });
    const input = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
      fc.tuple(segment, segment, segment).map((s) => s.join('.')),
      fc.array(segment, { maxLength: 6 }).map((s) => s.join('.')),
      fc
        .jsonValue()
        .map((v) => `${Buffer.from(JSON.stringify(v) ?? '').toString('base64url')}.e30.`),
    );
    await fc.assert(
      fc.asyncProperty(input, async (token) => {
        expect(await verdict(token)).toMatchObject({ ok: false });
      }),
      { numRuns: 400 },
    );
  });

  it('random claims signed by the real key (numRuns 300): accepted exactly when every rule holds', async () => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        claimsArb,
        fc.constantFrom('required', 'optional') as fc.Arbitrary<'required' | 'optional'>,
        async (spec, originClaim) => {
          const token = zendesk.sign(buildClaims(spec), { origin: null });
          const result = await verdict(token, { ...opts, originClaim });
          expect(result.ok).toBe(shouldAccept(spec, originClaim));
          seen[result.ok ? 'accepted' : 'refused'] += 1;
          if (result.ok) expect(result.user).toEqual({ subdomain: 'acme', userId: spec.userId });
        },
      ),
      { numRuns: 300 },
    );
    // Both sides of the rule were exercised, not just the easy one (~1/3 accepted).
    expect(Math.min(seen.accepted, seen.refused)).toBeGreaterThan(30);
  });

  it('mutations of a valid token (numRuns 400): refused unless header, payload and signature bytes are unchanged', async () => {
    const userId = 123_456_789_012;
    const good = zendesk.userToken(userId);
    expect(await verdict(good)).toMatchObject({ ok: true });
    const [h, p, s] = good.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    const enc = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;

    const flipBit = fc
      .tuple(fc.nat({ max: good.length - 1 }), fc.nat({ max: 6 }))
      .map(([i, bit]) => {
        const flipped = String.fromCharCode(good.charCodeAt(i) ^ (1 << bit));
        return good.slice(0, i) + flipped + good.slice(i + 1);
      });
    const swapSegments = fc
      .constantFrom([h, s, p], [p, h, s], [s, p, h], [h, p, p], [h, h, s], [h, p, h], [p, p, s])
      .map((parts) => parts.join('.'));
    const algChange = fc
      .constantFrom(
        'none',
        'None',
        'HS256',
        'RS384',
        'RS512',
        'PS256',
        'ES256',
        'rs256',
        '',
        'RS256 ',
      )
      .map((alg) => `${enc({ ...header, alg })}.${p}.${s}`);
    const resigned = fc
      .constantFrom<SignOptions>(
        { alg: 'none' },
        { alg: 'HS256' }, // HMAC keyed with the public key's PEM: key confusion
        { alg: 'RS512' },
        { alg: 'PS256' },
        { foreignKey: true },
        { kid: null },
        { kid: randomBytes(32).toString('hex') },
        { header: { crit: ['exp'] } },
        { header: { b64: false, crit: ['b64'] } },
        // A key the token brings along (embedded jwk, jku) must never be trusted.
        { foreignKey: true, header: { jku: 'https://evil.example/keys.json' } },
        { foreignKey: true, kid: null, header: { jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } } },
      )
      .map((o) => zendesk.sign(claims, { ...o, origin: null }));
    const splice = fc
      .tuple(fc.nat({ max: good.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 5 }))
      .map(([at, cut, insert]) => good.slice(0, at) + insert + good.slice(at + cut));
    const payloadSwap = fc
      .record({ userId: fc.integer({ min: 1, max: 1e12 }) })
      .map((c) => `${h}.${enc({ ...claims, ...c })}.${s}`);

    const bytes = (segment: string | undefined): string =>
      Buffer.from(segment ?? '', 'base64url').toString('hex');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(flipBit, swapSegments, algChange, resigned, splice, payloadSwap),
        async (token) => {
          const result = await verdict(token);
          if (!result.ok) return;
          // Accepted: it must be the very same token, up to base64url's unused trailing bits.
          const [h2, p2, s2, ...rest] = token.split('.');
          expect(rest).toEqual([]);
          expect([h2, p2]).toEqual([h, p]);
          expect(bytes(s2)).toBe(bytes(s));
          expect(result.user).toEqual({ subdomain: 'acme', userId });
        },
      ),
      { numRuns: 400 },
    );
  });
});
