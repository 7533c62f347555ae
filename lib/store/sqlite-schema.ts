/**
 * The embedded store's schema, versioned with SQLite's `PRAGMA user_version`: an ordered list of
 * migrations, migration N taking a file from version N−1 to N. Opening a file runs the missing
 * ones in one IMMEDIATE transaction, so two processes opening the same file at once cannot both
 * migrate (the second waits for the write lock, then finds the file current), and a failed
 * migration leaves the file as it was.
 *
 * A file newer than this code is refused rather than served: its tables may hold what this
 * release cannot keep consistent (a column it would not fill, a row shape it would misread).
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The user_version the file has afterwards: 1, 2, 3, … in order. */
  readonly version: number;
  /** Takes the file from `version − 1` to `version`; runs inside the open's transaction. */
  readonly up: (db: Database) => void;
}

/**
 * Version 1: the schema of every release before versioning, which wrote user_version 0. Such a
 * file already has all of this, so every statement is IF NOT EXISTS and does nothing there.
 */
const V1 = `
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
  -- Idempotency-Key -> the item its first add created (docs/api.md); expired rows are pruned.
  CREATE TABLE IF NOT EXISTS todo_idempotency (
    subdomain TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, -- ms since the epoch
    PRIMARY KEY (subdomain, user_id, key)
  ) WITHOUT ROWID;
  -- Item ids only grow, so a key's item id orders keys from oldest to newest: what the cap on
  -- remembered keys forgets first.
  CREATE INDEX IF NOT EXISTS todo_idempotency_age ON todo_idempotency (subdomain, user_id, item_id);
`;

/** Every migration this release knows, oldest first. Append only; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, up: (db) => db.exec(V1) }];

/** The file was written by a newer hc-todo; opening it is refused. */
export class SchemaTooNewError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `${file} has schema version ${found}; this hc-todo knows up to ${known}: upgrade hc-todo ` +
        '(a downgrade cannot read a newer file; restore a backup taken before the upgrade instead).',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings `db` to the newest version of `migrations` and returns it, or throws SchemaTooNewError
 * (nothing changed) when the file is newer than the list. `file` names the file in the error.
 */
export function migrateSchema(
  db: Database,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new TypeError(`migration ${i + 1} has version ${m.version}`);
  });
  const latest = migrations.length;
  const run = db.transaction((): number => {
    // Read inside the transaction: another process may have migrated while this one waited.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) throw new SchemaTooNewError(file, current, latest);
    for (const m of migrations.slice(current)) m.up(db);
    // user_version lives in the file header and is part of the transaction like any write.
    if (current < latest) db.pragma(`user_version = ${latest}`);
    return latest;
  });
  return run.immediate();
}
