/**
 * What the setup page checks, gathered now: the configuration, one store ping (the one
 * `/api/health` shares, so reloading the page cannot load the store) and Zendesk's keys, fetched
 * through the very key set the API verifies tokens with (and under its 30 s cooldown).
 */
import { keySetFor, type KeySetStatus } from '../auth/key-set';
import { loadConfig, type ConfigState, type StoreKind } from '../config';
import { checkHealth } from '../health';

export interface SetupFacts {
  readonly config: ConfigState;
  /** Undefined when the configuration is bad (nothing to ping). */
  readonly store: { readonly kind: StoreKind; readonly reachable: boolean } | undefined;
  /** Undefined when the configuration is bad (no key URL to trust). */
  readonly keys: KeySetStatus | undefined;
  /** When these facts were gathered (ms since the epoch). */
  readonly checkedAt: number;
}

/** The facts about this process's deployment, as of now. */
export async function gatherFacts(now: () => number = Date.now): Promise<SetupFacts> {
  const config = loadConfig();
  if (!config.ok) return { config, store: undefined, keys: undefined, checkedAt: now() };
  const keySet = keySetFor(config.config.jwksUrl);
  const [health] = await Promise.all([checkHealth(), keySet.refresh()]);
  return {
    config,
    store: { kind: config.config.store.kind, reachable: health.status === 200 },
    keys: keySet.status(),
    checkedAt: now(),
  };
}
