import { methodNotAllowed, preflight, withUser } from '@/lib/http';
import { exportResponse } from '@/lib/privacy/export';

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
