/**
 * Keys for `Idempotency-Key` (docs/api.md): one per add, reused when that add is retried, so a
 * reply lost in transit never creates a second item.
 */
import { IDEMPOTENCY_KEY_PATTERN } from '../limits';

/**
 * 22 base64url characters from 16 random bytes (128 bits). `getRandomValues` rather than
 * `randomUUID`, which exists only in secure contexts and would leave an http preview without keys.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const key = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new Error(`not a valid Idempotency-Key: ${key}`);
  return key;
}
