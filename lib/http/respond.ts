import type { ApiError, ErrorCode } from './errors';

/** API answers are per-user and must never be cached by a browser or a CDN (docs/api.md). */
const BASE_HEADERS = { 'Cache-Control': 'no-store' } as const;

/** A JSON response with the API's standard headers. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...BASE_HEADERS, ...headers } });
}

/**
 * The contract's error envelope, `{"error": {"code", "message", ...extra}}` — the one place it
 * is built, so the API, `/api/health` and the dev routes cannot drift apart.
 */
export function errorBody(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): { error: Record<string, unknown> } {
  return { error: { code, message, ...extra } };
}

/** An `ApiError` as a response: its status, the envelope, and its extra headers. */
export function errorResponse(error: ApiError): Response {
  return json(errorBody(error.code, error.message), error.status, { ...error.headers });
}
