/**
 * GET /hc/todo?mode=script|iframe — dev preview only: the mock help center page, embedding the
 * REAL theme-snippet file (read per request, so edits show on reload) pointed at this app.
 * Served on 127.0.0.1 while the widget is on localhost, so the hand-off really is cross-origin.
 */
import type { NextRequest } from 'next/server';

import { devOnly } from '@/lib/dev-preview';
import { escapeHtml, readSnippet, renderHelpCenterPage } from '@/lib/preview/help-center-page';
import {
  parseMode,
  PREVIEW_USER_COOKIE,
  PREVIEW_USERS,
  previewOrigins,
  previewUser,
} from '@/lib/preview/preview';

export const dynamic = 'force-dynamic';

export const GET = devOnly<NextRequest>(async (request) => {
  const origins = previewOrigins();
  const here = new URL(request.url);
  if (request.headers.get('host') !== new URL(origins.helpCenter).host) {
    return Response.redirect(`${origins.helpCenter}/hc/todo${here.search}`, 307);
  }
  const mode = parseMode(here.searchParams.get('mode'));
  const user = previewUser(request.cookies.get(PREVIEW_USER_COOKIE)?.value);
  const back = `/hc/todo?mode=${mode}`;
  const link = (href: string, label: string, current: boolean): string =>
    `<a href="${escapeHtml(href)}"${current ? ' aria-current="true"' : ''}>${escapeHtml(label)}</a>`;
  const signIn = (id: string): string =>
    `/hc/signin?user=${id}&return_to=${encodeURIComponent(back)}`;
  const toolbar = `<nav class="toolbar" aria-label="Preview controls">hc-todo dev preview · user:
    ${link(signIn('anonymous'), 'anonymous', !user)}
    ${PREVIEW_USERS.map((u) => link(signIn(String(u.id)), `user ${u.id}`, user?.id === u.id)).join(' ')}
    · embed: ${link('/hc/todo?mode=script', 'script', mode === 'script')}
    ${link('/hc/todo?mode=iframe', 'iframe', mode === 'iframe')}</nav>`;
  const html = renderHelpCenterPage({
    snippet: await readSnippet(mode, origins.app),
    user,
    toolbar,
  });
  return new Response(html, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
});
