/**
 * The embedded store's rate limit: a sliding log per user and kind, kept in this process's
 * memory (one machine; docs/stores.md). "At most N in any 60 s" holds exactly — there is no window
 * boundary at which a user gets 2× — and a refused request is not counted.
 * The KV and Redis stores keep the same log in the store itself (see redis-scripts.ts).
 */
import type { Principal } from '../principal';
import type { Quota } from './types';
import { StoreError } from './types';

/** The span a quota's `perMinute` counts over. */
export const QUOTA_WINDOW_MS = 60_000;

export interface LocalQuotas {
  /** Counts one request, or throws `rate_limited` with the wait until one is allowed. */
  take(user: Principal, quota: Quota | null, now?: number): void;
  /** Forgets a user's logs (the deletion webhook). */
  forget(user: Principal): void;
}

/** The message a refused request carries, shared by every store. */
export function rateLimited(quota: Quota, retryAfterSeconds: number): StoreError {
  return new StoreError(
    'rate_limited',
    `Too many requests: at most ${quota.perMinute} ${quota.kind}s a minute. Try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );
}

export function createLocalQuotas(): LocalQuotas {
  /** Times (ms) of the requests counted in the last window, oldest first. */
  const logs = new Map<string, number[]>();
  let lastSweep = 0;

  const keyOf = (user: Principal, kind: Quota['kind']): string =>
    `${user.subdomain}:${user.userId}:${kind}`;

  /** Drops idle logs at most once a window, so memory follows active users only. */
  const sweep = (now: number): void => {
    if (now - lastSweep < QUOTA_WINDOW_MS) return;
    lastSweep = now;
    for (const [key, log] of logs) {
      if (log.length === 0 || now - log[log.length - 1]! >= QUOTA_WINDOW_MS) logs.delete(key);
    }
  };

  return {
    take(user, quota, now = Date.now()) {
      if (!quota) return;
      sweep(now);
      const key = keyOf(user, quota.kind);
      const log = logs.get(key) ?? [];
      let expired = 0;
      while (expired < log.length && now - log[expired]! >= QUOTA_WINDOW_MS) expired++;
      if (expired > 0) log.splice(0, expired);
      if (log.length >= quota.perMinute) {
        const waitMs = log[log.length - quota.perMinute]! + QUOTA_WINDOW_MS - now;
        throw rateLimited(quota, Math.max(1, Math.ceil(waitMs / 1000)));
      }
      log.push(now);
      logs.set(key, log);
    },
    forget(user) {
      logs.delete(keyOf(user, 'read'));
      logs.delete(keyOf(user, 'write'));
    },
  };
}
