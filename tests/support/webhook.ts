/**
 * Signed deliveries to the Zendesk webhook, computed with node:crypto exactly as Zendesk
 * documents it (developer.zendesk.com/documentation/webhooks/verifying) — independently of the
 * app's own code, so a test can catch it signing the wrong bytes.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { call } from './api';
import type { ApiResponse } from './api';
import { appEnv } from './system';

export const WEBHOOK_PATH = '/api/zendesk/webhook';

/** The secret every test app runs with (see appEnv). */
export const WEBHOOK_SECRET = appEnv(
  { zendeskUrl: '', bridge: { url: '', token: '' }, subdomain: '' },
  'embedded',
  '',
).ZENDESK_WEBHOOK_SECRET!;

/** Zendesk's timestamp format: ISO-8601 in UTC to the second (`2021-03-25T05:09:27Z`). */
export const isoSeconds = (ms: number): string =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** base64(HMAC-SHA256(secret, timestamp + body)). */
export const sign = (secret: string, timestamp: string, body: string | Uint8Array): string =>
  createHmac('sha256', secret).update(timestamp).update(body).digest('base64');

export interface DeliveryOptions {
  /** @default WEBHOOK_SECRET */
  secret?: string;
  /** @default now */
  timestamp?: string;
  /** Replaces the computed signature; null leaves the header out. */
  signature?: string | null;
  /** Leaves the timestamp header out. */
  omitTimestamp?: boolean;
  headers?: Record<string, string>;
}

/** POSTs `body` (a string is sent as is, anything else as JSON) to the webhook, signed. */
export function deliver(
  base: string,
  body: unknown,
  opts: DeliveryOptions = {},
): Promise<ApiResponse> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = opts.timestamp ?? isoSeconds(Date.now());
  const signature =
    opts.signature === undefined
      ? sign(opts.secret ?? WEBHOOK_SECRET, timestamp, raw)
      : opts.signature;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  if (signature !== null) headers['x-zendesk-webhook-signature'] = signature;
  if (!opts.omitTimestamp) headers['x-zendesk-webhook-signature-timestamp'] = timestamp;
  return call(base, 'POST', WEBHOOK_PATH, { body: raw, headers });
}

/** A `user.deleted` event shaped as Zendesk sends it; `id` goes into `detail.id` as given. */
export function userDeleted(id: unknown): Record<string, unknown> {
  return {
    type: 'zen:event-type:user.deleted',
    account_id: 123456,
    id: randomUUID(),
    time: isoSeconds(Date.now()),
    zendesk_event_version: '2022-06-20',
    subject: `zen:user:${String(id)}`,
    detail: { id, role: 'end-user' },
    event: {},
  };
}
