export type AuthErrorCode =
  'missing_token' | 'invalid_token' | 'token_expired' | 'auth_unavailable';

/** Why a request's credentials were not accepted; the HTTP layer maps `code` to 401 or 503. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AuthError';
  }
}
