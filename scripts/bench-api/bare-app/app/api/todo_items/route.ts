// The benchmark's floor: the cheapest answer a Next route handler gives, in an app
// with nothing of hc-todo's — no next.config rules, no proxy, no instrumentation, one route.
// Same path as the API, and the same body and headers as `GET /api/todo_items` with the
// benchmark's 20 items (`item 0` … `item 19`), so the bytes on the wire match within a few.
// Dynamic like the API: a static route would be served from the build's cache, not run.
export const dynamic = 'force-dynamic';

const at = '2026-01-01T00:00:00.000Z';
const body = JSON.stringify({
  todo_items: Array.from({ length: 20 }, (_, i) => ({
    id: i + 1,
    value: `item ${i}`,
    done: false,
    created_at: at,
    updated_at: at,
  })),
});

export function GET(): Response {
  return new Response(body, {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}
