import { IDEMPOTENCY_KEY_PATTERN } from '../limits';
import { ApiError } from './errors';

/** The header that makes an add safe to repeat (docs/api.md). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * The request's `Idempotency-Key`, undefined when absent; 400 `invalid_idempotency_key` when
 * present but empty, too long or outside the alphabet. (A header sent twice arrives joined by
 * ", ", which the alphabet refuses.)
 */
export function parseIdempotencyKey(headers: Headers): string | undefined {
  const raw = headers.get(IDEMPOTENCY_KEY_HEADER);
  if (raw === null) return undefined;
  if (!IDEMPOTENCY_KEY_PATTERN.test(raw)) {
    throw new ApiError(
      'invalid_idempotency_key',
      'Idempotency-Key must be 1 to 64 characters of A-Z, a-z, 0-9, "_" and "-" (a UUID works).',
    );
  }
  return raw;
}
