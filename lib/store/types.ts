/**
 * The storage boundary. A backend sees only the verified principal and plain values — never a
 * request or a token — so the three backends (embedded SQLite, KV over Upstash REST, Redis) are
 * interchangeable.
 */

import type { Principal } from '../principal';

export interface TodoItem {
  id: number;
  value: string;
  done: boolean;
  created_at: string;
  updated_at: string;
}

export interface TodoPatch {
  value?: string;
  done?: boolean;
}

/** What every mutation returns: the item it touched and the user's whole list afterwards. */
export interface Change {
  todo_item: TodoItem;
  todo_items: TodoItem[];
}

/** Every user may keep at most this many items (CONTRACT §2, 409 `limit_reached`). */
export { MAX_ITEMS_PER_USER } from '../limits';

/** How long an `Idempotency-Key` is remembered per user (CONTRACT §2). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * How many `Idempotency-Key`s are remembered per user, newest first (CONTRACT §2, v3): an older
 * key is forgotten even within its 24 h, so that one user cannot make the store keep ~170k keys a
 * day at the default write limit. @default 1000
 */
export const MAX_IDEMPOTENCY_KEYS_PER_USER = 1000;

/** What `add` returns: a new item (201), or for a repeated `Idempotency-Key` the original (200). */
export interface Added {
  /** False when the key was seen before: nothing was added. */
  created: boolean;
  /** The item the add (or the key's first use) created; null if it has been deleted since. */
  todo_item: TodoItem | null;
  todo_items: TodoItem[];
}

/** What clearing completed items returns. */
export interface Cleared {
  deleted: number;
  todo_items: TodoItem[];
}

/**
 * A per-user request budget, checked and counted inside the same store call as the request's
 * work, so it holds across instances at no extra round trip (CONTRACT §5). `null` where a call
 * is not a user's request (the deletion webhook, tests arranging data).
 */
export interface Quota {
  readonly kind: 'read' | 'write';
  readonly perMinute: number;
}

export type StoreErrorCode = 'not_found' | 'limit_reached' | 'rate_limited' | 'store_unavailable';

/** A store failure the HTTP layer maps to a status; `cause` keeps the backend's own error. */
export class StoreError extends Error {
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
  }

  readonly retryAfterSeconds: number | undefined;
}

/**
 * One call per API request: each method is atomic on its own (one transaction or one script,
 * the quota check included), so concurrent requests can neither lose a write, reuse an id, nor
 * pass the item cap or the rate limit. Every method that takes a quota throws `rate_limited`
 * (with `retryAfterSeconds`) before doing any work when the user is over it.
 */
export interface TodoStore {
  /** The user's items, oldest first. */
  list(user: Principal, quota: Quota | null): Promise<TodoItem[]>;
  /**
   * Appends an item (value already validated and trimmed); throws `limit_reached` at the cap.
   * With `idempotencyKey`, a repeat of a key this user used in the last 24 h adds nothing and
   * answers the first add's item (checked before the cap), as long as it is among the user's
   * newest MAX_IDEMPOTENCY_KEYS_PER_USER keys.
   */
  add(user: Principal, quota: Quota | null, value: string, idempotencyKey?: string): Promise<Added>;
  /** Applies a non-empty patch; throws `not_found` when the user has no such item. */
  update(user: Principal, quota: Quota | null, id: number, patch: TodoPatch): Promise<Change>;
  /** Removes an item; throws `not_found` when the user has no such item. */
  remove(user: Principal, quota: Quota | null, id: number): Promise<TodoItem[]>;
  /** Sets every item's `done`; only items that change get a new `updated_at` (toggle all). */
  setAllDone(user: Principal, quota: Quota | null, done: boolean): Promise<TodoItem[]>;
  /** Removes every done item (clear completed). */
  removeDone(user: Principal, quota: Quota | null): Promise<Cleared>;
  /**
   * `DELETE /api/me`: erases the user's items and idempotency keys; only the id counter stays,
   * so ids are never reused. Returns how many items were erased.
   */
  eraseOwnData(user: Principal, quota: Quota | null): Promise<number>;
  /**
   * The deletion webhook: erases everything stored for the user, id counter and rate-limit
   * state included. Returns how many items were erased; erasing an unknown user returns 0.
   */
  eraseUser(user: Principal): Promise<number>;
  /** A cheap round trip proving the backend answers (for `/api/health`). */
  ping(): Promise<void>;
}
