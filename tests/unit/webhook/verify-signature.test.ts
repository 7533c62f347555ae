/**
 * The webhook signature check against Zendesk's documented scheme, with the expected signature
 * computed here independently (node:crypto), never by the code under test.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '@/lib/webhook/verify-signature';

// Zendesk's example signing secret (developer.zendesk.com/documentation/webhooks/verifying).
const SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const TIMESTAMP = '2026-11-25T05:09:27Z';
const SIGNED_AT = new Date(Date.UTC(2026, 10, 25, 5, 9, 27));
const BODY =
  '{"type":"zen:event-type:user.deleted","account_id":123456,"detail":{"id":"6596848315901"}}';
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Zendesk's formula, written out: base64(HMAC-SHA256(secret, timestamp + body)). */
const expected = (secret: string, timestamp: string, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}${body}`).digest('base64');

const SIGNATURE = expected(SECRET, TIMESTAMP, BODY);

function check(
  delivery: { signature?: string | null; timestamp?: string | null; body?: string },
  options: { secret?: string; now?: Date } = {},
): string | null {
  return verifyWebhookSignature(
    {
      signature: delivery.signature === undefined ? SIGNATURE : delivery.signature,
      timestamp: delivery.timestamp === undefined ? TIMESTAMP : delivery.timestamp,
      body: bytes(delivery.body ?? BODY),
    },
    { secret: options.secret ?? SECRET, now: options.now ?? SIGNED_AT },
  );
}

describe('verifyWebhookSignature', () => {
  it('accepts the signature Zendesk computes', () => {
    expect(SIGNATURE).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(check({})).toBeNull();
  });

  it('signWebhook computes the same value (the test script signs with it)', () => {
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
    expect(signWebhook(SECRET, TIMESTAMP, bytes(BODY))).toBe(SIGNATURE);
  });

  it('covers the raw bytes: multi-byte UTF-8 and whitespace are signed as sent', () => {
    const body = '{ "type": "x",\n  "detail": {"name": "Zoë 日本"} }';
    expect(check({ body, signature: expected(SECRET, TIMESTAMP, body) })).toBeNull();
    // The same JSON re-serialised is other bytes, so the signature no longer matches.
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(check({ body: reserialised, signature: expected(SECRET, TIMESTAMP, body) })).toBe(
      'signature_mismatch',
    );
  });

  it('refuses a tampered body, timestamp or secret', () => {
    expect(check({ body: BODY.replace('6596848315901', '6596848315902') })).toBe(
      'signature_mismatch',
    );
    expect(check({ body: `${BODY} ` })).toBe('signature_mismatch');
    expect(check({ timestamp: '2026-11-25T05:09:28Z' })).toBe('signature_mismatch');
    expect(check({}, { secret: `${SECRET}x` })).toBe('signature_mismatch');
    expect(check({}, { secret: 'another secret' })).toBe('signature_mismatch');
  });

  it('refuses a signature with one bit flipped', () => {
    const raw = Buffer.from(SIGNATURE, 'base64');
    raw[31]! ^= 1;
    expect(check({ signature: raw.toString('base64') })).toBe('signature_mismatch');
  });

  it.each([
    ['too short', SIGNATURE.slice(0, 40)],
    ['too long', `${SIGNATURE}AAAA`],
    ['a digest of another length', createHmac('sha1', SECRET).update('x').digest('base64')],
    ['not base64', '!'.repeat(43) + '='],
    ['base64url', SIGNATURE.replace(/\+/g, '-').replace(/\//g, '_')],
    ['hex', createHmac('sha256', SECRET).update(`${TIMESTAMP}${BODY}`).digest('hex')],
    ['unpadded', SIGNATURE.slice(0, 43)],
  ])('refuses a malformed signature: %s', (_name, signature) => {
    expect(signature).not.toBe(SIGNATURE);
    expect(check({ signature })).toBe('malformed_signature');
  });

  it('refuses missing headers', () => {
    expect(check({ signature: null })).toBe('missing_signature');
    expect(check({ signature: '' })).toBe('missing_signature');
    expect(check({ timestamp: null })).toBe('missing_timestamp');
    expect(check({ timestamp: '' })).toBe('missing_timestamp');
  });

  it('accepts a timestamp up to 5 minutes from now, either way', () => {
    const at = (ms: number): Date => new Date(SIGNED_AT.getTime() + ms);
    expect(check({}, { now: at(5 * 60_000) })).toBeNull();
    expect(check({}, { now: at(-5 * 60_000) })).toBeNull();
    expect(check({}, { now: at(5 * 60_000 + 1) })).toBe('stale_timestamp');
    expect(check({}, { now: at(-5 * 60_000 - 1) })).toBe('stale_timestamp');
    expect(check({}, { now: at(24 * 3600_000) })).toBe('stale_timestamp');
  });

  it('checks the time before the signature: a stale but correctly signed replay is refused', () => {
    const old = '2026-11-24T05:09:27Z';
    expect(check({ timestamp: old, signature: expected(SECRET, old, BODY) })).toBe(
      'stale_timestamp',
    );
  });

  it('accepts ISO-8601 with fractions and offsets, signed as sent', () => {
    for (const timestamp of [
      '2026-11-25T05:09:27.123Z',
      '2026-11-25T06:09:27+01:00',
      '2026-11-24T23:09:27-06:00',
    ]) {
      expect(check({ timestamp, signature: expected(SECRET, timestamp, BODY) })).toBeNull();
    }
  });

  it.each([
    ['unix seconds', String(SIGNED_AT.getTime() / 1000)],
    ['unix milliseconds', String(SIGNED_AT.getTime())],
    ['an HTTP date', SIGNED_AT.toUTCString()],
    ['no zone', '2026-11-25T05:09:27'],
    ['a date only', '2026-11-25'],
    ['a space for T', '2026-11-25 05:09:27Z'],
    ['garbage', 'yesterday'],
    ['an impossible month', '2026-13-25T05:09:27Z'],
  ])('refuses a timestamp that is not ISO-8601 date-time: %s', (_name, timestamp) => {
    // Correctly signed, so only the format can be the reason.
    expect(check({ timestamp, signature: expected(SECRET, timestamp, BODY) })).toBe(
      'malformed_timestamp',
    );
  });
});
