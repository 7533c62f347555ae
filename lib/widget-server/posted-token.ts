/**
 * The token a help center page posts into the widget's iframe (lib/embed/hand-off.js): a
 * `text/plain` form body, `token=<JWT>\r\n`. proxy.ts reads it (a page cannot read its request
 * body) and passes it to the widget page in a request header that no client can set: the proxy
 * removes any incoming copy first.
 */
import { MAX_TOKEN_LENGTH } from '../limits';

export const POSTED_TOKEN_HEADER = 'x-hc-todo-posted-token';
/** Stands for a body that held no usable token: the page shows the sign-in error. */
export const UNUSABLE_TOKEN = '-';

/** A compact JWS: three base64url parts. Anything else cannot be a help center token. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The posted token, or UNUSABLE_TOKEN; never throws, whatever the body holds. */
export function postedToken(body: string): string {
  for (const line of body.split(/\r?\n/)) {
    if (!line.startsWith('token=')) continue;
    const token = line.slice('token='.length);
    return token.length <= MAX_TOKEN_LENGTH && COMPACT_JWS.test(token) ? token : UNUSABLE_TOKEN;
  }
  return UNUSABLE_TOKEN;
}
