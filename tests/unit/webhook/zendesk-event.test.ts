import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { parseZendeskEvent } from '@/lib/webhook/zendesk-event';

const parse = (body: unknown) =>
  parseZendeskEvent(
    body instanceof Uint8Array
      ? body
      : new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
  );

const codeOf = (body: unknown): string | undefined => {
  try {
    parse(body);
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not an ApiError';
  }
  return undefined;
};

const deleted = (id: unknown) => ({
  type: 'zen:event-type:user.deleted',
  account_id: 123456,
  id: '0b5cd4a8-4a2c-4c5d-9e3e-6d0b1f9f1d2e',
  time: '2026-11-25T05:09:27Z',
  zendesk_event_version: '2022-06-20',
  subject: `zen:user:${String(id)}`,
  detail: { id },
  event: {},
});

describe('parseZendeskEvent', () => {
  it('a user.deleted event erases detail.id', () => {
    expect(parse(deleted('6596848315901'))).toEqual({
      action: 'erase',
      type: 'zen:event-type:user.deleted',
      userId: 6596848315901,
    });
    expect(parse(deleted('9007199254740991'))).toMatchObject({ userId: 2 ** 53 - 1 });
  });

  it('ignores every other event, the soft delete included', () => {
    expect(
      parse({
        type: 'zen:event-type:user.active_changed',
        detail: { id: '6596848315901' },
        event: { current: false, previous: true },
      }),
    ).toEqual({ action: 'ignore', type: 'zen:event-type:user.active_changed' });
    expect(parse({ type: 'zen:event-type:user.created', detail: {} })).toMatchObject({
      action: 'ignore',
    });
    expect(parse({})).toEqual({ action: 'ignore', type: '' });
    expect(parse({ type: 42 })).toEqual({ action: 'ignore', type: '' });
  });

  it.each([
    ['zero', '0'],
    ['a leading zero', '0123'],
    ['above 2^53', '9007199254740993'],
    ['very long', '1'.repeat(40)],
  ])('accepts digits that name no possible user (%s) and erases nobody', (_name, id) => {
    expect(parse(deleted(id))).toEqual({
      action: 'erase',
      type: 'zen:event-type:user.deleted',
      userId: null,
    });
  });

  it.each([
    ['a number', 6596848315901],
    ['empty', ''],
    ['a sign', '-1'],
    ['a plus', '+1'],
    ['a fraction', '1.5'],
    ['an exponent', '1e3'],
    ['spaces', ' 12'],
    ['letters', 'abc'],
    ['null', null],
  ])('refuses detail.id as %s with invalid_body', (_name, id) => {
    expect(codeOf(deleted(id))).toBe('invalid_body');
  });

  it('refuses a user.deleted event without detail', () => {
    expect(codeOf({ type: 'zen:event-type:user.deleted' })).toBe('invalid_body');
    expect(codeOf({ type: 'zen:event-type:user.deleted', detail: '1' })).toBe('invalid_body');
  });

  it('refuses a JSON value that is not an object with invalid_body', () => {
    for (const body of ['[]', '42', '"x"', 'null']) expect(codeOf(body)).toBe('invalid_body');
  });

  it('refuses what is not JSON with invalid_json', () => {
    for (const body of ['', '   ', '{', 'type=x', '{"type":}']) {
      expect(codeOf(body)).toBe('invalid_json');
    }
    // Not UTF-8: a lone 0xFF byte inside braces.
    expect(codeOf(new Uint8Array([0x7b, 0xff, 0x7d]))).toBe('invalid_json');
  });
});
