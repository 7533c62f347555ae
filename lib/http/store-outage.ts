/**
 * A process-wide note of the last time a request found the store unavailable, so `/api/health`
 * does not keep reporting a shared "ok" ping that real traffic has just contradicted. Process-wide
 * (not per route bundle): the to-do routes note it, the health route reads it.
 */
import { processSingleton } from '../process-singleton';

const outage = processSingleton('store-outage', () => ({ at: -Infinity }));

/** Records that a request just got `store_unavailable`. */
export function noteStoreOutage(now: number = Date.now()): void {
  outage.at = now;
}

/** When a request last got `store_unavailable` (ms since the epoch), or -Infinity. */
export function lastStoreOutage(): number {
  return outage.at;
}
