import {
  assertClearCompletedQuery,
  json,
  methodNotAllowed,
  parseBulkDone,
  parseIdempotencyKey,
  parseNewTodo,
  preflight,
  readJsonBody,
  withUser,
} from '@/lib/http';

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'];

export const GET = withUser('read', async (_req, { user, quota, store }) =>
  json({ todo_items: await store.list(user, quota) }),
);

/** Add one item; a repeated `Idempotency-Key` answers 200 with the first add's item. */
export const POST = withUser('write', async (req, { user, quota, store }) => {
  // The body first: an invalid add is 400 whether or not it carries a key (CONTRACT §2).
  const value = parseNewTodo(await readJsonBody(req));
  const key = parseIdempotencyKey(req.headers);
  const { created, ...change } = await store.add(user, quota, value, key);
  return json(change, created ? 201 : 200);
});

/** Toggle all: `{"done": boolean}` for every item, in one store call. */
export const PATCH = withUser('write', async (req, { user, quota, store }) => {
  const done = parseBulkDone(await readJsonBody(req));
  return json({ todo_items: await store.setAllDone(user, quota, done) });
});

/** Clear completed: only `?done=true`; never "delete everything". */
export const DELETE = withUser('write', async (req, { user, quota, store }) => {
  assertClearCompletedQuery(req.url);
  return json(await store.removeDone(user, quota));
});

export const OPTIONS = preflight(METHODS);
export const PUT = methodNotAllowed(METHODS);
