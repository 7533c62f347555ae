import type { Principal } from '../store/types';
import { ApiError } from './errors';

export type RequestKind = 'read' | 'write';

interface Window {
  start: number;
  count: number;
}

const WINDOW_MS = 60_000;
const windows = new Map<string, Window>();
let lastSweep = 0;

/**
 * Fixed one-minute windows per user and kind, kept in this process's memory: no extra store
 * round trip per request. Several server instances each enforce the limit on their own share,
 * which bounds abuse without making the store slower for everyone (see README).
 */
export function enforceRateLimit(
  user: Principal,
  kind: RequestKind,
  perMinute: number,
  now = Date.now(),
): void {
  sweep(now);
  const key = `${user.subdomain}:${user.userId}:${kind}`;
  let window = windows.get(key);
  if (!window || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 };
    windows.set(key, window);
  }
  window.count += 1;
  if (window.count > perMinute) {
    const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
    throw new ApiError(
      'rate_limited',
      `Too many requests: at most ${perMinute} ${kind}s a minute. Try again in ${retryAfter} s.`,
      { 'Retry-After': String(retryAfter) },
    );
  }
}

/** Drops finished windows at most once a minute, so memory follows active users only. */
function sweep(now: number): void {
  if (now - lastSweep < WINDOW_MS) return;
  lastSweep = now;
  for (const [key, window] of windows) {
    if (now - window.start >= WINDOW_MS) windows.delete(key);
  }
}
