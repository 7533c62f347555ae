import { processBrand } from '../process-singleton';

export type AuthErrorCode =
  'missing_token' | 'invalid_token' | 'token_expired' | 'auth_unavailable';

const brand = processBrand('AuthError');

/** Why a request's credentials were not accepted; the HTTP layer maps `code` to 401 or 503. */
export class AuthError extends Error {
  /** Also true for an AuthError from another route bundle (the key sets are shared). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return brand.has(value);
  }

  constructor(
    readonly code: AuthErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AuthError';
    brand.mark(this);
  }
}
