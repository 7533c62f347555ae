/**
 * Turns a help center JWT into the principal it speaks for. Every rule of docs/api.md's token rules
 * about the token itself lives here (the key rules live in key-set.ts); nothing else from the token
 * is trusted for scoping. jose is imported only inside lib/auth: here (`jwtVerify`), in key-set.ts
 * (`importJWK`) and in the dev preview's dev-issuer.ts (signing).
 */
import { jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import type { Principal } from '../principal';
import { AuthError } from './auth-error';
import { keySetFor } from './key-set';
import type { KeySet } from './key-set';
import { sharedTokenCache } from './token-cache';
import type { TokenCache } from './token-cache';
import { mayBeRs256Jws } from './token-shape';
import { verifyScope } from './verify-scope';
import { MAX_TOKEN_LENGTH } from '../limits';
import { CLOCK_TOLERANCE_SECONDS } from './clock-tolerance';

export interface VerifyOptions {
  readonly subdomain: string;
  readonly jwksUrl: string;
  /** Normalised origins (`https://acme.zendesk.com`); the `origin` claim must be one of them. */
  readonly allowedOrigins: readonly string[];
  /** Whether a token without an `origin` claim is refused. @default 'required' */
  readonly originClaim?: 'required' | 'optional';
  /** Where keys come from; tests inject one with a fake clock. @default keySetFor(jwksUrl) */
  readonly keySet?: KeySet;
  /** Where verdicts are remembered (token-cache.ts); `null` verifies every call afresh. */
  readonly tokenCache?: TokenCache | null;
}

/** Tokens longer than this are refused before any parsing (docs/api.md, tokens). */
export { MAX_TOKEN_LENGTH };
/** Seconds of clock skew tolerated on `exp` and `nbf`. */
export { CLOCK_TOLERANCE_SECONDS };

const invalid = (message: string, cause?: unknown): AuthError =>
  new AuthError('invalid_token', message, { cause });

/** Verifies `token` and returns `{subdomain, userId}`; throws `AuthError` on any doubt. */
export async function verifyHelpCenterToken(
  token: string,
  opts: VerifyOptions,
): Promise<Principal> {
  if (token.length > MAX_TOKEN_LENGTH) throw invalid('The token is too long.');

  const keySet = opts.keySet ?? keySetFor(opts.jwksUrl);
  const cache = opts.tokenCache === undefined ? sharedTokenCache() : opts.tokenCache;
  const scope = cache ? verifyScope(opts) : '';
  // The cache first: the common request, a valid token seen before, then skips the shape check.
  const cached = await cache?.lookup(token, scope, keySet);
  if (cached) return cached;
  // Garbage is refused here, with the very answer jose would give, at a fraction of its cost.
  if (!mayBeRs256Jws(token)) throw invalid('The token is not valid.');

  let payload: JWTPayload;
  // The key that verified the signature, so a cached verdict can check it is still published.
  let used: { kid: string; key: CryptoKey } | undefined;
  const resolveKey = async (header: { readonly kid?: unknown }): Promise<CryptoKey> => {
    const key = await keySet.getKey(header);
    used = { kid: String(header.kid), key };
    return key;
  };
  try {
    ({ payload } = await jwtVerify(token, resolveKey, {
      algorithms: ['RS256'],
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw toAuthError(error);
  }

  const userId = payload.userId;
  if (typeof userId !== 'number' || !Number.isSafeInteger(userId) || userId <= 0) {
    throw invalid('The token has no valid userId.');
  }
  if (payload.origin === undefined) {
    // Zendesk's own sample verifier requires it: if signing keys are shared between accounts,
    // only this claim binds a token to one help center (reference/ZENDESK-JWT.md).
    if ((opts.originClaim ?? 'required') === 'required') {
      throw invalid('The token has no origin claim.');
    }
  } else if (!isAllowedOrigin(payload.origin, opts.allowedOrigins)) {
    throw invalid('The token was issued for another help center.');
  }
  const principal = { subdomain: opts.subdomain, userId };
  // jwtVerify resolved, so the key was used and `exp` is a number (a required claim).
  if (cache && used && typeof payload.exp === 'number') {
    cache.remember(token, scope, { principal, exp: payload.exp, nbf: payload.nbf, ...used });
  }
  return principal;
}

/** Compared as URL origins, so `https://Help.Example.com/` matches `https://help.example.com`. */
function isAllowedOrigin(claim: unknown, allowed: readonly string[]): boolean {
  if (typeof claim !== 'string' || !URL.canParse(claim)) return false;
  const origin = new URL(claim).origin;
  // Opaque origins (`data:`, `file:`) serialise as "null"; never let that match anything.
  return origin !== 'null' && allowed.includes(origin);
}

function toAuthError(error: unknown): AuthError {
  // The key set speaks our language already (unknown kid, keys unavailable).
  if (error instanceof AuthError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new AuthError('token_expired', 'The token has expired: fetch a new one.', {
        cause: error,
      });
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': // exp missing or not a number, nbf in the future, …
    case 'ERR_JWT_INVALID': // payload not a JSON object
    case 'ERR_JWS_INVALID': // not three base64url segments, bad header
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JOSE_ALG_NOT_ALLOWED': // anything but RS256, `none` and HS256 included
    case 'ERR_JOSE_NOT_SUPPORTED': // e.g. an unknown `crit` header
    case 'ERR_JWK_INVALID':
      return invalid('The token is not valid.', error);
    default:
      // Not a verdict on the token (e.g. Zendesk publishing an RSA key under 2048 bits, which
      // jose refuses with a TypeError): we cannot check tokens, so "try again", never "accepted".
      return new AuthError('auth_unavailable', 'Tokens cannot be checked right now.', {
        cause: error,
      });
  }
}
