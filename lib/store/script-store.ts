/**
 * One store core for KV (Upstash REST) and Redis (TCP): both run the same Lua scripts on the
 * same key layout and differ only in the transport that carries a script to the server. Every
 * store call is exactly one script — one round trip, the rate limit included.
 */
import { keyList, userKeys, DEFAULT_KEY_PREFIX } from './redis-keys';
import {
  ADD_SCRIPT,
  ERASE_OWN_DATA_SCRIPT,
  ERASE_USER_SCRIPT,
  LIST_SCRIPT,
  REMOVE_DONE_SCRIPT,
  REMOVE_SCRIPT,
  SET_ALL_DONE_SCRIPT,
  UPDATE_SCRIPT,
} from './redis-scripts';
import { rateLimited } from './local-quota';
import { readRecord } from './record-format';
import {
  IDEMPOTENCY_TTL_SECONDS,
  MAX_IDEMPOTENCY_KEYS_PER_USER,
  MAX_ITEMS_PER_USER,
  StoreError,
} from './types';
import type { Principal } from '../principal';
import type { Quota, Todo, TodoStore, UserTodos } from './types';

/** What a backend must provide: one script per call, and a cheap liveness check. */
export interface RedisScriptTransport {
  /**
   * Runs `script` once with `keys` and `args` in one round trip and resolves its reply (RESP2
   * shapes: arrays, strings, integers). Never retried. Any transport or server failure rejects
   * with StoreError `store_unavailable`; `op` names the call in the log line.
   */
  eval(script: string, keys: string[], args: string[], op: string): Promise<unknown>;
  /** One PING; rejects with StoreError `store_unavailable`. */
  ping(): Promise<void>;
}

export interface ScriptStoreOptions {
  /** First segment of every key; tests use their own. @default 'hc-todo' */
  readonly keyPrefix?: string;
}

interface Reply {
  status: 'ok' | 'repeat';
  n: number;
  touched: Todo | null;
  items: Todo[];
}

/** The TodoStore on top of `transport`. */
export function createScriptStore(
  transport: RedisScriptTransport,
  opts: ScriptStoreOptions = {},
): TodoStore {
  const prefix = opts.keyPrefix ?? DEFAULT_KEY_PREFIX;

  const run = async (
    op: string,
    script: string,
    user: Principal,
    quota: Quota | null,
    args: string[] = [],
    id?: number,
  ): Promise<Reply> => {
    const keys = keyList(userKeys(user, prefix));
    const head = [quota?.kind ?? '', String(quota?.perMinute ?? 0), String(Date.now())];
    const raw = await transport.eval(script, keys, [...head, ...args], op);
    return readReply(raw, quota, id);
  };

  const now = (): string => new Date().toISOString();

  const forUser = (user: Principal, quota: Quota | null): UserTodos => ({
    async list() {
      return (await run('list', LIST_SCRIPT, user, quota)).items;
    },

    async add(value, idempotencyKey) {
      const args = [
        now(),
        value, // raw: the script escapes it (record-format.ts)
        idempotencyKey ?? '',
        String(MAX_ITEMS_PER_USER),
        String(IDEMPOTENCY_TTL_SECONDS * 1000),
        String(MAX_IDEMPOTENCY_KEYS_PER_USER),
      ];
      const reply = await run('add', ADD_SCRIPT, user, quota, args);
      if (reply.status === 'ok' && !reply.touched) throw unreadable('add reply');
      return { created: reply.status === 'ok', item: reply.touched, items: reply.items };
    },

    async update(id, patch) {
      const done = patch.done === undefined ? '' : String(patch.done);
      // An absent ARGV[7] keeps the value: '' would be a value of its own.
      const value = patch.value === undefined ? [] : [patch.value];
      const args = [now(), String(id), done, ...value];
      const reply = await run('update', UPDATE_SCRIPT, user, quota, args, id);
      if (!reply.touched) throw unreadable('update reply');
      return { item: reply.touched, items: reply.items };
    },

    async remove(id) {
      return (await run('remove', REMOVE_SCRIPT, user, quota, [String(id)], id)).items;
    },

    async setAllDone(done) {
      const args = [now(), String(done)];
      return (await run('setAllDone', SET_ALL_DONE_SCRIPT, user, quota, args)).items;
    },

    async removeDone() {
      const reply = await run('removeDone', REMOVE_DONE_SCRIPT, user, quota);
      return { deleted: reply.n, items: reply.items };
    },

    async eraseOwnData() {
      return (await run('eraseOwnData', ERASE_OWN_DATA_SCRIPT, user, quota)).n;
    },
  });

  return {
    forUser,

    async eraseUser(user) {
      return (await run('eraseUser', ERASE_USER_SCRIPT, user, null)).n;
    },

    ping: () => transport.ping(),
  };
}

/** Turns a script's answer into a Reply, or throws the StoreError it stands for. */
function readReply(raw: unknown, quota: Quota | null, id?: number): Reply {
  if (!Array.isArray(raw)) throw unreadable('script reply');
  const [status, n, touched, ...records] = raw as unknown[];
  const count = Number(n);
  switch (status) {
    case 'ok':
    case 'repeat':
      if (!Number.isSafeInteger(count) || typeof touched !== 'string') throw unreadable('reply');
      return {
        status,
        n: count,
        touched: touched === '' ? null : readRecord(touched),
        items: readList(records),
      };
    case 'not_found':
      throw new StoreError('not_found', `There is no to-do item ${id ?? ''}.`);
    case 'limit_reached':
      throw new StoreError('limit_reached', `You already have ${MAX_ITEMS_PER_USER} to-do items.`);
    case 'rate_limited':
      if (!quota || !Number.isFinite(count)) throw unreadable('rate_limited reply');
      // The same rounding as the embedded store (local-quota.ts).
      throw rateLimited(quota, Math.max(1, Math.ceil(count / 1000)));
    default:
      throw unreadable('script status');
  }
}

/** Records in a hash come back in no particular order; the contract lists oldest (lowest id) first. */
function readList(records: unknown[]): Todo[] {
  return records.map(readRecord).sort((a, b) => a.id - b.id);
}

/** Not a StoreError: bad data in our own keys is a bug to see as a 500, not an outage. */
const unreadable = (what: string): Error => new Error(`[hc-todo] redis store: unreadable ${what}`);
