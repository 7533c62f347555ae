/**
 * The embedded store's schema versions (lib/store/sqlite-schema.ts): migrations run in order, once,
 * all or nothing; a file from a newer release is refused and the store answers 503. The upgrade
 * from a real file of the previous release is tests/unit/store/upgrade.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MIGRATIONS,
  migrateSchema,
  SchemaTooNewError,
  type Migration,
} from '@/lib/store/sqlite-schema';
import { createSqliteStore } from '@/lib/store/sqlite-store';
import { getStore, StoreError } from '@/lib/store';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-schema-'));
  dirs.push(dir);
  return { dir, file: path.join(dir, 'todo.sqlite3') };
}

const version = (db: Database.Database): number =>
  db.pragma('user_version', { simple: true }) as number;
const tables = (db: Database.Database): string[] =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((r) => r.name)
    .sort();

/** Today's migrations plus a synthetic second one that adds a column and counts its runs. */
function withExtra(runs: { n: number }, fail = false): Migration[] {
  return [
    ...MIGRATIONS,
    {
      version: 2,
      up: (db) => {
        runs.n += 1;
        db.exec("ALTER TABLE todo_items ADD COLUMN note TEXT NOT NULL DEFAULT ''");
        if (fail) throw new Error('synthetic failure');
      },
    },
  ];
}

describe('SQLite schema versions', () => {
  it('creates a new file at the newest version, with the age index', () => {
    const { file } = tempFile();
    const db = new Database(file);
    expect(migrateSchema(db, file)).toBe(MIGRATIONS.length);
    expect(version(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(['todo_idempotency', 'todo_items', 'todo_users']);
    const index = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?");
    expect(index.get('todo_idempotency_age')).toBeTruthy();
    db.close();
  });

  it('runs only the missing migrations, in order, once', () => {
    const { file } = tempFile();
    const runs = { n: 0 };
    const db = new Database(file);
    migrateSchema(db, file); // a file of this release: version 1
    db.prepare(
      "INSERT INTO todo_items VALUES ('acme', 1, 1, 'kept', 0, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')",
    ).run();
    expect(migrateSchema(db, file, withExtra(runs))).toBe(2);
    expect(version(db)).toBe(2);
    expect(db.prepare('SELECT value, note FROM todo_items').get()).toEqual({
      value: 'kept',
      note: '',
    });
    // A second open (another process, a restart) finds the file current and runs nothing.
    const other = new Database(file);
    migrateSchema(other, file, withExtra(runs));
    expect(runs.n).toBe(1);
    other.close();
    db.close();
  });

  it('leaves the file as it was when a migration fails', () => {
    const { file } = tempFile();
    const db = new Database(file);
    migrateSchema(db, file);
    expect(() => migrateSchema(db, file, withExtra({ n: 0 }, true))).toThrow('synthetic failure');
    expect(version(db)).toBe(1);
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(todo_items)').all();
    expect(columns.map((c) => c.name)).not.toContain('note');
    db.close();
  });

  it('refuses a file newer than the code and changes nothing', () => {
    const { file } = tempFile();
    const db = new Database(file);
    migrateSchema(db, file, withExtra({ n: 0 }));
    expect(() => migrateSchema(db, file)).toThrow(SchemaTooNewError);
    expect(() => migrateSchema(db, file)).toThrow(
      `${file} has schema version 2; this hc-todo knows up to 1: upgrade hc-todo`,
    );
    expect(version(db)).toBe(2);
    db.close();
  });

  it('refuses a migration list that is out of order', () => {
    const { file } = tempFile();
    const db = new Database(file);
    const skipping: Migration[] = [...MIGRATIONS, { version: 3, up: () => {} }];
    expect(() => migrateSchema(db, file, skipping)).toThrow(TypeError);
    db.close();
  });

  it('makes the store unavailable (503), naming the reason in the log, for a newer file', async () => {
    const { dir, file } = tempFile();
    const db = new Database(file);
    migrateSchema(db, file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => createSqliteStore({ dataDir: dir })).toThrow(SchemaTooNewError);

    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const opened = getStore({ kind: 'embedded', dataDir: dir });
    const error = await opened.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store_unavailable');
    const logged = log.mock.calls.flat().map(String).join('\n');
    expect(logged).toContain(`${file} has schema version 99; this hc-todo knows up to 1`);
  });
});
