/** One error type for the API; only `code` and `message` ever reach the client. */

const STATUS = {
  invalid_json: 400,
  invalid_body: 400,
  invalid_value: 400,
  invalid_id: 400,
  invalid_idempotency_key: 400,
  missing_token: 401,
  invalid_token: 401,
  token_expired: 401,
  invalid_signature: 401,
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  limit_reached: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  store_unavailable: 503,
  auth_unavailable: 503,
  server_misconfigured: 503,
} as const;

export type ErrorCode = keyof typeof STATUS;

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`). */
    readonly headers: Readonly<Record<string, string>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.status = STATUS[code];
  }
}
