import {
  handleZendeskWebhook,
  webhookMethodNotAllowed,
  webhookOptions,
} from '@/lib/webhook/handle-webhook';

// Dynamic, said outright: every answer is per request, and without it Next wraps each request in a
// Proxy that reports every read of `headers`, `url` or the body to its static-rendering tracker
// (app-route/module.js, proxyNextRequest) — a cost on every API request.
export const dynamic = 'force-dynamic';

// Zendesk's user-deletion webhook (docs/privacy.md): signed, server-to-server, no CORS.
export const POST = handleZendeskWebhook;
export const OPTIONS = webhookOptions;
export const GET = webhookMethodNotAllowed;
export const PUT = webhookMethodNotAllowed;
export const PATCH = webhookMethodNotAllowed;
export const DELETE = webhookMethodNotAllowed;
