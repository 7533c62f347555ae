import { methodNotAllowed, preflight, withUser } from '@/lib/http';
import { exportResponse } from '@/lib/privacy/export';

// Dynamic, said outright: every answer is per request, and without it Next wraps each request in a
// Proxy that reports every read of `headers`, `url` or the body to its static-rendering tracker
// (app-route/module.js, proxyNextRequest) — a cost on every API request.
export const dynamic = 'force-dynamic';

const METHODS = ['GET'];

// A read: counted against the user's read budget like any list.
export const GET = withUser('read', async (_req, { user, todos }) =>
  exportResponse(user, await todos.list()),
);

export const OPTIONS = preflight(METHODS);
export const POST = methodNotAllowed(METHODS);
export const PUT = methodNotAllowed(METHODS);
export const PATCH = methodNotAllowed(METHODS);
export const DELETE = methodNotAllowed(METHODS);
