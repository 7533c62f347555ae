/**
 * The embedded store: one SQLite file under DATA_DIR, for the dev preview and single-server
 * deployments. better-sqlite3 is synchronous, so every call below runs one IMMEDIATE transaction
 * start to finish: nothing can interleave, and a second process sharing the file waits its turn.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createLocalQuotas } from './local-quota';
import { migrateSchema } from './sqlite-schema';
import {
  IDEMPOTENCY_TTL_SECONDS,
  MAX_IDEMPOTENCY_KEYS_PER_USER,
  MAX_ITEMS_PER_USER,
  StoreError,
} from './types';
import type { Principal } from '../principal';
import type { Added, Changed, Cleared, Quota, Todo, TodoPatch, TodoStore } from './types';

interface Row {
  id: number;
  value: string;
  done: number;
  created_at: string;
  updated_at: string;
}

const toTodo = (row: Row): Todo => ({
  id: row.id,
  value: row.value,
  done: row.done === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const notFound = (id: number): StoreError =>
  new StoreError('not_found', `There is no to-do item ${id}.`);

export interface SqliteStoreOptions {
  /** Folder of the database file (`todo.sqlite3`), created when missing. */
  readonly dataDir: string;
}

/** Opens (and on first use creates) the embedded store in `dataDir`. */
export function createSqliteStore(opts: SqliteStoreOptions): TodoStore {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'todo.sqlite3');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
    db.pragma('busy_timeout = 5000');
    // Creates or upgrades the tables; refuses a file from a newer release (sqlite-schema.ts).
    migrateSchema(db, file);
  } catch (error) {
    db.close(); // a refused open keeps no handle on the file
    throw error;
  }

  const q = {
    list: db.prepare<[string, number], Row>(
      'SELECT id, value, done, created_at, updated_at FROM todo_items WHERE subdomain = ? AND user_id = ? ORDER BY id',
    ),
    get: db.prepare<[string, number, number], Row>(
      'SELECT id, value, done, created_at, updated_at FROM todo_items WHERE subdomain = ? AND user_id = ? AND id = ?',
    ),
    count: db.prepare<[string, number], { n: number }>(
      'SELECT count(*) AS n FROM todo_items WHERE subdomain = ? AND user_id = ?',
    ),
    nextId: db.prepare<[string, number], { last_id: number }>(
      `INSERT INTO todo_users (subdomain, user_id, last_id) VALUES (?, ?, 1)
       ON CONFLICT (subdomain, user_id) DO UPDATE SET last_id = last_id + 1
       RETURNING last_id`,
    ),
    insert: db.prepare(
      'INSERT INTO todo_items (subdomain, user_id, id, value, done, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
    ),
    update: db.prepare(
      'UPDATE todo_items SET value = ?, done = ?, updated_at = ? WHERE subdomain = ? AND user_id = ? AND id = ?',
    ),
    remove: db.prepare('DELETE FROM todo_items WHERE subdomain = ? AND user_id = ? AND id = ?'),
    setAllDone: db.prepare(
      'UPDATE todo_items SET done = ?, updated_at = ? WHERE subdomain = ? AND user_id = ? AND done <> ?',
    ),
    removeDone: db.prepare(
      'DELETE FROM todo_items WHERE subdomain = ? AND user_id = ? AND done = 1',
    ),
    removeAll: db.prepare('DELETE FROM todo_items WHERE subdomain = ? AND user_id = ?'),
    removeCounter: db.prepare('DELETE FROM todo_users WHERE subdomain = ? AND user_id = ?'),
    keyGet: db.prepare<[string, number, string, number], { item_id: number }>(
      'SELECT item_id FROM todo_idempotency WHERE subdomain = ? AND user_id = ? AND key = ? AND expires_at > ?',
    ),
    keyPut: db.prepare(
      'INSERT OR REPLACE INTO todo_idempotency (subdomain, user_id, key, item_id, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    keysPrune: db.prepare(
      'DELETE FROM todo_idempotency WHERE subdomain = ? AND user_id = ? AND expires_at <= ?',
    ),
    // Everything older than the newest MAX_IDEMPOTENCY_KEYS_PER_USER keys (nothing while fewer).
    keysTrim: db.prepare(
      `DELETE FROM todo_idempotency WHERE subdomain = @subdomain AND user_id = @userId AND item_id <= (
         SELECT item_id FROM todo_idempotency WHERE subdomain = @subdomain AND user_id = @userId
         ORDER BY item_id DESC LIMIT 1 OFFSET @keep)`,
    ),
    keysRemoveAll: db.prepare('DELETE FROM todo_idempotency WHERE subdomain = ? AND user_id = ?'),
  };

  const list = (u: Principal): Todo[] => q.list.all(u.subdomain, u.userId).map(toTodo);

  const add = db.transaction((u: Principal, value: string, key: string | undefined): Added => {
    const nowMs = Date.now();
    if (key !== undefined) {
      q.keysPrune.run(u.subdomain, u.userId, nowMs);
      const seen = q.keyGet.get(u.subdomain, u.userId, key, nowMs);
      if (seen) {
        const row = q.get.get(u.subdomain, u.userId, seen.item_id);
        return { created: false, item: row ? toTodo(row) : null, items: list(u) };
      }
    }
    if (q.count.get(u.subdomain, u.userId)!.n >= MAX_ITEMS_PER_USER) {
      throw new StoreError('limit_reached', `You already have ${MAX_ITEMS_PER_USER} to-do items.`);
    }
    const id = q.nextId.get(u.subdomain, u.userId)!.last_id;
    const now = new Date(nowMs).toISOString();
    q.insert.run(u.subdomain, u.userId, id, value, now, now);
    if (key !== undefined) {
      q.keyPut.run(u.subdomain, u.userId, key, id, nowMs + IDEMPOTENCY_TTL_SECONDS * 1000);
      q.keysTrim.run({ ...u, keep: MAX_IDEMPOTENCY_KEYS_PER_USER });
    }
    const item: Todo = { id, value, done: false, createdAt: now, updatedAt: now };
    return { created: true, item, items: list(u) };
  });

  const update = db.transaction((u: Principal, id: number, patch: TodoPatch): Changed => {
    const row = q.get.get(u.subdomain, u.userId, id);
    if (!row) throw notFound(id);
    const item: Todo = {
      ...toTodo(row),
      ...(patch.value !== undefined && { value: patch.value }),
      ...(patch.done !== undefined && { done: patch.done }),
      updatedAt: new Date().toISOString(),
    };
    q.update.run(item.value, item.done ? 1 : 0, item.updatedAt, u.subdomain, u.userId, id);
    return { item, items: list(u) };
  });

  const remove = db.transaction((u: Principal, id: number): Todo[] => {
    if (q.remove.run(u.subdomain, u.userId, id).changes === 0) throw notFound(id);
    return list(u);
  });

  const setAllDone = db.transaction((u: Principal, done: boolean): Todo[] => {
    const flag = done ? 1 : 0;
    q.setAllDone.run(flag, new Date().toISOString(), u.subdomain, u.userId, flag);
    return list(u);
  });

  const removeDone = db.transaction((u: Principal): Cleared => {
    const deleted = q.removeDone.run(u.subdomain, u.userId).changes;
    return { deleted, items: list(u) };
  });

  /** Items and idempotency keys; the counter row stays unless `counterToo`. */
  const erase = db.transaction((u: Principal, counterToo: boolean): number => {
    const deleted = q.removeAll.run(u.subdomain, u.userId).changes;
    q.keysRemoveAll.run(u.subdomain, u.userId);
    if (counterToo) q.removeCounter.run(u.subdomain, u.userId);
    return deleted;
  });

  const quotas = createLocalQuotas();

  // Wrapping keeps the interface async like the network backends, counts the request against
  // the user's quota first, and turns SQLite's own failures (disk full, locked too long) into
  // the contract's 503 instead of a 500.
  const run = async <T>(u: Principal | null, quota: Quota | null, fn: () => T): Promise<T> => {
    if (u) quotas.take(u, quota);
    try {
      return fn();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      console.error('[hc-todo] embedded store failed:', error);
      throw new StoreError('store_unavailable', 'The to-do store is unavailable.', {
        cause: error,
      });
    }
  };

  return {
    forUser: (u, quota) => ({
      list: () => run(u, quota, () => list(u)),
      add: (value, key) => run(u, quota, () => add.immediate(u, value, key)),
      update: (id, patch) => run(u, quota, () => update.immediate(u, id, patch)),
      remove: (id) => run(u, quota, () => remove.immediate(u, id)),
      setAllDone: (done) => run(u, quota, () => setAllDone.immediate(u, done)),
      removeDone: () => run(u, quota, () => removeDone.immediate(u)),
      eraseOwnData: () => run(u, quota, () => erase.immediate(u, false)),
    }),
    eraseUser: (u) =>
      run(null, null, () => {
        quotas.forget(u);
        return erase.immediate(u, true);
      }),
    ping: () => run(null, null, () => void db.prepare('SELECT 1').get()),
  };
}
