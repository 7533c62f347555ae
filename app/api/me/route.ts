import { json, methodNotAllowed, preflight, withUser } from '@/lib/http';

// Dynamic, said outright: every answer is per request, and without it Next wraps each request in a
// Proxy that reports every read of `headers`, `url` or the body to its static-rendering tracker
// (app-route/module.js, proxyNextRequest) — a cost on every API request.
export const dynamic = 'force-dynamic';

const METHODS = ['DELETE'];

// "Delete all my data": one store call, counted as a write. The id counter stays, so an item
// added afterwards never takes an id the user's old (perhaps exported) items had.
export const DELETE = withUser('write', async (_req, { todos }) =>
  json({ deleted: await todos.eraseOwnData(), todo_items: [] }),
);

export const OPTIONS = preflight(METHODS);
export const GET = methodNotAllowed(METHODS);
export const POST = methodNotAllowed(METHODS);
export const PUT = methodNotAllowed(METHODS);
export const PATCH = methodNotAllowed(METHODS);
