import { checkHealth } from '@/lib/health';
import { json } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const { status, body } = await checkHealth();
  return json(body, status, status === 503 ? { 'Retry-After': '30' } : {});
}
