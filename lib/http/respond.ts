import { ApiError } from './errors';

/** API answers are per-user and must never be cached by a browser or a CDN (CONTRACT §2). */
const BASE_HEADERS = { 'Cache-Control': 'no-store' } as const;

/** A JSON response with the API's standard headers. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...BASE_HEADERS, ...headers } });
}

/** The contract's error envelope: `{"error": {"code", "message"}}`. */
export function errorResponse(error: ApiError): Response {
  return json({ error: { code: error.code, message: error.message } }, error.status, {
    ...error.headers,
  });
}
