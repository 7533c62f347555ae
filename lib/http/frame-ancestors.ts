/**
 * Who may frame `/widget` and open it with a token (server only; used by proxy.ts and the
 * widget page).
 */
import { devPreviewPort, type ConfigState } from '../config';

/** The dev preview's port under `next dev`. Inlined at build time: production never has one. */
export function previewPort(): number | undefined {
  return process.env.NODE_ENV === 'development' ? devPreviewPort() : undefined;
}

/**
 * The pages allowed to embed the widget: exactly ALLOWED_ORIGINS (docs/embedding.md), plus the dev
 * preview's own origins when `devPort` is given; none when the server is misconfigured.
 */
export function allowedParents(state: ConfigState, devPort?: number): string[] {
  if (!state.ok) return [];
  const origins = [...state.config.allowedOrigins];
  if (devPort !== undefined && state.config.devPreview) {
    origins.push(`http://localhost:${devPort}`, `http://127.0.0.1:${devPort}`);
  }
  return [...new Set(origins)];
}

/** The `frame-ancestors` sources for `/widget`; `'none'` when nobody may frame it. */
export function frameAncestors(state: ConfigState, devPort?: number): string {
  const origins = allowedParents(state, devPort);
  return origins.length > 0 ? origins.join(' ') : "'none'";
}
