/**
 * The KV store: Upstash Redis over its REST API (what Vercel's Redis/KV integration provides).
 * Only the transport lives here; the scripts, key layout and replies are shared with the Redis
 * store (script-store.ts, redis-scripts.ts, redis-keys.ts).
 *
 * Every store call is exactly one HTTP request: one EVAL. EVAL rather than EVALSHA: EVALSHA
 * would save a few KB of upload per call but costs a second request (NOSCRIPT, then EVAL)
 * whenever the server's script cache is cold — a fresh or failed-over database, a deploy that
 * changed a script — and Redis compiles a script sent with EVAL once and caches it by its SHA.
 */
import { Redis } from '@upstash/redis';
import { describeFailure } from './describe-failure';
import { createScriptStore } from './script-store';
import type { RedisScriptTransport } from './script-store';
import { withKeyLocking } from './upstash-key-locking';
import { StoreError } from './types';
import type { TodoStore } from './types';

export interface UpstashStoreOptions {
  /** The REST endpoint, `KV_REST_API_URL`. */
  readonly url: string;
  /** The REST token, `KV_REST_API_TOKEN`. */
  readonly token: string;
  /**
   * Per-request deadline in milliseconds; past it the call fails with `store_unavailable`.
   * Requests are never retried (a retried EVAL could add an item twice), so this bounds a call.
   * @default 2500
   */
  readonly timeoutMs?: number;
  /** First segment of every key; tests use their own. @default 'hc-todo' */
  readonly keyPrefix?: string;
}

/** Creates the KV store. No request is made until the first call. */
export function createUpstashStore(opts: UpstashStoreOptions): TodoStore {
  return createScriptStore(createUpstashTransport(opts), { keyPrefix: opts.keyPrefix });
}

function createUpstashTransport(opts: UpstashStoreOptions): RedisScriptTransport {
  const timeoutMs = opts.timeoutMs ?? 2500;
  if (!opts.url || !opts.token) throw new TypeError('createUpstashStore needs a url and a token');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError('createUpstashStore: timeoutMs must be a positive number');
  }

  const redis = new Redis({
    url: opts.url,
    token: opts.token,
    // One request per call, no more: no batching across calls, no retries, no extra logging.
    enableAutoPipelining: false,
    retry: { retries: 0 },
    latencyLogging: false,
    enableTelemetry: false,
    // We parse our records ourselves; the client would JSON.parse every string it receives.
    automaticDeserialization: false,
    // A function, not an AbortSignal: with a fixed signal the 1.39 client turns an abort into a
    // fake 200 `{result: "Aborted"}`; with a function it rethrows the abort.
    signal: () => AbortSignal.timeout(timeoutMs),
  });

  /** Runs the one request of a call; any transport or server failure becomes a 503. */
  const request = async <T>(op: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      console.error(`[hc-todo] kv store ${op} failed: ${describeFailure(error, masker(opts))}`);
      throw new StoreError('store_unavailable', 'The to-do store is unavailable.', {
        cause: error,
      });
    }
  };

  return {
    // Per-key locks on Upstash, not its global one: see upstash-key-locking.ts.
    eval: (script, keys, args, op) =>
      request(op, () => redis.eval<string[], unknown>(withKeyLocking(script), keys, args)),
    async ping() {
      const pong = await request('ping', () => redis.ping());
      if (pong !== 'PONG') {
        throw new StoreError('store_unavailable', 'The to-do store answered oddly.');
      }
    },
  };
}

/**
 * Blanks the token and URL (the URL could carry credentials) and cuts off the client's
 * "command was: […]" echo, which holds the to-do text.
 */
function masker(secrets: { url: string; token: string }): (text: string) => string {
  return (text) =>
    text
      .replace(/, command was: [\s\S]*$/, '')
      .split(secrets.token)
      .join('[token]')
      .split(secrets.url)
      .join('[url]');
}
