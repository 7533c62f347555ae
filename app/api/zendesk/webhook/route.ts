import {
  handleZendeskWebhook,
  webhookMethodNotAllowed,
  webhookOptions,
} from '@/lib/webhook/handle-webhook';

// Zendesk's user-deletion webhook (docs/privacy.md): signed, server-to-server, no CORS.
export const POST = handleZendeskWebhook;
export const OPTIONS = webhookOptions;
export const GET = webhookMethodNotAllowed;
export const PUT = webhookMethodNotAllowed;
export const PATCH = webhookMethodNotAllowed;
export const DELETE = webhookMethodNotAllowed;
