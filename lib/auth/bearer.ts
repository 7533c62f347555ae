import { AuthError } from './auth-error';

const missing = (): AuthError =>
  new AuthError('missing_token', 'Send the help center token as "Authorization: Bearer <token>".');

/**
 * The credentials of an `Authorization: Bearer <token>` header (RFC 6750 §2.1).
 * No header, an empty one, or another scheme (e.g. `Basic`) is `missing_token`.
 */
export function readBearerToken(header: string | null): string {
  const scheme = header ? /^Bearer(?: +(.*))?$/i.exec(header.trim()) : null;
  if (!scheme?.[1]) throw missing();
  // b64token syntax; a JWT is three base64url segments and always fits it.
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(scheme[1])) {
    throw new AuthError('invalid_token', 'The Authorization header is malformed.');
  }
  return scheme[1];
}
