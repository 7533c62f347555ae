/**
 * The storage boundary. A backend sees only the verified principal and plain values — never a
 * request or a token — so the two backends (embedded SQLite, Upstash Redis) are interchangeable.
 */

/** Who owns the data: one help center user of one Zendesk account. */
export interface Principal {
  readonly subdomain: string;
  readonly userId: number;
}

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
export const MAX_ITEMS_PER_USER = 500;

export type StoreErrorCode = 'not_found' | 'limit_reached' | 'store_unavailable';

/** A store failure the HTTP layer maps to a status; `cause` keeps the backend's own error. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/**
 * One call per API request: each method is atomic on its own (one transaction or one script),
 * so concurrent requests can neither lose a write, reuse an id, nor pass the item cap.
 */
export interface TodoStore {
  readonly kind: 'embedded' | 'kv';
  /** The user's items, oldest first. */
  list(user: Principal): Promise<TodoItem[]>;
  /** Appends an item (value already validated and trimmed); throws `limit_reached` at the cap. */
  add(user: Principal, value: string): Promise<Change>;
  /** Applies a non-empty patch; throws `not_found` when the user has no such item. */
  update(user: Principal, id: number, patch: TodoPatch): Promise<Change>;
  /** Removes an item; throws `not_found` when the user has no such item. */
  remove(user: Principal, id: number): Promise<TodoItem[]>;
  /** A cheap round trip proving the backend answers (for `/api/health`). */
  ping(): Promise<void>;
}
