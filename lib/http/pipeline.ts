/**
 * What every API route shares, whatever it checks: a request id on the answer, one coded error
 * envelope for anything thrown, and one log line once the answer is known. `withUser` builds the
 * authenticated pipeline on top; `/api/health`, the dev routes and the webhook use this directly.
 */
import { AuthError } from '../auth';
import { loadConfig } from '../config';
import { StoreError } from '../store';
import type { Principal } from '../principal';
import { ApiError } from './errors';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import { requestUrl } from './request-url';
import { logRequest, routePattern } from './request-log';
import { noteStoreOutage } from './store-outage';
import { errorResponse } from './respond';

/** The second argument Next passes to a route handler. */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/** A Next route handler (`GET`, `POST`, …). */
export type RouteHandler<R extends Request = Request> = (
  req: R,
  ctx: RouteContext,
) => Promise<Response>;

/** What a handler inside the pipeline may use besides the request. */
export interface RequestContext {
  /** This request's id (echoed or generated), as sent in `X-Request-Id`. */
  readonly requestId: string;
  /** The route's path parameters (single segments only). */
  readonly params: Record<string, string>;
  /** Headers added to the answer whatever it is, errors included (e.g. CORS). */
  readonly headers: Headers;
  /** Records the verified user, so the log line can name them (hashed). */
  identify(user: Principal): void;
  /**
   * Adds fields to this request's log line (a webhook's event type and outcome, say), so a route
   * needs no log line of its own. Never text a user typed, a token or a secret.
   */
  note(fields: Readonly<Record<string, string | number | boolean>>): void;
}

/**
 * Runs `handler` inside the shared pipeline: whatever it returns or throws, the answer carries
 * `X-Request-Id` and the context's headers, an error becomes the contract's envelope, and one
 * JSON line is logged.
 */
export function withRequest<R extends Request = Request>(
  handler: (req: R, ctx: RequestContext) => Promise<Response>,
): RouteHandler<R> {
  return async (req, routeCtx) => {
    const started = performance.now();
    const requestId = requestIdFor(req.headers);
    const params = singleParams(await routeCtx.params);
    const headers = new Headers();
    let user: Principal | undefined;
    const extra: Record<string, string | number | boolean> = {};
    const ctx: RequestContext = {
      requestId,
      params,
      headers,
      identify: (u) => (user = u),
      note: (fields) => Object.assign(extra, fields),
    };

    let response: Response;
    let code: string | undefined;
    try {
      response = await handler(req, ctx);
    } catch (error) {
      const apiError = toApiError(error, requestId);
      code = apiError.code;
      response = errorResponse(apiError);
    }
    headers.set(REQUEST_ID_HEADER, requestId);
    response = withHeaders(response, headers);

    const state = loadConfig();
    logRequest({
      requestId,
      method: req.method,
      route: routePattern(requestUrl(req).pathname, params),
      status: response.status,
      durationMs: performance.now() - started,
      store: state.ok ? state.config.store.kind : undefined,
      user,
      code,
      extra,
    });
    return response;
  };
}

/** `response` with `extra` set; a copy when its headers are immutable (`Response.redirect`). */
function withHeaders(response: Response, extra: Headers): Response {
  let target = response;
  try {
    extra.forEach((value, name) => target.headers.set(name, value));
  } catch {
    target = new Response(response.body, response);
    extra.forEach((value, name) => target.headers.set(name, value));
  }
  return target;
}

function singleParams(
  raw: Record<string, string | string[] | undefined> | undefined,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'string') params[name] = value;
  }
  return params;
}

/** Any thrown value as the coded error the client sees; causes go to the server log only. */
function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof AuthError) {
    if (error.code === 'auth_unavailable') {
      console.error(
        `[hc-todo] ${requestId}: help center keys unavailable:`,
        error.cause ?? error.message,
      );
      return new ApiError(
        'auth_unavailable',
        'Tokens cannot be checked right now; try again shortly.',
        { 'Retry-After': '5' },
      );
    }
    // RFC 6750 §3: no credentials get a bare challenge; bad ones name the error.
    const challenge = error.code === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"';
    return new ApiError(error.code, error.message, { 'WWW-Authenticate': challenge });
  }
  if (error instanceof StoreError) {
    if (error.code === 'store_unavailable') noteStoreOutage();
    const retryAfter =
      error.retryAfterSeconds ?? (error.code === 'store_unavailable' ? 5 : undefined);
    const headers: Record<string, string> =
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
    return new ApiError(error.code, error.message, headers);
  }
  console.error(`[hc-todo] ${requestId}: unexpected error:`, error);
  return new ApiError('internal_error', 'Something went wrong on our side; try again.');
}
