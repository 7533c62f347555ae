import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { parseId, parseNewTodo, parseTodoPatch } from '@/lib/http/todo-input';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not an ApiError';
  }
  return undefined;
};

describe('parseId', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['9007199254740991', 2 ** 53 - 1],
  ])('accepts %s', (raw, id) => expect(parseId(raw)).toBe(id));

  it.each([
    '',
    '0',
    '-1',
    '+1',
    '01',
    '1.0',
    '1e3',
    '0x1',
    ' 1',
    '1 ',
    'NaN',
    '9007199254740992',
    '99999999999999999999',
  ])('refuses %j with invalid_id', (raw) => expect(codeOf(() => parseId(raw))).toBe('invalid_id'));
});

describe('parseNewTodo', () => {
  it('trims and counts code points', () => {
    expect(parseNewTodo({ value: '  hi  ' })).toBe('hi');
    expect(parseNewTodo({ value: '𝄞'.repeat(500) })).toHaveLength(1000);
    expect(codeOf(() => parseNewTodo({ value: '𝄞'.repeat(501) }))).toBe('invalid_value');
  });

  it.each([
    [[], 'invalid_body'],
    [null, 'invalid_body'],
    [{}, 'invalid_body'],
    [{ value: 'a', extra: 1 }, 'invalid_body'],
    [{ value: 1 }, 'invalid_value'],
    [{ value: '\u00a0\u2003' }, 'invalid_value'],
    [{ value: 'a\u0000b' }, 'invalid_value'],
    [{ value: '\udc00' }, 'invalid_value'],
  ])('%j → %s', (body, code) => expect(codeOf(() => parseNewTodo(body))).toBe(code));

  it('ignores inherited properties such as __proto__ tricks', () => {
    const body = JSON.parse('{"value":"ok","__proto__":{"done":true}}') as unknown;
    expect(codeOf(() => parseNewTodo(body))).toBe('invalid_body');
  });
});

describe('parseTodoPatch', () => {
  it('keeps only what was sent', () => {
    expect(parseTodoPatch({ done: true })).toEqual({ done: true });
    expect(parseTodoPatch({ value: ' x ' })).toEqual({ value: 'x' });
    expect(parseTodoPatch({ value: 'x', done: false })).toEqual({ value: 'x', done: false });
  });

  it.each([[{}], [{ done: null }], [{ done: 'yes' }], [{ id: 1, done: true }]])(
    '%j → invalid_body',
    (body) => expect(codeOf(() => parseTodoPatch(body))).toBe('invalid_body'),
  );
});
