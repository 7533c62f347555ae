import {
  json,
  listBody,
  methodNotAllowed,
  parseId,
  parseTodoPatch,
  preflight,
  readJsonBody,
  withUser,
} from '@/lib/http';

// Dynamic, said outright: every answer is per request, and without it Next wraps each request in a
// Proxy that reports every read of `headers`, `url` or the body to its static-rendering tracker
// (app-route/module.js, proxyNextRequest) — a cost on every API request.
export const dynamic = 'force-dynamic';

const METHODS = ['PATCH', 'DELETE'];

export const PATCH = withUser('write', async (req, { todos, params }) => {
  const id = parseId(params.id ?? '');
  const patch = parseTodoPatch(await readJsonBody(req));
  const changed = await todos.update(id, patch);
  return json(listBody(changed.items, changed));
});

export const DELETE = withUser('write', async (_req, { todos, params }) =>
  json(listBody(await todos.remove(parseId(params.id ?? '')))),
);

export const OPTIONS = preflight(METHODS);
export const GET = methodNotAllowed(METHODS);
export const POST = methodNotAllowed(METHODS);
export const PUT = methodNotAllowed(METHODS);
