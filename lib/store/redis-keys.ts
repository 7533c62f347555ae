/**
 * The key layout the KV and Redis stores share (docs/stores.md). Every key of one user carries the
 * same hash tag, `{<subdomain>:<userId>}`, so each script touches a single slot: the layout works
 * unchanged on Redis Cluster, and a script can declare all of its keys in KEYS.
 *
 *   <prefix>:{<sub>:<uid>}:items     hash    id → record (the item as JSON, see redis-scripts.ts)
 *   <prefix>:{<sub>:<uid>}:seq       string  last id handed out; never decremented
 *   <prefix>:{<sub>:<uid>}:idem      hash    Idempotency-Key → id of the item its add created
 *   <prefix>:{<sub>:<uid>}:idem-exp  zset    Idempotency-Key → expiry (server ms); pruned by adds
 *   <prefix>:{<sub>:<uid>}:reads     list    server ms of the reads counted in the last minute
 *   <prefix>:{<sub>:<uid>}:writes    list    the same for writes
 */
import type { Principal } from '../principal';

/** The keys of one user, in the order every script receives them as KEYS[1..6]. */
export interface UserKeys {
  readonly items: string;
  readonly seq: string;
  readonly idem: string;
  readonly idemExpiry: string;
  readonly reads: string;
  readonly writes: string;
}

/** A Zendesk subdomain as lib/config.ts accepts it: nothing that could reshape a key or a tag. */
const SAFE_SUBDOMAIN = /^[a-z0-9][a-z0-9-]*$/;

/** The default first segment of every key. */
export const DEFAULT_KEY_PREFIX = 'hc-todo';

/** The hash-tagged keys of `user` under `prefix`; throws TypeError for an unverified principal. */
export function userKeys(user: Principal, prefix: string = DEFAULT_KEY_PREFIX): UserKeys {
  if (!SAFE_SUBDOMAIN.test(user.subdomain) || !Number.isSafeInteger(user.userId)) {
    throw new TypeError('The store needs a verified principal (subdomain, integer userId).');
  }
  const base = `${prefix}:{${user.subdomain}:${user.userId}}`;
  return {
    items: `${base}:items`,
    seq: `${base}:seq`,
    idem: `${base}:idem`,
    idemExpiry: `${base}:idem-exp`,
    reads: `${base}:reads`,
    writes: `${base}:writes`,
  };
}

/** The keys as the KEYS array of a script. */
export function keyList(keys: UserKeys): string[] {
  return [keys.items, keys.seq, keys.idem, keys.idemExpiry, keys.reads, keys.writes];
}
