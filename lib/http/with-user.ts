/**
 * The API's routes, in the order an attacker meets their checks: configuration → origin (CORS)
 * → token → rate limit → the route's own work. Each step passes or throws a coded error; the
 * pipeline (pipeline.ts) turns errors into responses.
 */
import { readBearerToken } from '../auth';
import type { Config } from '../config';
import type { Principal } from '../principal';
import type { UserTodos } from '../store';
import { authenticate, type RequestKind } from './authenticate';
import { corsHeaders, preflightHeaders } from './cors';
import { ApiError } from './errors';
import { withRequest } from './pipeline';
import { requiredConfig } from './required-config';
import type { RequestContext, RouteHandler } from './pipeline';

export interface UserContext {
  readonly user: Principal;
  /** The user's list, the request's rate-limit budget bound in. */
  readonly todos: UserTodos;
  readonly params: Record<string, string>;
}

/** An authenticated route: `handler` runs only for a verified user within their rate limit. */
export function withUser(
  kind: RequestKind,
  handler: (req: Request, ctx: UserContext) => Promise<Response>,
): RouteHandler {
  return withRequest(async (req, ctx) => {
    checkedConfig(req, ctx);
    const token = readBearerToken(req.headers.get('authorization'));
    const { user, todos } = await authenticate(ctx, token, kind);
    return handler(req, { user, todos, params: ctx.params });
  });
}

/** `OPTIONS`: the CORS preflight for a route serving `methods`. */
export function preflight(methods: readonly string[]): RouteHandler {
  const allow = [...methods, 'OPTIONS'].join(', ');
  return withRequest(async (req, ctx) => {
    checkedConfig(req, ctx);
    const cors = req.headers.has('origin') ? preflightHeaders(methods) : {};
    // A preflight answer is per-origin and must not be reused by a shared cache.
    return new Response(null, {
      status: 204,
      headers: { Allow: allow, 'Cache-Control': 'no-store', ...cors },
    });
  });
}

/** Any method the route does not serve: 405 with `Allow` (RFC 9110 §15.5.6). */
export function methodNotAllowed(methods: readonly string[]): RouteHandler {
  const allow = [...methods, 'OPTIONS'].join(', ');
  return withRequest(async (req, ctx) => {
    checkedConfig(req, ctx);
    throw new ApiError('method_not_allowed', `Use ${allow} on this path.`, { Allow: allow });
  });
}

/**
 * The configuration, or 503 `server_misconfigured`; then the origin check, whose CORS headers
 * go on every answer from here on, errors included (so a page can read why it was refused).
 */
function checkedConfig(req: Request, ctx: RequestContext): Config {
  ctx.headers.set('Vary', 'Origin');
  const config = requiredConfig(ctx.config);
  for (const [name, value] of Object.entries(corsHeaders(req, config.allowedOrigins))) {
    ctx.headers.set(name, value);
  }
  return config;
}
