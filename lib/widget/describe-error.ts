/**
 * Turns a failed request into a sentence a user can act on, and says whether "Try again" makes
 * sense. The API's own message is English only, so the code picks a localised one instead.
 */
import { RequestError } from './api-client';
import type { Messages } from './i18n';
import { MAX_ITEMS_PER_USER } from '../limits';

export interface ErrorDescription {
  text: string;
  retryable: boolean;
}

/** What to show for `error` after the action sentence (`Couldn't add "x".`). */
export function describeError(error: unknown, m: Messages): ErrorDescription {
  if (!(error instanceof RequestError)) return { text: m.network, retryable: true };
  switch (error.code) {
    case 'network':
      return { text: m.network, retryable: true };
    case 'limit_reached':
      return { text: m.limitReached(MAX_ITEMS_PER_USER), retryable: false };
    case 'rate_limited':
      return { text: m.rateLimited(error.retryAfterSeconds ?? 60), retryable: true };
    case 'not_found':
      return { text: m.notFound, retryable: false };
    case 'token_anonymous':
    case 'token_unavailable':
    case 'token_failed':
    case 'token_timeout':
    case 'token_expired':
    case 'invalid_token':
    case 'missing_token':
      return { text: m.signInFailed, retryable: true };
    default:
      return error.retryable
        ? { text: m.serviceUnavailable, retryable: true }
        : { text: m.rejected, retryable: false };
  }
}
