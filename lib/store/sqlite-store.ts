/**
 * The embedded store: one SQLite file under DATA_DIR, for the dev preview and single-server
 * deployments. better-sqlite3 is synchronous, so every call below runs one IMMEDIATE transaction
 * start to finish: nothing can interleave, and a second process sharing the file waits its turn.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MAX_ITEMS_PER_USER, StoreError } from './types';
import type { Change, Principal, TodoItem, TodoPatch, TodoStore } from './types';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS todo_users (
    subdomain TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL DEFAULT 0, -- ids are never reused, even after a delete
    PRIMARY KEY (subdomain, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS todo_items (
    subdomain TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    value TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (subdomain, user_id, id)
  ) WITHOUT ROWID;
`;

interface Row {
  id: number;
  value: string;
  done: number;
  created_at: string;
  updated_at: string;
}

const toItem = (row: Row): TodoItem => ({
  id: row.id,
  value: row.value,
  done: row.done === 1,
  created_at: row.created_at,
  updated_at: row.updated_at,
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
  const db = new Database(path.join(opts.dataDir, 'todo.sqlite3'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

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
  };

  const list = (u: Principal): TodoItem[] => q.list.all(u.subdomain, u.userId).map(toItem);

  const add = db.transaction((u: Principal, value: string): Change => {
    if (q.count.get(u.subdomain, u.userId)!.n >= MAX_ITEMS_PER_USER) {
      throw new StoreError('limit_reached', `You already have ${MAX_ITEMS_PER_USER} to-do items.`);
    }
    const id = q.nextId.get(u.subdomain, u.userId)!.last_id;
    const now = new Date().toISOString();
    q.insert.run(u.subdomain, u.userId, id, value, now, now);
    const item: TodoItem = { id, value, done: false, created_at: now, updated_at: now };
    return { todo_item: item, todo_items: list(u) };
  });

  const update = db.transaction((u: Principal, id: number, patch: TodoPatch): Change => {
    const row = q.get.get(u.subdomain, u.userId, id);
    if (!row) throw notFound(id);
    const item: TodoItem = {
      ...toItem(row),
      ...(patch.value !== undefined && { value: patch.value }),
      ...(patch.done !== undefined && { done: patch.done }),
      updated_at: new Date().toISOString(),
    };
    q.update.run(item.value, item.done ? 1 : 0, item.updated_at, u.subdomain, u.userId, id);
    return { todo_item: item, todo_items: list(u) };
  });

  const remove = db.transaction((u: Principal, id: number): TodoItem[] => {
    if (q.remove.run(u.subdomain, u.userId, id).changes === 0) throw notFound(id);
    return list(u);
  });

  // Wrapping keeps the interface async like the network backend, and turns SQLite's own
  // failures (disk full, locked too long) into the contract's 503 instead of a 500.
  const run = async <T>(fn: () => T): Promise<T> => {
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
    kind: 'embedded',
    list: (u) => run(() => list(u)),
    add: (u, value) => run(() => add.immediate(u, value)),
    update: (u, id, patch) => run(() => update.immediate(u, id, patch)),
    remove: (u, id) => run(() => remove.immediate(u, id)),
    ping: () => run(() => void db.prepare('SELECT 1').get()),
  };
}
