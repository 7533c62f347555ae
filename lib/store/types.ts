/**
 * The storage boundary, in the domain's terms: a backend sees only the verified principal and
 * plain values — never a request, a token or the API's JSON shapes (lib/http/wire.ts builds those)
 * — so the three backends (embedded SQLite, KV over Upstash REST, Redis) are interchangeable.
 */

import type { Principal } from '../principal';
import { processBrand } from '../process-singleton';

/** One to-do item. Timestamps are ISO-8601 strings, as stored. */
export interface Todo {
  readonly id: number;
  readonly value: string;
  readonly done: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface TodoPatch {
  value?: string;
  done?: boolean;
}

/** What a change to one item returns: the item as it is now and the user's whole list. */
export interface Changed {
  item: Todo;
  items: Todo[];
}

/** Every user may keep at most this many items (docs/api.md, 409 `limit_reached`). */
export { MAX_ITEMS_PER_USER } from '../limits';

/** How long an `Idempotency-Key` is remembered per user (docs/api.md). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * How many `Idempotency-Key`s are remembered per user, newest first (docs/api.md, v3): an older
 * key is forgotten even within its 24 h, so that one user cannot make the store keep ~170k keys a
 * day at the default write limit. @default 1000
 */
export const MAX_IDEMPOTENCY_KEYS_PER_USER = 1000;

/** What `add` returns: a new item, or for a repeated `Idempotency-Key` the original. */
export interface Added {
  /** False when the key was seen before: nothing was added. */
  created: boolean;
  /** The item the add (or the key's first use) created; null if it has been deleted since. */
  item: Todo | null;
  items: Todo[];
}

/** What clearing completed items returns. */
export interface Cleared {
  deleted: number;
  items: Todo[];
}

/**
 * A per-user request budget, checked and counted inside the same store call as the request's
 * work, so it holds across instances at no extra round trip (docs/stores.md). `null` where a call
 * is not a user's request (the deletion webhook, tests arranging data).
 */
export interface Quota {
  readonly kind: 'read' | 'write';
  readonly perMinute: number;
}

export type StoreErrorCode = 'not_found' | 'limit_reached' | 'rate_limited' | 'store_unavailable';

const brand = processBrand('StoreError');

/** A store failure the HTTP layer maps to a status; `cause` keeps the backend's own error. */
export class StoreError extends Error {
  /** Also true for a StoreError from another route bundle (the store is shared). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return brand.has(value);
  }

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: ErrorOptions & {
      /** For `rate_limited` and `store_unavailable`: seconds until a retry may succeed. */
      retryAfterSeconds?: number;
    },
  ) {
    super(message, options);
    this.name = 'StoreError';
    this.retryAfterSeconds = options?.retryAfterSeconds;
    brand.mark(this);
  }

  readonly retryAfterSeconds: number | undefined;
}

/**
 * One user's list, their request budget bound in (`quota`, or none). Each method is one store
 * call, atomic on its own (one transaction or one script, the quota check included), so
 * concurrent requests can neither lose a write, reuse an id, nor pass the item cap or the rate
 * limit. With a quota, every method throws `rate_limited` (with `retryAfterSeconds`) before
 * doing any work when the user is over it.
 */
export interface UserTodos {
  /** The items, oldest first. */
  list(): Promise<Todo[]>;
  /**
   * Appends an item (value already validated and trimmed); throws `limit_reached` at the cap.
   * With `idempotencyKey`, a repeat of a key used in the last 24 h adds nothing and answers the
   * first add's item (checked before the cap), as long as it is among the user's newest
   * MAX_IDEMPOTENCY_KEYS_PER_USER keys.
   */
  add(value: string, idempotencyKey?: string): Promise<Added>;
  /** Applies a non-empty patch; throws `not_found` when the user has no such item. */
  update(id: number, patch: TodoPatch): Promise<Changed>;
  /** Removes an item and returns the list; throws `not_found` when there is no such item. */
  remove(id: number): Promise<Todo[]>;
  /** Sets every item's `done`; only items that change get a new `updatedAt` (toggle all). */
  setAllDone(done: boolean): Promise<Todo[]>;
  /** Removes every done item (clear completed). */
  removeDone(): Promise<Cleared>;
  /**
   * "Delete all my data": erases the items and idempotency keys; only the id counter stays, so
   * ids are never reused. Returns how many items were erased.
   */
  eraseOwnData(): Promise<number>;
}

/** A backend: users' lists, plus what is not one user's request. */
export interface TodoStore {
  /** `user`'s list; every call counts against `quota` (null: not a user's request, e.g. tests). */
  forUser(user: Principal, quota: Quota | null): UserTodos;
  /**
   * The deletion webhook: erases everything stored for the user, id counter and rate-limit
   * state included. Returns how many items were erased; erasing an unknown user returns 0.
   */
  eraseUser(user: Principal): Promise<number>;
  /** A cheap round trip proving the backend answers (for `/api/health`). */
  ping(): Promise<void>;
}
