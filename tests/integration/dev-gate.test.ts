/**
 * The dev preview's gate in a production build (README.md#configuration): every dev-only route
 * answers 404 with the API's envelope, whatever the Host or cookies, and the build does not even
 * contain the local token issuer (lib/dev-preview.ts imports it in a branch that is dead in
 * production).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_MODES, system } from '../support/system';

const ROOT = path.resolve(path.dirname(__filename), '../..');
const DEV_ROUTES = [
  '/api/dev/token?userId=1',
  '/api/dev/jwks',
  '/api/v2/help_center/integration/token',
  '/hc/todo',
  '/hc/signin?user=1&return_to=/hc/todo',
];

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the production build', () => {
  it('does not contain the dev token issuer', () => {
    const server = path.join(ROOT, '.next/server');
    const files = filesUnder(server).filter((f) => /\.(js|mjs|cjs|json)$/.test(f));
    const contents = files.map((f) => fs.readFileSync(f, 'utf8'));
    // The grep can see the build: strings from neighbouring modules are there.
    expect(contents.some((c) => c.includes('frame-ancestors'))).toBe(true);
    expect(contents.some((c) => c.includes('The dev issuer does not exist'))).toBe(true);
    // `dev-issuer-key.json` is the issuer's key file, named nowhere else.
    const leaking = files.filter((_, i) => contents[i]!.includes('dev-issuer-key'));
    expect(leaking).toEqual([]);
  });
});

describe.each(STORE_MODES)('dev routes in production (%s store)', (mode) => {
  const base = system().apps[mode];

  it.each(DEV_ROUTES)(
    '%s answers 404 not_found, for loopback and other Hosts alike',
    async (route) => {
      for (const host of [undefined, 'localhost:3000', '127.0.0.1', 'rebound.example.com']) {
        const res = await fetch(`${base}${route}`, {
          headers: { cookie: 'hc_todo_preview_user=1', ...(host && { host }) },
          redirect: 'manual',
        });
        expect(res.status, `${route} Host ${host}`).toBe(404);
        expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
        expect(res.headers.get('set-cookie')).toBeNull();
        expect(res.headers.get('x-request-id')).not.toBeNull();
      }
    },
  );
});
