export { json, errorBody, errorResponse } from './respond';
export { ApiError } from './errors';
export type { ErrorCode } from './errors';
export { readJsonBody } from './read-body';
export {
  assertClearCompletedQuery,
  parseBulkDone,
  parseId,
  parseNewTodo,
  parseTodoPatch,
} from './todo-input';
export { parseIdempotencyKey } from './idempotency-key';
export { withRequest } from './pipeline';
export type { RequestContext, RouteContext, RouteHandler } from './pipeline';
export { withUser, preflight, methodNotAllowed } from './with-user';
export type { UserContext } from './with-user';
