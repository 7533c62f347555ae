/**
 * The request pipeline every API route shares, in the order an attacker meets it:
 * configuration → origin → token → rate limit → the route's own work. Each step either passes
 * or throws a coded error; this file alone turns errors into responses.
 */
import { loadConfig } from '../config';
import type { Config } from '../config';
import { AuthError, readBearerToken, verifyHelpCenterToken } from '../auth';
import { getStore, StoreError } from '../store';
import type { Principal, Quota, TodoStore } from '../store';
import { corsHeaders, preflightHeaders } from './cors';
import { ApiError } from './errors';
import { errorResponse } from './respond';

export type RequestKind = Quota['kind'];

export interface UserContext {
  readonly user: Principal;
  /** The request's rate-limit budget; the store counts it inside the same call as the work. */
  readonly quota: Quota;
  readonly store: TodoStore;
  readonly params: Record<string, string>;
}

type RouteContext = { params: Promise<Record<string, string>> };
type RouteHandler = (req: Request, ctx: RouteContext) => Promise<Response>;

/** An authenticated route: `handler` runs only for a verified user within their rate limit. */
export function withUser(
  kind: RequestKind,
  handler: (req: Request, ctx: UserContext) => Promise<Response>,
): RouteHandler {
  return (req, ctx) =>
    respond(req, async (config) => {
      const token = readBearerToken(req.headers.get('authorization'));
      const user = await verifyHelpCenterToken(token, config);
      const limits = config.rateLimits;
      const quota: Quota = {
        kind,
        perMinute: kind === 'read' ? limits.readsPerMinute : limits.writesPerMinute,
      };
      const store = await getStore(config.store);
      return handler(req, { user, quota, store, params: await ctx.params });
    });
}

/** `OPTIONS`: the CORS preflight for a route serving `methods`. */
export function preflight(methods: readonly string[]): RouteHandler {
  const allow = [...methods, 'OPTIONS'].join(', ');
  return async (req) =>
    respond(req, async () => {
      const cors = req.headers.has('origin') ? preflightHeaders(methods) : {};
      return new Response(null, { status: 204, headers: { Allow: allow, ...cors } });
    });
}

/** Any method the route does not serve: 405 with `Allow` (RFC 9110 §15.5.6). */
export function methodNotAllowed(methods: readonly string[]): RouteHandler {
  const allow = [...methods, 'OPTIONS'].join(', ');
  return async (req) =>
    respond(req, async () => {
      throw new ApiError('method_not_allowed', `Use ${allow} on this path.`, { Allow: allow });
    });
}

async function respond(
  req: Request,
  work: (config: Config) => Promise<Response>,
): Promise<Response> {
  let cors: Record<string, string> = { Vary: 'Origin' };
  let response: Response;
  try {
    const state = loadConfig();
    if (!state.ok) {
      throw new ApiError(
        'server_misconfigured',
        'hc-todo is not configured correctly; its administrator has been told in the server log.',
        { 'Retry-After': '60' },
      );
    }
    cors = corsHeaders(req, state.config.allowedOrigins);
    response = await work(state.config);
  } catch (error) {
    response = errorResponse(toApiError(error));
  }
  for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
  return response;
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof AuthError) {
    if (error.code === 'auth_unavailable') {
      console.error('[hc-todo] help center keys unavailable:', error.cause ?? error.message);
      return new ApiError(
        'auth_unavailable',
        'Tokens cannot be checked right now; try again shortly.',
        {
          'Retry-After': '5',
        },
      );
    }
    // RFC 6750 §3: no credentials get a bare challenge; bad ones name the error.
    const challenge = error.code === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"';
    return new ApiError(error.code, error.message, { 'WWW-Authenticate': challenge });
  }
  if (error instanceof StoreError) {
    const retryAfter =
      error.retryAfterSeconds ?? (error.code === 'store_unavailable' ? 5 : undefined);
    const headers: Record<string, string> =
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
    return new ApiError(error.code, error.message, headers);
  }
  console.error('[hc-todo] unexpected error:', error);
  return new ApiError('internal_error', 'Something went wrong on our side; try again.');
}
