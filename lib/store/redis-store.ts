/**
 * The Redis store: `REDIS_URL` (redis:// or rediss://, Redis 6.2+ or Valkey) over one TCP
 * connection per process, with ioredis. Scripts, key layout and replies are shared with the KV
 * store (script-store.ts); this file is only the transport, and it is strict on purpose:
 *
 * - Nothing is ever sent twice. ioredis by default queues commands while disconnected and
 *   re-sends unanswered ones after a reconnect; for a script that adds an item that would be a
 *   duplicate. So: no offline queue, no resend, no automatic reconnect loop. A call that finds
 *   the connection down opens it (one shared attempt) within its own deadline.
 * - Every call has one deadline (connect included). A call whose deadline passes before its
 *   script was written never writes it later; one that passed after may have been applied —
 *   the contract's "repeat it with the same Idempotency-Key". A connection that has answered
 *   nothing for a whole deadline is then dropped, so a stalled server cannot hold every later
 *   call hostage; a merely busy one is kept.
 * - EVAL, not EVALSHA, for the reason given in upstash-store.ts: one command per call, always.
 */
import { Redis } from 'ioredis';
import { processSingleton } from '../process-singleton';
import { describeFailure } from './describe-failure';
import { createScriptStore } from './script-store';
import type { RedisScriptTransport } from './script-store';
import { StoreError } from './types';
import type { TodoStore } from './types';

export interface RedisStoreOptions {
  /** `REDIS_URL`: redis://[user:password@]host[:port][/db], rediss:// for TLS. */
  readonly url: string;
  /**
   * Deadline of one call in milliseconds, connecting included; past it the call fails with
   * `store_unavailable`. @default 2500
   */
  readonly timeoutMs?: number;
  /** First segment of every key; tests use their own. @default 'hc-todo' */
  readonly keyPrefix?: string;
  /**
   * Close the connection with QUIT when the process gets SIGTERM (registered once per store;
   * the app's store is one per process). @default false
   */
  readonly quitOnSigterm?: boolean;
}

/** The Redis store, plus a way to close its connection. */
export interface RedisStore extends TodoStore {
  /** Sends QUIT (pending replies still arrive) and closes the connection. */
  close(): Promise<void>;
}

/** Creates the Redis store. Nothing connects until the first call. */
export function createRedisStore(opts: RedisStoreOptions): RedisStore {
  const timeoutMs = opts.timeoutMs ?? 2500;
  if (!opts.url) throw new TypeError('createRedisStore needs a url');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError('createRedisStore: timeoutMs must be a positive number');
  }
  const connection = createConnection(opts.url, timeoutMs);
  const close = (): Promise<void> => connection.close();
  if (opts.quitOnSigterm) quitOnSigterm(close);
  const store = createScriptStore(createTransport(connection, timeoutMs, opts.url), {
    keyPrefix: opts.keyPrefix,
  });
  return { ...store, close };
}

interface Connection {
  /** The client to send on, connected; opened by at most one attempt at a time. */
  ready(): Promise<Redis>;
  /** Notes that the current connection answered (any reply, error replies included). */
  answered(): void;
  /**
   * After a missed deadline: abandons the current client, so that the next call starts afresh,
   * if it is not even connected or has answered nothing for `ms` — a stalled server. A
   * connection that is merely busy (answering others) is kept: dropping it would fail every
   * call in flight on it.
   */
  dropIfStalled(ms: number): void;
  /** The last connection error ioredis reported, for the log line. */
  lastError(): Error | undefined;
  close(): Promise<void>;
}

