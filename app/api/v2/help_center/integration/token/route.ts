/**
 * GET /api/v2/help_center/integration/token — dev preview only: the mock help center's token
 * endpoint, answering like Zendesk's (`{"token": "..."}`) for the user its cookie names, signed
 * by the local dev issuer; 403 for an anonymous visitor. A production build answers 404 and does
 * not even contain the issuer (the import below sits behind the inlined NODE_ENV test).
 */
import type { NextRequest } from 'next/server';

import { devPreviewConfig, notFound } from '@/lib/dev-preview';
import { PREVIEW_USER_COOKIE, previewUser } from '@/lib/preview/preview';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest): Promise<Response> {
  if (process.env.NODE_ENV !== 'development' || !devPreviewConfig()) return notFound();
  const user = previewUser(request.cookies.get(PREVIEW_USER_COOKIE)?.value);
  const headers = { 'cache-control': 'no-store' };
  if (!user) return Response.json({ error: 'Forbidden' }, { status: 403, headers });
  const { mintDevToken } = await import('@/lib/auth/dev-issuer');
  return Response.json({ token: await mintDevToken(user.id) }, { headers });
}
