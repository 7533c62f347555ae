import { checkHealth } from '@/lib/health';
import { json, withRequest } from '@/lib/http';

export const dynamic = 'force-dynamic';

export const GET = withRequest(async () => {
  const { status, body } = await checkHealth();
  return json(body, status, status === 503 ? { 'Retry-After': '30' } : {});
});
