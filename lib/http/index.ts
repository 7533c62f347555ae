export { json } from './respond';
export { readJsonBody } from './read-body';
export { parseId, parseNewTodo, parseTodoPatch } from './todo-input';
export { withUser, preflight, methodNotAllowed } from './with-user';
