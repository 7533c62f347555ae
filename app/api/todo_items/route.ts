import {
  json,
  methodNotAllowed,
  parseNewTodo,
  preflight,
  readJsonBody,
  withUser,
} from '@/lib/http';

const METHODS = ['GET', 'POST'];

export const GET = withUser('read', async (_req, { user, quota, store }) =>
  json({ todo_items: await store.list(user, quota) }),
);

export const POST = withUser('write', async (req, { user, quota, store }) => {
  const value = parseNewTodo(await readJsonBody(req));
  const { created, ...change } = await store.add(user, quota, value);
  return json(change, created ? 201 : 200);
});

export const OPTIONS = preflight(METHODS);
export const PUT = methodNotAllowed(METHODS);
export const PATCH = methodNotAllowed(METHODS);
export const DELETE = methodNotAllowed(METHODS);
