/**
 * What `/api/health` reports (docs/api.md): configuration first, naming each bad variable — and
 * only its name: the answer is public, so a value, URL, origin or secret never appears in it (the
 * full messages, values masked, are logged once at start by instrumentation.ts) — then one cheap
 * round trip to the store, shared for a few seconds so that polling cannot load the store.
 */
import { loadConfig } from './config';
import type { ConfigProblem, StoreConfig, StoreKind } from './config';
import { errorBody } from './http/respond';
import { lastStoreOutage } from './http/store-outage';
import { processSingleton } from './process-singleton';
import { getStore } from './store';

export interface Health {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** How long one store ping answers for every health check of this process. @default 5000 */
export const PING_REUSE_MS = 5_000;

interface Ping {
  readonly at: number;
  readonly key: StoreConfig;
  readonly result: Promise<boolean>;
  /** The result once known. */
  ok?: boolean;
}

/** The last ping, shared by every route that reports health. */
const pings = processSingleton('health.pings', (): { last?: Ping } => ({}));

/** The health of this process, as `/api/health` answers it. */
export async function checkHealth(now: number = Date.now()): Promise<Health> {
  const state = loadConfig();
  if (!state.ok) {
    const variables = [...new Set(state.problems.map((p) => p.variable))];
    return {
      status: 503,
      body: {
        status: 'error',
        ...errorBody('server_misconfigured', describeProblems(state.problems), { variables }),
      },
    };
  }
  const kind = state.config.store.kind;
  if (!(await pingStore(state.config.store, now))) {
    return {
      status: 503,
      body: {
        status: 'error',
        store: kind,
        ...errorBody('store_unavailable', storeMessage(kind)),
      },
    };
  }
  return { status: 200, body: { status: 'ok', store: kind } };
}

/**
 * One sentence per bad variable, built from its NAME only: `problem.message` may quote the value
 * (masked, but still the operator's business), so it stays in the server log.
 */
export function describeProblems(problems: readonly ConfigProblem[]): string {
  const variables = [...new Set(problems.map((p) => p.variable))];
  return `Check ${variables.join(', ')}: missing, malformed or conflicting. The server log at start says what is wrong with each.`;
}

function storeMessage(kind: StoreKind): string {
  const variables = {
    kv: 'KV_REST_API_URL and KV_REST_API_TOKEN',
    redis: 'REDIS_URL',
    embedded: 'DATA_DIR',
  }[kind];
  return `The ${kind} store does not answer; check that it is up and that ${variables} point at it.`;
}

/**
 * Whether the store answers, from a ping at most PING_REUSE_MS old (in flight or done). A
 * successful ping that a request has contradicted since (it got `store_unavailable`) is not
 * reused: that costs at most one extra ping per outage, and health tells the truth at once.
 */
function pingStore(config: StoreConfig, now: number): Promise<boolean> {
  const last = pings.last;
  if (
    last &&
    last.key === config &&
    now - last.at < PING_REUSE_MS &&
    !(last.ok === true && lastStoreOutage() >= last.at)
  ) {
    return last.result;
  }
  const ping: Ping = {
    at: now,
    key: config,
    result: getStore(config)
      .then((store) => store.ping())
      .then(
        () => true,
        () => false,
      )
      .then((ok) => (ping.ok = ok)),
  };
  pings.last = ping;
  return ping.result;
}
