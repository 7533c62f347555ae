/**
 * Picks the backend the configuration names. Imports are lazy so a KV deployment never loads
 * the native SQLite module, and the embedded one never loads the HTTP client.
 */
import type { StoreConfig } from '../config';
import type { TodoStore } from './types';

export * from './types';

let current: { key: StoreConfig; store: Promise<TodoStore> } | undefined;

/** The process-wide store for `config` (one SQLite handle or one HTTP client). */
export function getStore(config: StoreConfig): Promise<TodoStore> {
  if (current?.key !== config) {
    current = { key: config, store: openStore(config) };
    // A failed open (e.g. an unwritable DATA_DIR) is retried on the next request.
    current.store.catch(() => (current = undefined));
  }
  return current.store;
}

async function openStore(config: StoreConfig): Promise<TodoStore> {
  if (config.kind === 'kv') {
    const { createUpstashStore } = await import('./upstash-store');
    return createUpstashStore({ url: config.url, token: config.token });
  }
  const { createSqliteStore } = await import('./sqlite-store');
  return createSqliteStore({ dataDir: config.dataDir });
}
