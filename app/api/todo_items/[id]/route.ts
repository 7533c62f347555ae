import {
  json,
  methodNotAllowed,
  parseId,
  parseTodoPatch,
  preflight,
  readJsonBody,
  withUser,
} from '@/lib/http';

const METHODS = ['PATCH', 'DELETE'];

export const PATCH = withUser('write', async (req, { user, quota, store, params }) => {
  const id = parseId(params.id ?? '');
  const patch = parseTodoPatch(await readJsonBody(req));
  return json(await store.update(user, quota, id, patch));
});

export const DELETE = withUser('write', async (_req, { user, quota, store, params }) =>
  json({ todo_items: await store.remove(user, quota, parseId(params.id ?? '')) }),
);

export const OPTIONS = preflight(METHODS);
export const GET = methodNotAllowed(METHODS);
export const POST = methodNotAllowed(METHODS);
export const PUT = methodNotAllowed(METHODS);
