/**
 * Which paths the proxy (proxy.ts) sees, as Next itself matches them: every API route that runs
 * the pipeline (lib/http/pipeline.ts) is left out — its body cap must act before anything buffers
 * the body — and every other path goes through, so it gets a request id (docs/api.md) and a
 * framing policy. The routes are read from app/, so a new route fails here until it is placed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, it } from 'vitest';

import { config } from '@/proxy';

const ROOT = path.resolve(path.dirname(__filename), '../../..');

/**
 * The route handlers under app/ that do NOT run the pipeline (the dev preview's, 404 in
 * production): the proxy gives them their request id. Every other route must be left out.
 */
const PROXIED_ROUTES = new Set([
  '/api/dev/jwks',
  '/api/dev/token',
  '/api/v2/help_center/integration/token',
  '/hc/signin',
  '/hc/todo',
]);

/** Every `route.ts` under app/ as a URL path, a dynamic segment filled in as `123`. */
function routePaths(dir = path.join(ROOT, 'app'), base = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      const segment = /^\[.+\]$/.test(entry.name) ? '123' : entry.name;
      return routePaths(path.join(dir, entry.name), `${base}/${segment}`);
    }
    return entry.name === 'route.ts' ? [base] : [];
  });
}

const proxied = (pathname: string): boolean =>
  unstable_doesMiddlewareMatch({ config, url: `http://localhost${pathname}` });

describe('the proxy matcher', () => {
  const routes = routePaths();

  it('finds the route handlers (the walk itself works)', () => {
    expect(routes).toEqual(expect.arrayContaining(['/api/todo_items', '/api/todo_items/123']));
    expect(routes.length).toBeGreaterThan(8);
  });

  it.each(routes)('places %s: proxied only if it is named as such here', (route) => {
    expect(proxied(route)).toBe(PROXIED_ROUTES.has(route));
  });

  it.each([
    '/api/me/x',
    '/api/metrics',
    '/api/healthz',
    '/api/health/x',
    '/api/todo_items/1/2',
    '/api/todo_itemsx',
    '/api/zendesk',
    '/api/zendesk/webhook/x',
    '/todo_items/1/2',
    '/api',
    '/widget',
    '/',
    '/embed.js',
  ])('sends %s, which no API route answers, through the proxy', (pathname) => {
    expect(proxied(pathname)).toBe(true);
  });

  it('leaves the tutorial paths, rewritten to the API, to the API', () => {
    expect([proxied('/todo_items'), proxied('/todo_items/42')]).toEqual([false, false]);
  });
});
