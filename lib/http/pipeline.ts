/**
 * What every request of ours shares, whatever answers it — a route handler's Response or the
 * widget page's first view: the configuration read once, a request id, one coded error for
 * anything thrown, and one log line once the outcome is known. `withRequest` wraps a route
 * handler in it; `openRequest` is the same pipeline for a page (lib/widget-server/first-view.ts).
 * The authenticated path on top is lib/http/authenticate.ts.
 */
import { AuthError } from '../auth';
import { loadConfig, type ConfigState } from '../config';
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
  /** The configuration, read once for the whole request. */
  readonly config: ConfigState;
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

/** A request as the pipeline sees it, whoever serves it. */
export interface IncomingRequest {
  readonly method: string;
  readonly pathname: string;
  readonly headers: Pick<Headers, 'get'>;
  readonly params?: Record<string, string>;
}

/** A request in the pipeline: its context, and the two ways it ends. */
export interface OpenRequest extends RequestContext {
  /** `error` as the coded error the client sees, its cause logged, a store outage noted. */
  fail(error: unknown): ApiError;
  /** Writes the request's one log line: `status` as answered, `code` when it was an error. */
  finish(status: number, code?: string): void;
}

/** Starts the pipeline for one request: reads the configuration and the request id. */
export function openRequest(incoming: IncomingRequest): OpenRequest {
  const started = performance.now();
  const params = incoming.params ?? {};
  const config = loadConfig();
  let user: Principal | undefined;
  const extra: Record<string, string | number | boolean> = {};
  const ctx: OpenRequest = {
    requestId: requestIdFor(incoming.headers),
    config,
    params,
    headers: new Headers(),
    identify: (u) => (user = u),
    note: (fields) => Object.assign(extra, fields),
    fail: (error) => toApiError(error, ctx.requestId),
    finish(status, code) {
      logRequest({
        requestId: ctx.requestId,
        method: incoming.method,
        route: routePattern(incoming.pathname, params),
        status,
        durationMs: performance.now() - started,
        store: config.ok ? config.config.store.kind : undefined,
        user,
        code,
        extra,
      });
    },
  };
  return ctx;
}

/**
 * Runs `handler` inside the pipeline: whatever it returns or throws, the answer carries
 * `X-Request-Id` and the context's headers, an error becomes the contract's envelope, and one
 * JSON line is logged.
 */
export function withRequest<R extends Request = Request>(
  handler: (req: R, ctx: RequestContext) => Promise<Response>,
): RouteHandler<R> {
  return async (req, routeCtx) => {
    const ctx = openRequest({
      method: req.method,
      pathname: requestUrl(req).pathname,
      headers: req.headers,
      params: singleParams(await routeCtx.params),
    });
    let response: Response;
    let code: string | undefined;
    try {
      response = await handler(req, ctx);
    } catch (error) {
      const apiError = ctx.fail(error);
      code = apiError.code;
      response = errorResponse(apiError);
    }
    ctx.headers.set(REQUEST_ID_HEADER, ctx.requestId);
    response = withHeaders(response, ctx.headers);
    ctx.finish(response.status, code);
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
