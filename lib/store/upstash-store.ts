/**
 * The KV store: Upstash Redis over its REST API (what Vercel's Redis/KV integration provides).
 *
 * Key layout, per user (subdomain, userId) — `{…}` are placeholders, not Redis hash tags:
 *   hc-todo:{subdomain}:{userId}:items  hash   id → record (the item as JSON, see upstash-scripts.ts)
 *   hc-todo:{subdomain}:{userId}:seq    string last id handed out; never decremented, so ids are
 *                                              never reused (it outlives the user's last item)
 *
 * Every store call is exactly one HTTP request: `list` is one HVALS, each mutation one EVAL of a
 * small script (atomic in Redis, so the 500-item cap, the counter and read-modify-write cannot
 * race). EVAL rather than EVALSHA: EVALSHA would save 0.5–0.9 KB of upload per mutation but costs
 * a second request (NOSCRIPT, then EVAL) whenever the server's script cache is cold — a fresh or
 * failed-over database, a deploy that changed a script — and Redis compiles a script sent with
 * EVAL once and caches it by its SHA anyway.
 */
import { Redis } from '@upstash/redis';
import { ADD_SCRIPT, REMOVE_SCRIPT, UPDATE_SCRIPT } from './upstash-scripts';
import { MAX_ITEMS_PER_USER, StoreError } from './types';
import type { Change, Principal, TodoItem, TodoStore } from './types';

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

/** A Zendesk subdomain as lib/config.ts accepts it: nothing that could reshape a key. */
const SAFE_SUBDOMAIN = /^[a-z0-9][a-z0-9-]*$/;

/** Creates the KV store. No request is made until the first call. */
export function createUpstashStore(opts: UpstashStoreOptions): TodoStore {
  const timeoutMs = opts.timeoutMs ?? 2500;
  if (!opts.url || !opts.token) throw new TypeError('createUpstashStore needs a url and a token');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError('createUpstashStore: timeoutMs must be a positive number');
  }
  const prefix = opts.keyPrefix ?? 'hc-todo';

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

  const keys = (user: Principal): { items: string; seq: string } => {
    if (!SAFE_SUBDOMAIN.test(user.subdomain) || !Number.isSafeInteger(user.userId)) {
      throw new TypeError('The store needs a verified principal (subdomain, integer userId).');
    }
    const base = `${prefix}:${user.subdomain}:${user.userId}`;
    return { items: `${base}:items`, seq: `${base}:seq` };
  };

  /** Runs the one request of a call; any transport or server failure becomes a 503. */
  const request = async <T>(op: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      console.error(`[hc-todo] kv store ${op} failed: ${describeFailure(error, opts)}`);
      throw new StoreError('store_unavailable', 'The to-do store is unavailable.', {
        cause: error,
      });
    }
  };

  const mutate = async (
    op: string,
    script: string,
    k: string[],
    args: string[],
  ): Promise<Mutation> => {
    const reply = await request(op, () => redis.eval<string[], unknown>(script, k, args));
    return readMutation(reply);
  };

  // Until the shared Redis scripts land (issue #9), the v2 operations are not served on KV.
  const pending = (op: string): Promise<never> =>
    Promise.reject(new StoreError('store_unavailable', `KV: ${op} is not implemented yet.`));

  return {
    setAllDone: () => pending('setAllDone'),
    removeDone: () => pending('removeDone'),
    eraseOwnData: () => pending('eraseOwnData'),
    eraseUser: () => pending('eraseUser'),

    async list(user) {
      const { items } = keys(user);
      return readList(await request('list', () => redis.hvals(items) as Promise<unknown>));
    },

    async add(user, _quota, value) {
      const k = keys(user);
      const now = new Date().toISOString();
      const args = [String(MAX_ITEMS_PER_USER), now, JSON.stringify(value)];
      const reply = await mutate('add', ADD_SCRIPT, [k.items, k.seq], args);
      if (reply.status === 'limit_reached') {
        throw new StoreError(
          'limit_reached',
          `You already have ${MAX_ITEMS_PER_USER} to-do items.`,
        );
      }
      return { created: true, ...toChange(reply) };
    },

    async update(user, _quota, id, patch) {
      const { items } = keys(user);
      const done = patch.done === undefined ? '' : String(patch.done);
      const value = patch.value === undefined ? '' : JSON.stringify(patch.value);
      const args = [String(id), new Date().toISOString(), done, value];
      const reply = await mutate('update', UPDATE_SCRIPT, [items], args);
      if (reply.status === 'not_found') throw notFound(id);
      return toChange(reply);
    },

    async remove(user, _quota, id) {
      const { items } = keys(user);
      const reply = await mutate('remove', REMOVE_SCRIPT, [items], [String(id)]);
      if (reply.status === 'not_found') throw notFound(id);
      return reply.items;
    },

    async ping() {
      const pong = await request('ping', () => redis.ping());
      if (pong !== 'PONG') {
        throw new StoreError('store_unavailable', 'The to-do store answered oddly.');
      }
    },
  };
}

interface Mutation {
  status: 'ok' | 'not_found' | 'limit_reached';
  touched: TodoItem | undefined;
  items: TodoItem[];
}

function readMutation(reply: unknown): Mutation {
  if (!Array.isArray(reply)) throw unreadable('script reply');
  const [status, touched, ...records] = reply as unknown[];
  if (status === 'not_found' || status === 'limit_reached')
    return { status, touched: undefined, items: [] };
  if (status !== 'ok') throw unreadable('script status');
  return {
    status,
    touched: touched === '' ? undefined : readRecord(touched),
    items: readList(records),
  };
}

function toChange(reply: Mutation): Change {
  if (!reply.touched) throw unreadable('script reply');
  return { todo_item: reply.touched, todo_items: reply.items };
}

/** Records in a hash come back in no particular order; the contract lists oldest (lowest id) first. */
function readList(records: unknown): TodoItem[] {
  if (!Array.isArray(records)) throw unreadable('list reply');
  return records.map(readRecord).sort((a, b) => a.id - b.id);
}

function readRecord(raw: unknown): TodoItem {
  const r = (typeof raw === 'string' ? JSON.parse(raw) : null) as Partial<TodoItem> | null;
  if (
    typeof r?.id !== 'number' ||
    typeof r.value !== 'string' ||
    typeof r.done !== 'boolean' ||
    typeof r.created_at !== 'string' ||
    typeof r.updated_at !== 'string'
  ) {
    throw unreadable('record');
  }
  return {
    id: r.id,
    value: r.value,
    done: r.done,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

const notFound = (id: number): StoreError =>
  new StoreError('not_found', `There is no to-do item ${id}.`);

/** Not a StoreError: bad data in our own keys is a bug to see as a 500, not an outage. */
const unreadable = (what: string): Error => new Error(`[hc-todo] kv store: unreadable ${what}`);

/**
 * One log line for a failed request, without secrets or user data: the token and URL are masked
 * (the URL could carry credentials), and the client's "command was: […]" echo — which holds the
 * to-do text — is cut off.
 */
function describeFailure(error: unknown, secrets: { url: string; token: string }): string {
  const mask = (text: string): string =>
    text
      .replace(/, command was: [\s\S]*$/, '')
      .split(secrets.token)
      .join('[token]')
      .split(secrets.url)
      .join('[url]');
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(mask(`${e.name}: ${e.message}`) + (typeof code === 'string' ? ` (${code})` : ''));
  }
  return parts.length > 0 ? parts.join(' <- ') : mask(String(error));
}
