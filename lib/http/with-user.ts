/**
 * The authenticated request pipeline every to-do route shares, in the order an attacker meets
 * it: configuration → origin → token → rate limit → the route's own work. Each step either
 * passes or throws a coded error; lib/http/pipeline.ts turns errors into responses.
 */
import type { Config } from '../config';
import { readBearerToken, verifyHelpCenterToken } from '../auth';
import { getStore } from '../store';
import type { Principal } from '../principal';
import type { Quota, TodoStore } from '../store';
import { corsHeaders, preflightHeaders } from './cors';
import { ApiError } from './errors';
import { withRequest } from './pipeline';
import { requiredConfig } from './required-config';
import type { RequestContext, RouteHandler } from './pipeline';

export type RequestKind = Quota['kind'];

export interface UserContext {
  readonly user: Principal;
  /** The request's rate-limit budget; the store counts it inside the same call as the work. */
  readonly quota: Quota;
  readonly store: TodoStore;
  readonly params: Record<string, string>;
}

/** An authenticated route: `handler` runs only for a verified user within their rate limit. */
export function withUser(
  kind: RequestKind,
  handler: (req: Request, ctx: UserContext) => Promise<Response>,
): RouteHandler {
  return withRequest(async (req, ctx) => {
    const config = checkedConfig(req, ctx);
    const token = readBearerToken(req.headers.get('authorization'));
    const user = await verifyHelpCenterToken(token, config);
    ctx.identify(user);
    const store = await getStore(config.store);
    return handler(req, { user, quota: quotaFor(kind, config), store, params: ctx.params });
  });
}

/** A request's rate-limit budget under the configured per-user limits. */
export function quotaFor(kind: RequestKind, config: Config): Quota {
  const limits = config.rateLimits;
  return { kind, perMinute: kind === 'read' ? limits.readsPerMinute : limits.writesPerMinute };
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
  const config = requiredConfig();
  for (const [name, value] of Object.entries(corsHeaders(req, config.allowedOrigins))) {
    ctx.headers.set(name, value);
  }
  return config;
}
