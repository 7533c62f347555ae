/**
 * The API benchmark's framework floor (issue #12): the cheapest answer a Next route handler can
 * give — a fixed JSON body of the same size as `GET /api/todo_items` with the benchmark's 20
 * items — so the benchmark can say what our pipeline costs on top of Next itself. Only the
 * benchmark's build serves it (`BENCH_FLOOR_BUILD`); every other build answers the API's 404.
 */
import { BENCH_FLOOR_BUILD } from '../config';
import { ApiError } from './errors';
import { withRequest } from './pipeline';
import type { RouteHandler } from './pipeline';

/** The items scripts/bench-api.ts seeds (`item 0` … `item 19`, ids 1–20), byte for byte in size. */
export function floorBody(): string {
  const at = '2026-01-01T00:00:00.000Z';
  const items = Array.from({ length: 20 }, (_, i) => ({
    id: i + 1,
    value: `item ${i}`,
    done: false,
    created_at: at,
    updated_at: at,
  }));
  return JSON.stringify({ todo_items: items });
}

function floor(): RouteHandler {
  const body = floorBody();
  // A fresh Response per request (a body can be read once), the same headers as the API's.
  return async () =>
    new Response(body, {
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
}

const absent = withRequest(async () => {
  throw new ApiError('not_found', 'There is nothing here.');
});

/** `GET /api/health/floor`: the floor in the benchmark's build, 404 in every other. */
export const benchFloor: RouteHandler = BENCH_FLOOR_BUILD ? floor() : absent;
