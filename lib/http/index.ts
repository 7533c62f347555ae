export { ApiError } from './errors';
export type { ErrorCode } from './errors';
export { json, errorResponse } from './respond';
export { readJsonBody, MAX_BODY_BYTES } from './read-body';
export { parseId, parseNewTodo, parseTodoPatch, MAX_VALUE_LENGTH } from './todo-input';
export { withUser, preflight, methodNotAllowed } from './with-user';
export type { UserContext } from './with-user';
