/**
 * A process-wide note of the last time a request found the store unavailable, so `/api/health`
 * does not keep reporting a shared "ok" ping that real traffic has just contradicted. On
 * globalThis because Next bundles each route separately: the to-do routes and the health route
 * would otherwise each see their own copy of this module.
 */
const KEY = Symbol.for('hc-todo.store-outage');
const globals = globalThis as typeof globalThis & { [KEY]?: number };

/** Records that a request just got `store_unavailable`. */
export function noteStoreOutage(now: number = Date.now()): void {
  globals[KEY] = now;
}

/** When a request last got `store_unavailable` (ms since the epoch), or -Infinity. */
export function lastStoreOutage(): number {
  return globals[KEY] ?? -Infinity;
}
