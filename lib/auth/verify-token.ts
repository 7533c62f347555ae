/**
 * The only importer of jose: turns a help center JWT into the principal it speaks for.
 * Every rule of CONTRACT §3 lives here; nothing else from the token is trusted for scoping.
 */
import { errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import type { Principal } from '../store/types';
import { AuthError } from './auth-error';
import { keySetFor } from './key-set';

export interface VerifyOptions {
  readonly subdomain: string;
  readonly jwksUrl: string;
  readonly allowedOrigins: readonly string[];
}

/** Tokens longer than this are refused before any parsing (CONTRACT §3). */
export const MAX_TOKEN_LENGTH = 8 * 1024;
/** Seconds of clock skew tolerated on `exp` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 30;

const invalid = (message: string, cause?: unknown): AuthError =>
  new AuthError('invalid_token', message, { cause });

/** Verifies `token` and returns `{subdomain, userId}`; throws `AuthError` on any doubt. */
export async function verifyHelpCenterToken(
  token: string,
  opts: VerifyOptions,
): Promise<Principal> {
  if (token.length > MAX_TOKEN_LENGTH) throw invalid('The token is too long.');

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySetFor(opts.jwksUrl), {
      algorithms: ['RS256'],
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw mapJoseError(error);
  }

  const userId = payload.userId;
  if (typeof userId !== 'number' || !Number.isSafeInteger(userId) || userId <= 0) {
    throw invalid('The token has no valid userId.');
  }
  if (payload.origin !== undefined && !isAllowedOrigin(payload.origin, opts.allowedOrigins)) {
    throw invalid('The token was issued for another help center.');
  }
  return { subdomain: opts.subdomain, userId };
}

function isAllowedOrigin(claim: unknown, allowed: readonly string[]): boolean {
  if (typeof claim !== 'string' || !URL.canParse(claim)) return false;
  return allowed.includes(new URL(claim).origin);
}

function mapJoseError(error: unknown): AuthError {
  if (error instanceof errors.JWTExpired) {
    return new AuthError('token_expired', 'The token has expired: fetch a new one.', {
      cause: error,
    });
  }
  if (
    error instanceof errors.JWTClaimValidationFailed ||
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JWKInvalid
  ) {
    return invalid('The token is not valid.', error);
  }
  // Anything else is the key fetch failing (network, timeout, non-200, bad JSON): we cannot tell
  // a good token from a bad one, so the honest answer is "try again", never "accepted".
  return new AuthError('auth_unavailable', 'The help center keys could not be fetched.', {
    cause: error,
  });
}
