import { mintDevToken } from '@/lib/auth/dev-issuer';
import { devPreviewConfig, notFound } from '@/lib/dev-preview';

export const dynamic = 'force-dynamic';

/** `GET /api/dev/token?userId=N`: a dev-issuer token for user N, for curl and the mock help center. */
export async function GET(req: Request): Promise<Response> {
  if (!devPreviewConfig()) return notFound();
  const raw = new URL(req.url).searchParams.get('userId') ?? '1';
  const userId = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(userId)) {
    return Response.json(
      { error: { code: 'invalid_id', message: 'userId must be a positive whole number.' } },
      { status: 400 },
    );
  }
  const token = await mintDevToken(userId);
  return Response.json({ token }, { headers: { 'Cache-Control': 'no-store' } });
}
