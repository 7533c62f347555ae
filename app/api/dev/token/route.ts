import { devOnly, loadDevIssuer } from '@/lib/dev-preview';
import { json, parseId } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** `GET /api/dev/token?userId=N`: a dev-issuer token for user N, for curl and the mock help center. */
export const GET = devOnly(async (req) => {
  const userId = parseId(new URL(req.url).searchParams.get('userId') ?? '1', 'userId');
  const { mintDevToken } = await loadDevIssuer();
  return json({ token: await mintDevToken(userId) });
});
