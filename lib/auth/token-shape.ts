/**
 * A cheap look at a token before jose's: three dot-separated parts whose first decodes to a JSON
 * object saying `"alg": "RS256"`. Anything else jose refuses too (ERR_JWS_INVALID,
 * ERR_JOSE_ALG_NOT_ALLOWED → `invalid_token`), only later and dearer: jose's parsing and an error
 * object with a stack. (It runs after the verdict cache's lookup, one SHA-256, so that a valid
 * token seen before — the common request — is answered without it.) A garbage bearer token is the
 * cheapest request anyone can send, so refusing it should cost less than answering a real one.
 *
 * Lenient on purpose: whatever passes still goes through jose, which alone accepts a token, so this
 * may only ever refuse what jose would refuse as well.
 */

/** Whether `token` could be an RS256 JWS in compact form; false means "certainly not". */
export function mayBeRs256Jws(token: string): boolean {
  const dot = token.indexOf('.');
  if (dot <= 0) return false;
  const second = token.indexOf('.', dot + 1);
  if (second < 0 || token.indexOf('.', second + 1) >= 0) return false;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  return (
    typeof header === 'object' &&
    header !== null &&
    !Array.isArray(header) &&
    (header as { alg?: unknown }).alg === 'RS256'
  );
}
