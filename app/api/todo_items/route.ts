import {
  assertClearCompletedQuery,
  json,
  listBody,
  methodNotAllowed,
  parseBulkDone,
  parseIdempotencyKey,
  parseNewTodo,
  preflight,
  readJsonBody,
  withUser,
} from '@/lib/http';

// Dynamic, said outright: every answer is per request, and without it Next wraps each request in a
// Proxy that reports every read of `headers`, `url` or the body to its static-rendering tracker
// (app-route/module.js, proxyNextRequest) — a cost on every API request.
export const dynamic = 'force-dynamic';

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'];

export const GET = withUser('read', async (_req, { todos }) => json(listBody(await todos.list())));

/** Add one item; a repeated `Idempotency-Key` answers 200 with the first add's item. */
export const POST = withUser('write', async (req, { todos }) => {
  // The body first: an invalid add is 400 whether or not it carries a key (docs/api.md).
  const value = parseNewTodo(await readJsonBody(req));
  const key = parseIdempotencyKey(req.headers);
  const added = await todos.add(value, key);
  return json(listBody(added.items, added), added.created ? 201 : 200);
});

/** Toggle all: `{"done": boolean}` for every item, in one store call. */
export const PATCH = withUser('write', async (req, { todos }) => {
  const done = parseBulkDone(await readJsonBody(req));
  return json(listBody(await todos.setAllDone(done)));
});

/** Clear completed: only `?done=true`; never "delete everything". */
export const DELETE = withUser('write', async (req, { todos }) => {
  assertClearCompletedQuery(req.url);
  const { deleted, items } = await todos.removeDone();
  return json({ deleted, ...listBody(items) });
});

export const OPTIONS = preflight(METHODS);
export const PUT = methodNotAllowed(METHODS);
