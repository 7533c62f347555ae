import type { TodoPatch } from '../store/types';
import { ApiError } from './errors';
import { codePointLength, MAX_VALUE_LENGTH, normaliseValue } from '../limits';

export { MAX_VALUE_LENGTH };

const invalidBody = (message: string): ApiError => new ApiError('invalid_body', message);

function asObject(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidBody('The body must be a JSON object.');
  }
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw invalidBody(
      `Unknown field "${unknown.slice(0, 40)}": send only ${allowed.join(' and ')}.`,
    );
  }
  return body as Record<string, unknown>;
}

/** A to-do text: a string, trimmed, 1–500 code points, well-formed Unicode. */
export function parseValue(raw: unknown): string {
  if (typeof raw !== 'string') throw new ApiError('invalid_value', '"value" must be a string.');
  const value = normaliseValue(raw);
  if (value === '') throw new ApiError('invalid_value', '"value" must not be empty.');
  if (codePointLength(value) > MAX_VALUE_LENGTH) {
    throw new ApiError('invalid_value', `"value" must be at most ${MAX_VALUE_LENGTH} characters.`);
  }
  // A lone surrogate cannot be stored as UTF-8; NUL breaks too many consumers downstream.
  if (!value.isWellFormed() || value.includes('\u0000')) {
    throw new ApiError('invalid_value', '"value" contains characters that cannot be stored.');
  }
  return value;
}

/** The body of `POST /api/todo_items`: `{"value": string}`. */
export function parseNewTodo(body: unknown): string {
  const input = asObject(body, ['value']);
  if (!('value' in input)) throw invalidBody('The field "value" is required.');
  return parseValue(input.value);
}

/** The body of `PATCH /api/todo_items/{id}`: `{"value"?, "done"?}`, at least one. */
export function parseTodoPatch(body: unknown): TodoPatch {
  const input = asObject(body, ['value', 'done']);
  const patch: TodoPatch = {};
  if ('value' in input) patch.value = parseValue(input.value);
  if ('done' in input) {
    if (typeof input.done !== 'boolean') throw invalidBody('"done" must be true or false.');
    patch.done = input.done;
  }
  if (patch.value === undefined && patch.done === undefined) {
    throw invalidBody('Send "value", "done", or both.');
  }
  return patch;
}

/** The body of `PATCH /api/todo_items` (toggle all): exactly `{"done": boolean}`. */
export function parseBulkDone(body: unknown): boolean {
  const input = asObject(body, ['done']);
  if (!('done' in input)) throw invalidBody('The field "done" is required.');
  if (typeof input.done !== 'boolean') throw invalidBody('"done" must be true or false.');
  return input.done;
}

/**
 * The query of `DELETE /api/todo_items`: exactly `done=true` (clear completed). Anything else —
 * no query, another value, an extra parameter — is refused, so no request can mean "delete
 * everything" by accident (docs/api.md).
 */
export function assertClearCompletedQuery(url: string): void {
  const params = [...new URL(url).searchParams];
  const [first] = params;
  if (params.length !== 1 || first?.[0] !== 'done' || first[1] !== 'true') {
    throw invalidBody(
      'To remove completed items send DELETE /api/todo_items?done=true; to remove one item, DELETE /api/todo_items/{id}.',
    );
  }
}

/**
 * A positive integer below 2^53 in plain decimal (no sign, exponent or fraction): a path id, or
 * any other id the caller names in `what`.
 * @default what 'The item id'
 */
export function parseId(raw: string, what = 'The item id'): number {
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw new ApiError('invalid_id', `${what} must be a positive whole number.`);
  }
  return id;
}
