/**
 * GET /api/v2/help_center/integration/token — dev preview only: the mock help center's token
 * endpoint, answering like Zendesk's (`{"token": "..."}`) for the user its cookie names, signed
 * by the local dev issuer; 403 for an anonymous visitor. A production build answers 404 and does
 * not even contain the issuer (see lib/dev-preview.ts).
 */
import type { NextRequest } from 'next/server';

import { devOnly, loadDevIssuer } from '@/lib/dev-preview';
import { json } from '@/lib/http';
import { PREVIEW_USER_COOKIE, previewUser } from '@/lib/preview/preview';

export const dynamic = 'force-dynamic';

export const GET = devOnly<NextRequest>(async (request) => {
  const user = previewUser(request.cookies.get(PREVIEW_USER_COOKIE)?.value);
  // Zendesk's own answer for an anonymous visitor (not the API's envelope: this mimics Zendesk).
  if (!user) return json({ error: 'Forbidden' }, 403);
  const { mintDevToken } = await loadDevIssuer();
  return json({ token: await mintDevToken(user.id) });
});
