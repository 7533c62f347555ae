/**
 * Picks the backend the configuration names. Imports are lazy so a KV or Redis deployment never
 * loads the native SQLite module, and the embedded one never loads a Redis client.
 */
import type { StoreConfig } from '../config';
import { processSingleton } from '../process-singleton';
import { StoreError } from './types';
import type { TodoStore } from './types';

export * from './types';

interface OpenStore {
  readonly key: StoreConfig;
  readonly store: Promise<TodoStore>;
}

/** The one store of the process (one SQLite handle, HTTP client or Redis connection). */
const slot = processSingleton('store', (): { current?: OpenStore } => ({}));

/** The process-wide store for `config`. */
export function getStore(config: StoreConfig): Promise<TodoStore> {
  if (slot.current?.key === config) return slot.current.store;
  const entry: OpenStore = { key: config, store: openStore(config) };
  slot.current = entry;
  // A failed open (e.g. an unwritable DATA_DIR) is retried on the next request.
  entry.store.catch(() => {
    if (slot.current === entry) slot.current = undefined;
  });
  return entry.store;
}

async function openStore(config: StoreConfig): Promise<TodoStore> {
  try {
    return await openBackend(config);
  } catch (error) {
    // e.g. DATA_DIR not writable: the contract's 503, with the cause in the server log.
    console.error('[hc-todo] the store could not be opened:', error);
    throw new StoreError('store_unavailable', 'The to-do store is unavailable.', { cause: error });
  }
}

async function openBackend(config: StoreConfig): Promise<TodoStore> {
  if (config.kind === 'kv') {
    const { createUpstashStore } = await import('./upstash-store');
    return createUpstashStore({ url: config.url, token: config.token });
  }
  if (config.kind === 'redis') {
    const { createRedisStore } = await import('./redis-store');
    return createRedisStore({ url: config.url, quitOnSigterm: true });
  }
  const { createSqliteStore } = await import('./sqlite-store');
  return createSqliteStore({ dataDir: config.dataDir });
}
