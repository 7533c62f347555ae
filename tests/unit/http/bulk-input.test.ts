import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { parseIdempotencyKey } from '@/lib/http/idempotency-key';
import { assertClearCompletedQuery, parseBulkDone, parseId } from '@/lib/http/todo-input';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not an ApiError';
  }
  return undefined;
};

describe('parseBulkDone', () => {
  it('accepts exactly {"done": boolean}', () => {
    expect(parseBulkDone({ done: true })).toBe(true);
    expect(parseBulkDone({ done: false })).toBe(false);
  });

  it.each([
    [{}],
    [{ done: 'true' }],
    [{ done: 1 }],
    [{ done: null }],
    [{ done: true, value: 'x' }],
    [[true]],
    [null],
    ['done'],
  ])('%j → invalid_body', (body) => expect(codeOf(() => parseBulkDone(body))).toBe('invalid_body'));
});

describe('assertClearCompletedQuery', () => {
  it('accepts only ?done=true', () => {
    expect(codeOf(() => assertClearCompletedQuery('http://x/api/todo_items?done=true'))).toBe(
      undefined,
    );
  });

  it.each([
    '',
    '?',
    '?done',
    '?done=false',
    '?done=TRUE',
    '?done=1',
    '?done=true&done=true',
    '?done=true&all=1',
    '?all=true',
    '?done=true%20',
  ])('refuses %j with invalid_body', (query) =>
    expect(codeOf(() => assertClearCompletedQuery(`http://x/api/todo_items${query}`))).toBe(
      'invalid_body',
    ),
  );
});

describe('parseIdempotencyKey', () => {
  const parse = (value?: string): string | undefined =>
    parseIdempotencyKey(new Headers(value === undefined ? {} : { 'idempotency-key': value }));

  it('is undefined when absent and echoes a valid key', () => {
    expect(parse()).toBeUndefined();
    for (const key of ['a', 'A-z_0-9', 'k'.repeat(64), crypto.randomUUID()]) {
      expect(parse(key)).toBe(key);
    }
  });

  it.each([
    ['empty', ''],
    ['65 characters', 'k'.repeat(65)],
    ['a space inside', 'a b'],
    ['a dot', 'a.b'],
    ['a colon', 'a:b'],
    ['non-ASCII', 'clé'],
    ['two keys joined', 'a, b'],
  ])('refuses a key that is %s', (_name, key) =>
    expect(codeOf(() => parse(key))).toBe('invalid_idempotency_key'),
  );
});

describe('parseId with a label', () => {
  it('names the field in its message', () => {
    try {
      parseId('x', 'userId');
      expect.unreachable();
    } catch (error) {
      expect((error as ApiError).code).toBe('invalid_id');
      expect((error as ApiError).message).toMatch(/^userId /);
    }
  });
});
