/**
 * Any `/api/…` path no route serves: the API's own 404 — JSON envelope, `X-Request-Id`, a log
 * line — instead of Next's HTML page (the proxy, which adds request ids to pages, skips `/api`).
 * More specific routes always win over this catch-all.
 */
import { ApiError, withRequest } from '@/lib/http';

export const dynamic = 'force-dynamic';

const notFound = withRequest(async () => {
  throw new ApiError('not_found', 'No such API endpoint: see the README for the routes.');
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
