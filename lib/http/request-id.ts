/** The header that names a request in responses and logs (docs/api.md). */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A client's id is echoed only when it is short and plain: 1–128 of `A–Z a–z 0–9 . _ : -`
 * (enough for UUIDs, ULIDs and trace ids such as Vercel's `iad1::abc-123`). Anything else could
 * split a log line or smuggle markup into a log viewer, so it is replaced, not cleaned.
 */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/** Whether `raw` may be echoed as a request id. */
export function isWellFormedRequestId(raw: string | null | undefined): raw is string {
  return typeof raw === 'string' && WELL_FORMED.test(raw);
}

/** The incoming `X-Request-Id` when well-formed, else a fresh UUID. */
export function requestIdFor(headers: Pick<Headers, 'get'>): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  // The Web Crypto global: the same in the proxy and in route handlers.
  return isWellFormedRequestId(incoming) ? incoming : crypto.randomUUID();
}
