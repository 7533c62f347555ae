/**
 * The `/widget` framing policy, the `frame-ancestors` CSP directive (server only; used by
 * proxy.ts).
 */
import type { ConfigState } from '../config';

/**
 * The `frame-ancestors` sources for `/widget`: exactly ALLOWED_ORIGINS (CONTRACT §4), plus the
 * dev preview's own origins when `devPort` is given; `'none'` when the server is misconfigured.
 */
export function frameAncestors(state: ConfigState, devPort?: number): string {
  if (!state.ok) return "'none'";
  const origins = [...state.config.allowedOrigins];
  if (devPort !== undefined && state.config.devPreview) {
    origins.push(`http://localhost:${devPort}`, `http://127.0.0.1:${devPort}`);
  }
  const unique = [...new Set(origins)];
  return unique.length > 0 ? unique.join(' ') : "'none'";
}
