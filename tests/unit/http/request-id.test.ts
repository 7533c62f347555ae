import { describe, expect, it } from 'vitest';
import { isWellFormedRequestId, requestIdFor } from '@/lib/http/request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
  it.each(['abc', 'a'.repeat(128), 'iad1::abc-123', 'req_1.2:3-x', crypto.randomUUID()])(
    'echoes the well-formed id %s',
    (id) => expect(requestIdFor(new Headers({ 'x-request-id': id }))).toBe(id),
  );

  it.each([
    ['empty', ''],
    ['too long', 'a'.repeat(129)],
    ['a space', 'a b'],
    ['markup', '<script>'],
    ['a quote', 'a"b'],
    ['non-ASCII', 'café'],
    ['a slash', 'a/b'],
  ])('replaces an id that is %s with a fresh UUID', (_name, id) => {
    expect(isWellFormedRequestId(id)).toBe(false);
    expect(requestIdFor(new Headers({ 'x-request-id': id }))).toMatch(UUID);
  });

  it('generates a different UUID for each request without one', () => {
    const [a, b] = [requestIdFor(new Headers()), requestIdFor(new Headers())];
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });
});