function createConnection(url: string, timeoutMs: number): Connection {
  let lastError: Error | undefined;
  const open = (): Redis => {
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      reconnectOnError: null,
      enableAutoPipelining: false,
      connectTimeout: timeoutMs,
      // RESP2: the shapes Upstash's REST API answers in, so one reply reader serves both stores.
      protocol: 2,
      disableClientInfo: true,
      connectionName: 'hc-todo',
    });
    // Failures surface on the call that meets them (and are logged there, with this cause);
    // without a listener ioredis would print every connection error a second time.
    client.on('error', (error: Error) => {
      lastError = error;
    });
    return client;
  };
  let client = open();
  let opening: Promise<Redis> | undefined;
  let lastAnswer = 0;

  return {
    ready() {
      if (client.status === 'ready') return Promise.resolve(client);
      if (opening) return opening;
      const current = client;
      const attempt = current
        .connect()
        .then(() => current)
        .finally(() => {
          if (opening === attempt) opening = undefined; // not a newer client's attempt
        });
      opening = attempt;
      return attempt;
    },
    answered() {
      lastAnswer = Date.now();
    },
    dropIfStalled(ms) {
      if (client.status === 'ready' && Date.now() - lastAnswer < ms) return;
      const stale = client;
      client = open();
      opening = undefined;
      stale.disconnect();
    },
    lastError: () => lastError,
    async close() {
      // A later call gets a new client: reconnecting the closed one races with its own close.
      const closing = client;
      client = open();
      opening = undefined;
      if (closing.status === 'ready') await closing.quit().catch(() => closing.disconnect());
      else closing.disconnect();
    },
  };
}

class DeadlineError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

function createTransport(
  connection: Connection,
  timeoutMs: number,
  url: string,
): RedisScriptTransport {
  /** Runs `send` once the connection is up, unless the deadline passed first. */
  const call = async <T>(op: string, send: (client: Redis) => Promise<T>): Promise<T> => {
    let expired = false;
    let timer: NodeJS.Timeout | undefined;
    const work = (async () => {
      const client = await connection.ready();
      if (expired) throw new DeadlineError(timeoutMs); // never sent: nothing written
      try {
        return await send(client);
      } finally {
        connection.answered();
      }
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        reject(new DeadlineError(timeoutMs));
      }, timeoutMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      if (error instanceof DeadlineError) {
        work.catch(() => {}); // settles later, or when a dropped connection closes
        connection.dropIfStalled(timeoutMs);
      }
      const cause = failureLine(error, url, connection.lastError());
      console.error(`[hc-todo] redis store ${op} failed: ${cause}`);
      throw new StoreError('store_unavailable', 'The to-do store is unavailable.', {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    eval: (script, keys, args, op) =>
      call(op, (client) => client.eval(script, keys.length, ...keys, ...args)),
    async ping() {
      const pong = await call('ping', (client) => client.ping());
      if (pong !== 'PONG') {
        throw new StoreError('store_unavailable', 'The to-do store answered oddly.');
      }
    },
  };
}

const sigterm = processSingleton('redis-store.sigterm', () => ({ hooked: false }));

/**
 * `next start` exits on SIGTERM after closing its HTTP server; this lets the connection say
 * QUIT first. Registered once per process. If nobody else handles SIGTERM (a custom server with
 * NEXT_MANUAL_SIG_HANDLE), the signal is raised again so the process still ends.
 */
function quitOnSigterm(close: () => Promise<void>): void {
  if (sigterm.hooked) return;
  sigterm.hooked = true;
  process.once('SIGTERM', () => {
    void close().finally(() => {
      if (process.listenerCount('SIGTERM') === 0) process.kill(process.pid, 'SIGTERM');
    });
  });
}

/** Blanks the URL's password and the URL itself, wherever a message repeats them. */
function masker(url: string): (text: string) => string {
  const password = URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '';
  return (text) =>
    (password ? text.split(password).join('[password]') : text).split(url).join('[url]');
}

/**
 * ioredis rejects a failed connect with a bare "Connection is closed."; the reason
 * (ECONNREFUSED, …) came as an event, so it is added to the line.
 */
function failureLine(error: unknown, url: string, lastError: Error | undefined): string {
  const closed = lastError && error instanceof Error && /Connection is closed/.test(error.message);
  return describeFailure(error, masker(url), closed ? [lastError] : []);
}
