/**
 * One JSON line per API request on stdout — what a log drain (Vercel, Docker, journald) indexes.
 * It says who asked only as a salted hash: enough to follow one user's requests within a process,
 * useless to anyone reading the log later. Never a token, an email, item text or a secret.
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { Principal } from '../principal';
import { processSingleton } from '../process-singleton';

export interface RequestLogEntry {
  readonly requestId: string;
  readonly method: string;
  /** The route pattern (`/api/todo_items/[id]`), never the raw URL (no query, no ids). */
  readonly route: string;
  readonly status: number;
  readonly durationMs: number;
  /** The configured store kind; absent when the configuration is broken. */
  readonly store?: string;
  /** The verified user, hashed before writing; absent when no token was verified. */
  readonly user?: Principal;
  /** The error code of an error answer. */
  readonly code?: string;
  /** Route-specific fields (e.g. a webhook's event type); never text a user typed or a secret. */
  readonly extra?: Readonly<Record<string, string | number | boolean>>;
}

// One salt per process (not per route bundle, or the same user would get a different hash per
// route), never logged or persisted. A user's hash never changes within the process, and most
// requests come from a user seen a moment ago: the last HASHES_KEPT hashes are kept (oldest
// dropped first) so a request costs a Map lookup instead of an HMAC.
const HASHES_KEPT = 1024;
const users = processSingleton('request-log.users', () => ({
  salt: randomBytes(32),
  hashes: new Map<string, string>(),
}));

/** The user as HMAC-SHA256(per-process salt, "subdomain:userId"), 32 hex digits. */
export function hashUser(user: Principal): string {
  const id = `${user.subdomain}:${user.userId}`;
  const { salt, hashes } = users;
  let hash = hashes.get(id);
  if (hash === undefined) {
    hash = createHmac('sha256', salt).update(id).digest('hex').slice(0, 32);
    if (hashes.size >= HASHES_KEPT) hashes.delete(hashes.keys().next().value!);
    hashes.set(id, hash);
  }
  return hash;
}

/** The log line for `entry`, without the trailing newline (exported for tests). */
export function formatRequestLog(entry: RequestLogEntry, now: Date = new Date()): string {
  return JSON.stringify({
    // First, so that no route-specific field can overwrite a standard one.
    ...entry.extra,
    time: now.toISOString(),
    level: entry.status >= 500 ? 'error' : 'info',
    request_id: entry.requestId,
    method: entry.method,
    route: entry.route,
    status: entry.status,
    duration_ms: Math.round(entry.durationMs * 10) / 10,
    store: entry.store,
    user: entry.user && hashUser(entry.user),
    code: entry.code,
  });
}

// Lines of requests answered in this turn of the event loop, written together at its end: stdout
// to a pipe or file is a blocking write(2) on Linux, and under load one per request showed as the
// largest cost of ours in the profile. Still one line per request, in order, at most one turn
// late; the 'exit' hook writes what is pending when the server stops (SIGTERM included).
// The buffer, and its one 'exit' hook, are process-wide so that lines stay in order and no route
// bundle adds a listener of its own.
const pending = processSingleton('request-log.pending', () => {
  process.once('exit', () => flush());
  return { lines: [] as string[] };
});

function flush(): void {
  if (pending.lines.length === 0) return;
  const text = pending.lines.join('');
  pending.lines.length = 0;
  process.stdout.write(text);
}

/** Writes `entry` as one line on stdout (with the other lines of this event-loop turn). */
export function logRequest(entry: RequestLogEntry): void {
  if (pending.lines.length === 0) setImmediate(flush);
  pending.lines.push(`${formatRequestLog(entry)}\n`);
}

/**
 * The route pattern of a request: each path segment that is a route parameter's value becomes
 * `[name]`, so `/api/todo_items/42` logs as `/api/todo_items/[id]`.
 */
export function routePattern(pathname: string, params: Readonly<Record<string, string>>): string {
  const names = new Map(
    Object.entries(params)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => [value, name]),
  );
  return pathname
    .split('/')
    .map((segment) => {
      const name = names.get(segment) ?? names.get(safeDecode(segment));
      return name === undefined ? segment : `[${name}]`;
    })
    .join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
