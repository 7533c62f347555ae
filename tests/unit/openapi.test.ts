/**
 * docs/openapi.json and its checker (tests/support/openapi.ts), which every HTTP test runs on
 * every answer: the checker must catch what a client generated from the description would trip
 * on, and the description must cover every API route under app/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { openApiProblems } from '../support/openapi';

const ROOT = path.resolve(path.dirname(__filename), '../..');
const AT = '2026-12-04T10:00:00.000Z';
const item = { id: 1, value: 'milk', done: false, created_at: AT, updated_at: AT };

describe('the OpenAPI checker', () => {
  it('passes answers the description allows', () => {
    expect(openApiProblems('GET', '/api/todo_items', 200, { todo_items: [item] })).toEqual([]);
    expect(
      openApiProblems('POST', '/todo_items', 201, { todo_item: item, todo_items: [item] }),
    ).toEqual([]);
    expect(
      openApiProblems('POST', '/api/todo_items', 200, { todo_item: null, todo_items: [] }),
    ).toEqual([]);
    const error = { error: { code: 'rate_limited', message: 'Slow down.' } };
    expect(openApiProblems('DELETE', '/api/todo_items/7', 429, error)).toEqual([]);
    expect(
      openApiProblems('PUT', '/api/todo_items', 405, {
        error: { code: 'method_not_allowed', message: 'Use GET.' },
      }),
    ).toEqual([]);
  });

  it.each([
    ['an undocumented field', { todo_items: [{ ...item, owner: 42 }] }, 'undocumented "owner"'],
    [
      'a missing field',
      { todo_items: [Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'done'))] },
      'lacks "done"',
    ],
    ['a wrong type', { todo_items: [{ ...item, id: '1' }] }, '.id is not integer'],
    [
      'a date that is not ISO-8601 UTC',
      { todo_items: [{ ...item, created_at: 'today' }] },
      'date-time',
    ],
    ['no list at all', '<html>', 'is not object'],
  ])('finds %s', (_, body, problem) => {
    expect(openApiProblems('GET', '/api/todo_items?x=1', 200, body).join('\n')).toContain(problem);
  });

  it('refuses a null item on a 201 and an unknown error code', () => {
    expect(
      openApiProblems('POST', '/api/todo_items', 201, { todo_item: null, todo_items: [] }),
    ).not.toEqual([]);
    expect(
      openApiProblems('GET', '/api/me/export', 401, { error: { code: 'nope', message: 'x' } }),
    ).not.toEqual([]);
    expect(openApiProblems('GET', '/api/health', 418, { status: 'ok', store: 'kv' })).not.toEqual(
      [],
    );
  });

  it('leaves what the API does not answer alone (Next’s 404 for an unknown path)', () => {
    expect(openApiProblems('GET', '/api/no-such-endpoint', 404, '<html>')).toEqual([]);
  });
});

describe('docs/openapi.json', () => {
  /** Every route.ts under app/api as a path template (`[id]` → `{id}`). */
  function apiRoutes(dir = path.join(ROOT, 'app/api'), base = '/api'): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.isDirectory()) {
        const segment = entry.name.replace(/^\[(.+)\]$/, '{$1}');
        return apiRoutes(path.join(dir, entry.name), `${base}/${segment}`);
      }
      return entry.name === 'route.ts' ? [base] : [];
    });
  }

  it('describes every API route (the dev preview’s, 404 in production, aside)', () => {
    const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/openapi.json'), 'utf8')) as {
      paths: Record<string, unknown>;
    };
    const routes = apiRoutes().filter((r) => !/^\/api\/(dev|v2|health\/floor)\b/.test(r));
    expect(Object.keys(spec.paths).sort()).toEqual(routes.sort());
  });
});
