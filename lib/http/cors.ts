import { ApiError } from './errors';
import { requestUrl } from './request-url';

/**
 * Request headers a help center page may send cross-origin: the tutorial sends the first two,
 * the widget adds `Idempotency-Key` to every add (docs/api.md).
 */
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
/** Response headers a page may read: when to retry, why a token failed, which log line to quote. */
const EXPOSE_HEADERS = 'Retry-After, WWW-Authenticate, X-Request-Id';
/** Browsers cap this anyway (Chromium: 2 h); 10 minutes keeps preflights rare. */
const PREFLIGHT_MAX_AGE = '600';

/**
 * The CORS headers for a request, or a 403 when a browser sends an Origin that is neither ours
 * nor allowed. Requests without an Origin (curl, servers) are not browsers: the token alone
 * decides for them. CORS is no authentication; it only stops other sites reading answers.
 */
export function corsHeaders(
  req: Request,
  allowedOrigins: readonly string[],
): Record<string, string> {
  const origin = req.headers.get('origin');
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (origin === null || origin === selfOrigin(req)) return headers;
  if (!allowedOrigins.includes(origin)) {
    throw new ApiError(
      'origin_not_allowed',
      `Requests from ${origin.slice(0, 200)} are not allowed: add it to ALLOWED_ORIGINS.`,
      headers,
    );
  }
  return {
    ...headers,
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
  };
}

/** Extra headers answering a CORS preflight for `methods`. */
export function preflightHeaders(methods: readonly string[]): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': methods.join(', '),
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
  };
}

/** The app's own origin as the browser sees it (Vercel and proxies set X-Forwarded-*). */
function selfOrigin(req: Request): string {
  const url = requestUrl(req);
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? url.host;
  const proto = req.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto.split(',')[0]!.trim()}://${host.split(',')[0]!.trim()}`;
}
