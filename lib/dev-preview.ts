/**
 * The dev preview's one gate (README.md#configuration). Every dev-only route — the mock help center
 * (`/hc/*`), `/api/dev/*` and the mock token endpoint — is wrapped in `devOnly`, which answers
 * 404, as if the route did not exist, unless all of these hold:
 *
 * 1. the build is `next dev`: `process.env.NODE_ENV` is inlined when Next builds, so in a
 *    production build this test is the constant `false`, whatever the environment says later;
 * 2. the configuration is the dev preview's (no `ZENDESK_SUBDOMAIN`);
 * 3. the request's `Host` is a loopback name. `npm run dev` binds to 127.0.0.1, but a web page
 *    can still point a hostname it controls at 127.0.0.1 (DNS rebinding) and read same-origin
 *    answers from it; such a request arrives with that page's Host, and is refused here.
 */
import { loadConfig } from './config';
import type { Config } from './config';
import { errorBody, json } from './http/respond';
import { withRequest } from './http/pipeline';
import type { RouteHandler } from './http/pipeline';

/** The configuration when the dev preview is active, otherwise undefined. */
export function devPreviewConfig(): Config | undefined {
  if (process.env.NODE_ENV !== 'development') return undefined;
  const state = loadConfig();
  return state.ok && state.config.devPreview ? state.config : undefined;
}

/** What dev-only routes answer outside the preview: as if they did not exist. */
export function notFound(): Response {
  return json(errorBody('not_found', 'Not found.'), 404);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a `Host` header names this machine by a loopback name (any port). */
export function isLoopbackHost(host: string | null): boolean {
  if (host === null) return false;
  const name = host.toLowerCase().replace(/:\d{1,5}$/, '');
  return LOOPBACK_HOSTS.has(name);
}

/**
 * A dev-only route handler: runs `handler` with the preview's configuration only under
 * `next dev`, in the preview, for a loopback Host; everything else answers 404.
 */
export function devOnly<R extends Request>(
  handler: (req: R, config: Config) => Promise<Response>,
): RouteHandler<R> {
  return withRequest<R>(async (req) => {
    if (process.env.NODE_ENV !== 'development') return notFound();
    const config = devPreviewConfig();
    if (!config || !isLoopbackHost(req.headers.get('host'))) return notFound();
    return handler(req, config);
  });
}

/**
 * The local token issuer, loaded on demand. The import sits in a branch that is dead code in a
 * production build, so the bundler never emits the issuer there (tests/integration/dev-gate
 * greps `.next/server` for it).
 */
export async function loadDevIssuer(): Promise<typeof import('./auth/dev-issuer')> {
  if (process.env.NODE_ENV === 'development') return import('./auth/dev-issuer');
  throw new Error('The dev issuer does not exist outside `next dev`.');
}
