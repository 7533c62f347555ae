/**
 * GET /hc/signin?user=1|2|anonymous&return_to=/path — dev preview only: the mock help center's
 * "sign in", which just sets (or clears) its session cookie and goes back.
 */
import type { NextRequest } from 'next/server';

import { devOnly } from '@/lib/dev-preview';
import { PREVIEW_USER_COOKIE, previewOrigins, previewUser } from '@/lib/preview/preview';

export const dynamic = 'force-dynamic';

export const GET = devOnly<NextRequest>(async (request) => {
  const params = request.nextUrl.searchParams;
  const returnTo = params.get('return_to') ?? '';
  // Only a path on the mock help center itself: never an open redirect.
  const target = /^\/(?!\/)/.test(returnTo) ? returnTo : '/hc/todo';
  const response = new Response(null, {
    status: 303,
    headers: { location: `${previewOrigins().helpCenter}${target}` },
  });
  const user = previewUser(params.get('user') ?? undefined);
  const cookie = user
    ? `${PREVIEW_USER_COOKIE}=${user.id}; Path=/; HttpOnly; SameSite=Lax`
    : `${PREVIEW_USER_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  if (params.has('user')) response.headers.append('set-cookie', cookie);
  return response;
});
