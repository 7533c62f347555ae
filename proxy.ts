/**
 * Request-time headers for everything that is not an API route (Next 16 `proxy`, Node.js runtime):
 *
 * - `X-Request-Id` (docs/api.md): a well-formed incoming one is echoed, else one is generated; it
 *   is also passed on as a request header, so a route handler behind (the dev preview's) logs and
 *   answers the same id.
 * - `Content-Security-Policy: frame-ancestors`: `/widget` may be framed only by ALLOWED_ORIGINS
 *   (docs/embedding.md), plus the dev preview's own origins under `next dev` — a run-time list, so
 *   not a static header in next.config.js; a misconfigured server lets nobody frame it. Every other
 *   page may be framed by nobody (no clickjacking of `/` or the mock help center).
 * - `Cache-Control: no-store` on `/`, the setup page (docs/embedding.md).
 *
 * The API routes are left out by the matcher, and must be: the to-do routes, `/api/me…` and
 * `/api/health` set their request id in their pipeline (lib/http/pipeline.ts), and a proxy pass
 * would cost every API request an extra step — worse, Next buffers the body of every request a
 * proxy sees, so a body cap enforced while reading (16 KiB here, 64 KiB on the webhook) would only
 * apply after Next had buffered it. The matcher names those routes' paths exactly, so every other
 * path (`/api/me/x`, `/api/metrics`) comes here and its 404 has a request id too; a route added
 * under app/ fails tests/unit/http/proxy-matcher.test.ts until it is placed on one side.
 *
 * - `/widget?locale=…`: the locale goes on to the root layout in a request header, which marks up
 *   the document's `lang` and `dir` (lib/widget-server/document-locale.ts).
 * - `POST /widget` (the help center opening the widget with its token, lib/embed/hand-off.js): the
 *   body's token goes on to the page in a request header (a page cannot read its body).
 *   next.config.js caps what Next buffers for this at 16 KiB; a token is at most 8 KiB.
 */
import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

import { loadConfig } from '@/lib/config';
import { frameAncestors, previewPort } from '@/lib/http/frame-ancestors';
import { REQUEST_ID_HEADER, requestIdFor } from '@/lib/http/request-id';
import { WIDGET_LOCALE_HEADER, widgetLocale } from '@/lib/widget-server/document-locale';
import { POSTED_TOKEN_HEADER, postedToken } from '@/lib/widget-server/posted-token';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const requestId = requestIdFor(request.headers);
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  // Only this proxy may say which token was posted, and in which locale the widget opens.
  forwarded.delete(POSTED_TOKEN_HEADER);
  forwarded.delete(WIDGET_LOCALE_HEADER);
  if (request.method === 'POST' && request.nextUrl.pathname === '/widget') {
    forwarded.set(POSTED_TOKEN_HEADER, postedToken(await request.text()));
  }
  const locale =
    request.nextUrl.pathname === '/widget' && widgetLocale(request.nextUrl.searchParams);
  if (locale) forwarded.set(WIDGET_LOCALE_HEADER, locale);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set('content-security-policy', framingPolicy(request.nextUrl.pathname));
  // The setup page is this deployment's state now (docs/embedding.md): never kept by any cache.
  if (request.nextUrl.pathname === '/') response.headers.set('cache-control', 'no-store');
  return response;
}

/** The widget, and the empty page its frame loads while the token is fetched (lib/embed/). */
const FRAMEABLE = new Set(['/widget', '/widget-frame.html']);

function framingPolicy(pathname: string): string {
  if (!FRAMEABLE.has(pathname)) return "frame-ancestors 'none'";
  return `frame-ancestors ${frameAncestors(loadConfig(), previewPort())}`;
}

export const config = {
  // Every path but exactly those of the API routes that run the pipeline themselves, and the
  // tutorial's `/todo_items[/id]`, rewritten to them. (A static string: Next reads it at build.)
  matcher: [
    '/((?!(?:api/todo_items(?:/[^/]+)?|api/health|api/me(?:/export)?|api/zendesk/webhook|todo_items(?:/[^/]+)?)$).*)',
  ],
};
