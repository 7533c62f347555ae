/**
 * Request-time headers that depend on run-time configuration (Next 16 `proxy`, Node.js runtime):
 *
 * - `/widget` may be framed only by ALLOWED_ORIGINS (CONTRACT §4), plus the dev preview's own
 *   origins under `next dev`. The list is an env var read at run time, so it cannot be a static
 *   header in next.config.js. A misconfigured server lets nobody frame it.
 */
import { NextResponse } from 'next/server';

import { devPreviewPort, loadConfig } from '@/lib/config';
import { frameAncestors } from '@/lib/embed/headers';

export function proxy(): NextResponse {
  const response = NextResponse.next();
  // Inlined at build time: a production build never adds the preview's origins.
  const devPort = process.env.NODE_ENV === 'development' ? devPreviewPort() : undefined;
  response.headers.set(
    'content-security-policy',
    `frame-ancestors ${frameAncestors(loadConfig(), devPort)}`,
  );
  return response;
}

export const config = {
  matcher: ['/widget'],
};
