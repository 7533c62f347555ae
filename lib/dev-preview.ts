/**
 * The dev preview's gate. `process.env.NODE_ENV` is inlined when Next builds, so in a production
 * build `isDevPreview()` is the constant `false` and the routes behind it answer 404 whatever
 * the environment says at run time (CONTRACT §1).
 */
import { loadConfig } from './config';
import type { Config } from './config';

/** The configuration when the dev preview is active, otherwise undefined. */
export function devPreviewConfig(): Config | undefined {
  if (process.env.NODE_ENV !== 'development') return undefined;
  const state = loadConfig();
  return state.ok && state.config.devPreview ? state.config : undefined;
}

/** What dev-only routes answer outside the preview: as if they did not exist. */
export function notFound(): Response {
  return Response.json(
    { error: { code: 'not_found', message: 'Not found.' } },
    { status: 404, headers: { 'Cache-Control': 'no-store' } },
  );
}
