/**
 * Verdicts on tokens already verified, so a widget that sends the same token with every request
 * costs one RSA signature check per token, not one per request.
 *
 * A cached verdict is only a shortcut: it answers "accepted" exactly when a fresh verification
 * would, and otherwise gets out of the way so the fresh verification gives the refusal.
 * - Key: SHA-256 of the token together with its verification scope (the options a verdict depends
 *   on), so the token itself is never kept as a key and two configurations never share verdicts.
 * - Expiry: an entry is used while `exp > now - tolerance`, jose's own test with the same 30 s
 *   tolerance and the same whole-second clock; from the first second jose would answer
 *   `token_expired` the entry is dropped and the fresh verification answers.
 * - Keys: on every hit the key set is asked for the entry's kid again. That is a Map lookup, and
 *   it keeps the key set's rules in force for cached tokens too: a kid dropped by a refresh, a
 *   kid whose key changed, or a set past its stale-if-error age no longer matches, and the key
 *   set's background refresh still runs when its set grows old.
 * - Bounded: least recently used first out, at `maxEntries`.
 */
import { createHash } from 'node:crypto';
import type { Principal } from '../principal';
import { CLOCK_TOLERANCE_SECONDS } from './clock-tolerance';
import type { KeySet } from './key-set';
import { processSingleton } from '../process-singleton';

export interface TokenCacheOptions {
  /** Entries kept; the least recently used goes first. @default 4096 */
  readonly maxEntries?: number;
  /** Seconds of clock skew accepted on `exp`; keep it verification's. @default 30 */
  readonly toleranceSeconds?: number;
  /** The clock in ms; tests pass a fake one. @default Date.now */
  readonly now?: () => number;
}

/** What a successful verification established about a token. */
export interface Verdict {
  readonly principal: Principal;
  /** The token's `exp`, in seconds since the epoch. */
  readonly exp: number;
  /** The token's `nbf`, if it has one: a verdict is only kept once it has passed. */
  readonly nbf?: number;
  /** The kid that verified it, and the very key the key set gave for it. */
  readonly kid: string;
  readonly key: CryptoKey;
}

export interface TokenCache {
  /** The principal of a cached, still-acceptable verdict for `token` in `scope`; else undefined. */
  lookup(token: string, scope: string, keySet: KeySet): Promise<Principal | undefined>;
  /** Remembers a successful verification (not kept if `nbf` has not passed yet). */
  remember(token: string, scope: string, verdict: Verdict): void;
  /** Entries held, expired ones not yet dropped included. */
  readonly size: number;
}

class LruTokenCache implements TokenCache {
  private readonly entries = new Map<string, Verdict>();
  private readonly maxEntries: number;
  private readonly tolerance: number;
  private readonly now: () => number;

  constructor(opts: TokenCacheOptions) {
    this.maxEntries = opts.maxEntries ?? 4096;
    this.tolerance = opts.toleranceSeconds ?? CLOCK_TOLERANCE_SECONDS;
    this.now = opts.now ?? ((): number => Date.now());
    if (!Number.isSafeInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new TypeError('createTokenCache: maxEntries must be a positive integer');
    }
  }

  get size(): number {
    return this.entries.size;
  }

  async lookup(token: string, scope: string, keySet: KeySet): Promise<Principal | undefined> {
    const id = entryId(token, scope);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (!this.acceptsExp(entry.exp) || !(await this.keyStillPublished(entry, keySet))) {
      this.entries.delete(id);
      return undefined;
    }
    // Most recently used goes last: a Map iterates in insertion order.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.principal;
  }

  remember(token: string, scope: string, verdict: Verdict): void {
    // Accepted within the nbf tolerance is fine once; cached only when plainly valid.
    if (verdict.nbf !== undefined && verdict.nbf > this.seconds()) return;
    if (!this.acceptsExp(verdict.exp)) return;
    const id = entryId(token, scope);
    this.entries.delete(id);
    this.entries.set(id, verdict);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** jose's test (`exp <= now - tolerance` is expired), on the same whole-second clock. */
  private acceptsExp(exp: number): boolean {
    return exp > this.seconds() - this.tolerance;
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** The key set still gives the same key for the kid; any refusal from it ends the entry. */
  private async keyStillPublished(entry: Verdict, keySet: KeySet): Promise<boolean> {
    try {
      return (await keySet.getKey({ kid: entry.kid })) === entry.key;
    } catch {
      return false; // the fresh verification that follows gives the key set's own answer
    }
  }
}

/** SHA-256 over scope and token: fixed-size keys, and no token held as a key in memory. */
function entryId(token: string, scope: string): string {
  return createHash('sha256').update(scope).update('\0').update(token).digest('base64url');
}

/** A cache of its own; tests inject a clock and a small bound. */
export function createTokenCache(opts: TokenCacheOptions = {}): TokenCache {
  return new LruTokenCache(opts);
}

/**
 * The process-wide cache every verification shares unless given its own: one per process, not
 * per route bundle, so a token verified by one route is not verified again by the next.
 */
export function sharedTokenCache(): TokenCache {
  return processSingleton('token-cache', () => createTokenCache());
}
