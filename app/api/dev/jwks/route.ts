import { devJwks } from '@/lib/auth/dev-issuer';
import { devPreviewConfig, notFound } from '@/lib/dev-preview';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  if (!devPreviewConfig()) return notFound();
  return Response.json(await devJwks());
}
