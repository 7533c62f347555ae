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
export { openRequest, withRequest } from './pipeline';
export type { OpenRequest, RequestContext, RouteContext, RouteHandler } from './pipeline';
export { authenticate } from './authenticate';
export type { Authenticated, RequestKind } from './authenticate';
export { withUser, preflight, methodNotAllowed } from './with-user';
export type { UserContext } from './with-user';
export { listBody, toWire } from './wire';
export type { WireItem } from './wire';
