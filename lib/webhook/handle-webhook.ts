/**
 * `POST /api/zendesk/webhook` (CONTRACT §5): Zendesk reports a deleted user and we erase
 * everything stored for them. The order matters: read the raw bytes (capped while reading),
 * verify the signature over exactly those bytes, and only then parse and act — an unsigned
 * request costs at most 64 KiB of memory and one HMAC, and changes nothing.
 *
 * This is a server-to-server route: no token, no CORS (a browser may post here but never read
 * the answer), no per-user rate limit (Zendesk's retries must not be refused), and its own
 * one-line log per delivery.
 */
import { loadConfig } from '../config';
import type { Config } from '../config';
import { ApiError } from '../http/errors';
import { readBodyBytes } from '../http/read-body';
import { errorResponse, json } from '../http/respond';
import { getStore, StoreError } from '../store';
import { verifyWebhookSignature } from './verify-signature';
import type { SignatureProblem } from './verify-signature';
import { parseZendeskEvent } from './zendesk-event';

/** The largest accepted delivery: exactly 64 KiB passes, one byte more is 413 (CONTRACT §5). */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;

/** The only method Zendesk uses for event webhooks. */
const ALLOW = 'POST, OPTIONS';

/** What the one log line of a delivery says: never the secret, the signature or the body. */
interface Outcome {
  /** The event type, known only once the signature is verified. */
  type?: string;
  outcome: string;
  erased?: number;
}

/** Handles one delivery and logs it. */
export async function handleZendeskWebhook(req: Request): Promise<Response> {
  const outcome: Outcome = { outcome: 'error' };
  let response: Response;
  try {
    response = await deliver(req, outcome);
  } catch (error) {
    const apiError = toApiError(error);
    if (outcome.outcome === 'error') outcome.outcome = apiError.code;
    response = errorResponse(apiError);
  }
  logDelivery(outcome, response.status);
  return response;
}

/** `OPTIONS`: names the method, and — deliberately — no `Access-Control-*` header at all. */
export async function webhookOptions(): Promise<Response> {
  return respondUnlessDisabled(
    () => new Response(null, { status: 204, headers: { Allow: ALLOW } }),
  );
}

/** Any other method: 405 with `Allow` (404 while the webhook is disabled, as for POST). */
export async function webhookMethodNotAllowed(): Promise<Response> {
  return respondUnlessDisabled(() => {
    throw new ApiError('method_not_allowed', `Zendesk webhooks use POST.`, { Allow: ALLOW });
  });
}

async function deliver(req: Request, outcome: Outcome): Promise<Response> {
  const config = enabledConfig();
  const body = await readBodyBytes(req, WEBHOOK_MAX_BODY_BYTES);
  const problem = verifyWebhookSignature(
    {
      signature: req.headers.get('x-zendesk-webhook-signature'),
      timestamp: req.headers.get('x-zendesk-webhook-signature-timestamp'),
      body,
    },
    { secret: config.webhookSecret },
  );
  if (problem !== null) throw invalidSignature(problem, outcome);

  const event = parseZendeskEvent(body);
  outcome.type = event.type;
  if (event.action === 'ignore') {
    outcome.outcome = 'ignored';
    return json({ ignored: true });
  }
  const store = await getStore(config.store);
  const erased = await store.eraseUser({ subdomain: config.subdomain, userId: event.userId });
  outcome.outcome = 'erased';
  outcome.erased = erased;
  return json({ erased });
}

/** The configuration, or the error that stops every webhook request before it is read. */
function enabledConfig(): Config & { webhookSecret: string } {
  const state = loadConfig();
  if (!state.ok) {
    throw new ApiError(
      'server_misconfigured',
      'hc-todo is not configured correctly; its administrator has been told in the server log.',
      { 'Retry-After': '60' },
    );
  }
  const { webhookSecret } = state.config;
  if (webhookSecret === undefined) {
    // Unset means "no webhook here" (CONTRACT §1), not "accept unsigned deliveries".
    throw new ApiError(
      'not_found',
      'The Zendesk webhook is not enabled on this server (ZENDESK_WEBHOOK_SECRET is unset).',
    );
  }
  return { ...state.config, webhookSecret };
}

async function respondUnlessDisabled(answer: () => Response): Promise<Response> {
  try {
    enabledConfig();
    return answer();
  } catch (error) {
    return errorResponse(toApiError(error));
  }
}

function invalidSignature(problem: SignatureProblem, outcome: Outcome): ApiError {
  outcome.outcome = `invalid_signature:${problem}`;
  return new ApiError(
    'invalid_signature',
    'The webhook signature or its timestamp is not valid: check ZENDESK_WEBHOOK_SECRET against the signing secret of the webhook in Zendesk, and the server clock.',
  );
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreError) {
    // A 5xx makes Zendesk deliver again later; erasing twice is harmless.
    console.error('[hc-todo] webhook: the store failed:', error.message);
    return new ApiError('store_unavailable', 'The to-do store is unavailable; retry later.', {
      'Retry-After': String(error.retryAfterSeconds ?? 5),
    });
  }
  console.error('[hc-todo] webhook: unexpected error:', error);
  return new ApiError('internal_error', 'Something went wrong on our side; try again.');
}

function logDelivery(outcome: Outcome, status: number): void {
  console.log(
    JSON.stringify({
      time: new Date().toISOString(),
      route: '/api/zendesk/webhook',
      status,
      event_type: outcome.type ?? null,
      outcome: outcome.outcome,
      erased: outcome.erased ?? null,
    }),
  );
}
