/**
 * `POST /api/zendesk/webhook` (docs/privacy.md): Zendesk reports a deleted user and we erase
 * everything stored for them. The order matters: read the raw bytes (capped while reading),
 * verify the signature over exactly those bytes, and only then parse and act — an unsigned
 * request costs at most 64 KiB of memory and one HMAC, and changes nothing.
 *
 * This is a server-to-server route: no token, no CORS (a browser may post here but never read
 * the answer), no per-user rate limit (Zendesk's retries must not be refused). It runs in the
 * shared pipeline (`withRequest`): a request id on every answer, one envelope for errors, and one
 * log line per delivery, to which it adds the event type and outcome.
 */
import type { Config } from '../config';
import { ApiError } from '../http/errors';
import { withRequest, type RequestContext } from '../http/pipeline';
import { readBodyBytes } from '../http/read-body';
import { requiredConfig } from '../http/required-config';
import { json } from '../http/respond';
import { getStore } from '../store';
import { verifyWebhookSignature } from './verify-signature';
import { parseZendeskEvent } from './zendesk-event';

/** The largest accepted delivery: exactly 64 KiB passes, one byte more is 413 (docs/privacy.md). */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;

/** The only method Zendesk uses for event webhooks. */
const ALLOW = 'POST, OPTIONS';

/** Handles one delivery; its log line says the event type, the outcome and the count erased. */
export const handleZendeskWebhook = withRequest(async (req, ctx) => {
  ctx.note({ outcome: 'error' });
  const config = enabledConfig(ctx);
  const body = await readBodyBytes(req, WEBHOOK_MAX_BODY_BYTES);
  const problem = verifyWebhookSignature(
    {
      signature: req.headers.get('x-zendesk-webhook-signature'),
      timestamp: req.headers.get('x-zendesk-webhook-signature-timestamp'),
      body,
    },
    { secret: config.webhookSecret },
  );
  if (problem !== null) {
    ctx.note({ outcome: `invalid_signature:${problem}` });
    throw new ApiError(
      'invalid_signature',
      'The webhook signature or its timestamp is not valid: check ZENDESK_WEBHOOK_SECRET against the signing secret of the webhook in Zendesk, and the server clock.',
    );
  }

  const event = parseZendeskEvent(body);
  ctx.note({ event_type: event.type });
  if (event.action === 'ignore') {
    ctx.note({ outcome: 'ignored' });
    return json({ ignored: true });
  }
  // A store failure is a 503 with Retry-After (the pipeline's mapping): Zendesk delivers again
  // later, and erasing twice is harmless.
  const store = await getStore(config.store);
  const erased =
    event.userId === null
      ? 0
      : await store.eraseUser({ subdomain: config.subdomain, userId: event.userId });
  ctx.note({ outcome: 'erased', erased });
  return json({ erased });
});

/** `OPTIONS`: names the method, and — deliberately — no `Access-Control-*` header at all. */
export const webhookOptions = withRequest(async (_req, ctx) => {
  enabledConfig(ctx);
  return new Response(null, {
    status: 204,
    headers: { Allow: ALLOW, 'Cache-Control': 'no-store' },
  });
});

/** Any other method: 405 with `Allow` (404 while the webhook is disabled, as for POST). */
export const webhookMethodNotAllowed = withRequest(async (_req, ctx) => {
  enabledConfig(ctx);
  throw new ApiError('method_not_allowed', 'Zendesk webhooks use POST.', { Allow: ALLOW });
});

/** The configuration, or the error that stops every webhook request before it is read. */
function enabledConfig(ctx: RequestContext): Config & { webhookSecret: string } {
  const config = requiredConfig(ctx.config);
  const { webhookSecret } = config;
  if (webhookSecret === undefined) {
    // Unset means "no webhook here" (README.md#configuration), not "accept unsigned deliveries".
    throw new ApiError(
      'not_found',
      'The Zendesk webhook is not enabled on this server (ZENDESK_WEBHOOK_SECRET is unset).',
    );
  }
  return { ...config, webhookSecret };
}
