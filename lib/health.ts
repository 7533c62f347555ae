import { loadConfig } from './config';
import { getStore } from './store';

export interface Health {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * What `/api/health` reports: configuration first (naming each bad variable, never its value),
 * then one cheap round trip to the store. Never a secret.
 */
export async function checkHealth(): Promise<Health> {
  const state = loadConfig();
  if (!state.ok) {
    return {
      status: 503,
      body: {
        status: 'error',
        error: {
          code: 'server_misconfigured',
          message: state.problems.map((p) => p.message).join(' '),
          variables: [...new Set(state.problems.map((p) => p.variable))],
        },
      },
    };
  }
  const kind = state.config.store.kind;
  try {
    const store = await getStore(state.config.store);
    await store.ping();
  } catch {
    return {
      status: 503,
      body: {
        status: 'error',
        store: kind,
        error: { code: 'store_unavailable', message: 'The to-do store does not answer.' },
      },
    };
  }
  return { status: 200, body: { status: 'ok', store: kind } };
}
