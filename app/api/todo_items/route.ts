import {
  json,
  methodNotAllowed,
  parseNewTodo,
  preflight,
  readJsonBody,
  withUser,
} from '@/lib/http';

const METHODS = ['GET', 'POST'];

export const GET = withUser('read', async (_req, { user, store }) =>
  json({ todo_items: await store.list(user) }),
);

export const POST = withUser('write', async (req, { user, store }) => {
  const value = parseNewTodo(await readJsonBody(req));
  return json(await store.add(user, value), 201);
});

export const OPTIONS = preflight(METHODS);
export const PUT = methodNotAllowed(METHODS);
export const PATCH = methodNotAllowed(METHODS);
export const DELETE = methodNotAllowed(METHODS);
