/**
 * Zendesk's webhook signature (developer.zendesk.com/documentation/webhooks/verifying):
 * `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(secret, timestamp + raw body)), where the
 * timestamp is the `X-Zendesk-Webhook-Signature-Timestamp` header. Pure: no request, no clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How far the signed timestamp may be from our clock, either way (docs/privacy.md). @default 5 min
 */
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

/** What a signed delivery carries, as received. */
export interface SignedDelivery {
  /** `X-Zendesk-Webhook-Signature`, or null when absent. */
  readonly signature: string | null;
  /** `X-Zendesk-Webhook-Signature-Timestamp`, or null when absent. */
  readonly timestamp: string | null;
  /** The body exactly as received: the signature covers these bytes, not a re-serialisation. */
  readonly body: Uint8Array;
}

export interface VerifyOptions {
  /** The webhook's signing secret, used as Zendesk does: its UTF-8 text is the HMAC key. */
  readonly secret: string;
  /** Our clock. @default new Date() */
  readonly now?: Date;
  /** @default SIGNATURE_TOLERANCE_MS */
  readonly toleranceMs?: number;
}

/**
 * Why a delivery was refused — for the server log; the client only ever sees `invalid_signature`.
 */
export type SignatureProblem =
  | 'missing_signature'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'stale_timestamp'
  | 'malformed_signature'
  | 'signature_mismatch';

// ISO-8601 date-time with an explicit zone, as Zendesk sends it (`2021-03-25T05:09:27Z`).
// Date.parse alone would also take "Thu, 25 Mar 2021" or a bare date, which no Zendesk delivery
// carries.
const ISO_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;
// A SHA-256 digest is 32 bytes: exactly 44 base64 characters, the last one padding.
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=$/;

/** The signature Zendesk computes for `timestamp` and `body` under `secret` (base64). */
export function signWebhook(secret: string, timestamp: string, body: Uint8Array | string): string {
  return createHmac('sha256', secret).update(timestamp, 'utf8').update(body).digest('base64');
}

/**
 * Checks a delivery's signature and timestamp; returns null when both are good, else the
 * problem. The comparison is constant-time over the decoded digests, so response timing says
 * nothing about how many bytes of a forged signature were right.
 */
export function verifyWebhookSignature(
  delivery: SignedDelivery,
  options: VerifyOptions,
): SignatureProblem | null {
  const { signature, timestamp, body } = delivery;
  // Header values arrive trimmed (Fetch normalises them); what is left is exactly what was signed.
  if (signature === null || signature === '') return 'missing_signature';
  if (timestamp === null || timestamp === '') return 'missing_timestamp';

  const signedAt = ISO_TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(signedAt)) return 'malformed_timestamp';
  const now = (options.now ?? new Date()).getTime();
  if (Math.abs(now - signedAt) > (options.toleranceMs ?? SIGNATURE_TOLERANCE_MS)) {
    return 'stale_timestamp';
  }

  if (!BASE64_DIGEST.test(signature)) return 'malformed_signature';
  const given = Buffer.from(signature, 'base64');
  const expected = Buffer.from(signWebhook(options.secret, timestamp, body), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'signature_mismatch';
  }
  return null;
}
