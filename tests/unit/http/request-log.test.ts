import { describe, expect, it } from 'vitest';
import { formatRequestLog, hashUser, routePattern } from '@/lib/http/request-log';

const user = { subdomain: 'acme', userId: 42 };

describe('formatRequestLog', () => {
  it('writes the documented fields as one JSON line, the user hashed', () => {
    const line = formatRequestLog(
      {
        requestId: 'r-1',
        method: 'POST',
        route: '/api/todo_items',
        status: 201,
        durationMs: 3.14159,
        store: 'embedded',
        user,
      },
      new Date('2026-01-02T03:04:05.000Z'),
    );
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      level: 'info',
      request_id: 'r-1',
      method: 'POST',
      route: '/api/todo_items',
      status: 201,
      duration_ms: 3.1,
      store: 'embedded',
      user: hashUser(user),
    });
    // The random-salted hash may contain "42" by chance (about one run in nine): look past it.
    const rest = line.replace(hashUser(user), '');
    expect(rest).not.toContain('42');
    expect(rest).not.toContain('acme');
  });

  it('leaves out the user when none was verified, and names the error code', () => {
    const entry = { requestId: 'r', method: 'GET', route: '/x', status: 503, durationMs: 1 };
    const parsed = JSON.parse(formatRequestLog({ ...entry, code: 'store_unavailable' }));
    expect(parsed).not.toHaveProperty('user');
    expect(parsed).toMatchObject({ level: 'error', code: 'store_unavailable' });
  });
});

describe('hashUser', () => {
  it('is stable within the process, distinct per user, and not a plain hash of the id', async () => {
    expect(hashUser(user)).toBe(hashUser({ ...user }));
    expect(hashUser(user)).toMatch(/^[0-9a-f]{32}$/);
    expect(hashUser(user)).not.toBe(hashUser({ subdomain: 'acme', userId: 43 }));
    expect(hashUser(user)).not.toBe(hashUser({ subdomain: 'acme2', userId: 42 }));
    const { createHash } = await import('node:crypto');
    const unsalted = createHash('sha256').update('acme:42').digest('hex').slice(0, 32);
    expect(hashUser(user)).not.toBe(unsalted);
  });
});

describe('routePattern', () => {
  it.each([
    ['/api/todo_items', {}, '/api/todo_items'],
    ['/api/todo_items/42', { id: '42' }, '/api/todo_items/[id]'],
    ['/todo_items/42', { id: '42' }, '/todo_items/[id]'],
    ['/api/todo_items/%20x', { id: ' x' }, '/api/todo_items/[id]'],
    ['/api/todo_items/%E0%A4%A', { id: '%E0%A4%A' }, '/api/todo_items/[id]'],
  ])('%s → %s', (path, params, pattern) => expect(routePattern(path, params)).toBe(pattern));
});
