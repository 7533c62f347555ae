/**
 * The setup page's checklist: one item per thing an admin sets up, each with a state and, when
 * something is wrong, what to do. Pure: facts in, items out.
 *
 * It says nothing an anonymous visitor could not learn already (docs/embedding.md): variables by
 * name only, as `/api/health` does; the allowed origins only when the configuration is valid, when
 * `/widget`'s `frame-ancestors` header lists exactly them; whether the webhook is configured, which
 * its route answers anyway (404 or 401).
 */
import type { KeySetStatus } from '../auth/key-set';
import type { Config, StoreKind } from '../config';
import type { SetupFacts } from './facts';
import { fixFor } from './fixes';

export type CheckState = 'ok' | 'problem' | 'note';

export interface CheckItem {
  readonly id: 'configuration' | 'store' | 'keys' | 'origins' | 'webhook' | 'origin-claim';
  readonly title: string;
  readonly state: CheckState;
  readonly detail: string;
  /** Values safe to list (the allowed origins). */
  readonly list?: readonly string[];
  /** What to do; one entry per step or variable. */
  readonly fixes?: readonly string[];
}

/** The variables each item is about: a problem with one of them is that item's problem. */
const VARIABLES: Readonly<Record<Exclude<CheckItem['id'], 'configuration'>, readonly string[]>> = {
  store: ['KV_REST_API_URL', 'KV_REST_API_TOKEN', 'REDIS_URL', 'DATA_DIR'],
  keys: ['ZENDESK_SUBDOMAIN', 'ZENDESK_JWKS_URL'],
  origins: ['ALLOWED_ORIGINS'],
  webhook: ['ZENDESK_WEBHOOK_SECRET'],
  'origin-claim': ['ZENDESK_ORIGIN_CLAIM'],
};

const TITLES: Readonly<Record<CheckItem['id'], string>> = {
  configuration: 'Configuration',
  store: 'Store',
  keys: 'Zendesk’s keys',
  origins: 'Help center origins',
  webhook: 'Deletion webhook',
  'origin-claim': 'Origin claim',
};

/** The variables that point at each store. */
const STORE_VARIABLES: Readonly<Record<StoreKind, string>> = {
  kv: 'KV_REST_API_URL and KV_REST_API_TOKEN',
  redis: 'REDIS_URL',
  embedded: 'DATA_DIR',
};

const STORE_NAMES: Readonly<Record<StoreKind, string>> = {
  kv: 'KV (Upstash Redis over REST)',
  redis: 'Redis (REDIS_URL)',
  embedded: 'embedded (a SQLite file under DATA_DIR)',
};

/** The checklist for `facts`, in the order an admin sets things up. */
export function buildChecklist(facts: SetupFacts): CheckItem[] {
  const { config } = facts;
  if (!config.ok) {
    const bad = [...new Set(config.problems.map((p) => p.variable))];
    const items: CheckItem[] = [
      {
        id: 'configuration',
        title: TITLES.configuration,
        state: 'problem',
        detail: `Missing, malformed or conflicting: ${bad.join(', ')}. Every API request answers 503 server_misconfigured until this is fixed.`,
        fixes: bad.map(fixFor),
      },
    ];
    for (const [id, variables] of Object.entries(VARIABLES) as [CheckItem['id'], string[]][]) {
      const mine = bad.filter((v) => variables.includes(v));
      items.push(
        mine.length > 0
          ? {
              id,
              title: TITLES[id],
              state: 'problem',
              detail: `Check ${mine.join(', ')}.`,
              fixes: mine.map(fixFor),
            }
          : {
              id,
              title: TITLES[id],
              state: 'note',
              detail: 'Not checked until the configuration is valid.',
            },
      );
    }
    return items;
  }
  const c = config.config;
  return [
    {
      id: 'configuration',
      title: TITLES.configuration,
      state: 'ok',
      detail: 'Every variable is set and valid.',
    },
    storeItem(facts.store ?? { kind: c.store.kind, reachable: false }),
    keysItem(facts.keys),
    originsItem(c),
    webhookItem(c),
    originClaimItem(),
  ];
}

function storeItem(store: { kind: StoreKind; reachable: boolean }): CheckItem {
  const name = STORE_NAMES[store.kind];
  if (!store.reachable) {
    return {
      id: 'store',
      title: TITLES.store,
      state: 'problem',
      detail: `The ${name} store does not answer: API requests answer 503 store_unavailable.`,
      fixes: [
        `Check that the store is up and that ${STORE_VARIABLES[store.kind]} point at it (a wrong token, a deleted database).`,
      ],
    };
  }
  const oneMachine =
    store.kind === 'embedded' ? ' It keeps data on this machine’s disk: one server only.' : '';
  return {
    id: 'store',
    title: TITLES.store,
    state: 'ok',
    detail: `The ${name} store answers.${oneMachine}`,
  };
}

function keysItem(keys: KeySetStatus | undefined): CheckItem {
  const base = { id: 'keys', title: TITLES.keys } as const;
  const later =
    'Check that ZENDESK_SUBDOMAIN is your Zendesk account (and ZENDESK_JWKS_URL, if you set it). Help center JWTs need Guide Enterprise or Suite Enterprise. Keys are fetched at most every 30 s: reload this page in a minute.';
  if (!keys || keys.attemptedAt === undefined) {
    return { ...base, state: 'note', detail: 'Not fetched yet.', fixes: [later] };
  }
  if (keys.lastFailed) {
    const kept =
      keys.fetchedAt !== undefined
        ? ` The ${keys.keyCount} keys fetched at ${utc(keys.fetchedAt)} stay in use for up to 24 h.`
        : ' Until they are fetched, every API request answers 503 auth_unavailable.';
    return {
      ...base,
      state: 'problem',
      detail: `The key endpoint for ZENDESK_SUBDOMAIN did not answer with a key set (tried at ${utc(keys.attemptedAt)}).${kept}`,
      fixes: [later],
    };
  }
  if (keys.keyCount === 0) {
    return {
      ...base,
      state: 'problem',
      detail:
        'The key endpoint for ZENDESK_SUBDOMAIN answered, but lists no RSA key: no token can be verified.',
      fixes: [later],
    };
  }
  return {
    ...base,
    state: 'ok',
    detail: `The key endpoint for ZENDESK_SUBDOMAIN answers: ${keys.keyCount} ${keys.keyCount === 1 ? 'key' : 'keys'}, fetched at ${utc(keys.fetchedAt ?? keys.attemptedAt)}.`,
  };
}

function originsItem(c: Config): CheckItem {
  return {
    id: 'origins',
    title: TITLES.origins,
    state: 'ok',
    detail:
      'These origins may embed the widget, exchange messages with it and call the API (ALLOWED_ORIGINS). Your help center must be one of them, host-mapped domain included.',
    list: c.allowedOrigins,
  };
}

function webhookItem(c: Config): CheckItem {
  const base = { id: 'webhook', title: TITLES.webhook } as const;
  if (c.webhookSecret !== undefined) {
    return {
      ...base,
      state: 'ok',
      detail: 'ZENDESK_WEBHOOK_SECRET is set: signed user.deleted events erase that user’s data.',
    };
  }
  return {
    ...base,
    state: 'note',
    detail:
      'Not configured (optional): /api/zendesk/webhook answers 404, and a user deleted in Zendesk keeps their list here until they delete it.',
    fixes: [
      'In Zendesk Admin Center, create a webhook for the Zendesk event “User deleted” pointing at /api/zendesk/webhook on this deployment, then set its signing secret as ZENDESK_WEBHOOK_SECRET and redeploy.',
    ],
  };
}

/**
 * The same note whatever ZENDESK_ORIGIN_CLAIM says: the page is public, and whether tokens
 * without an origin claim are accepted is not something /api/health or /widget's headers tell
 * anyone — it would hint at what an attacker with another account's token could try.
 */
function originClaimItem(): CheckItem {
  return {
    id: 'origin-claim',
    title: TITLES['origin-claim'],
    state: 'note',
    detail:
      'ZENDESK_ORIGIN_CLAIM decides whether a token must name an allowed help center origin: unset (required) it must, which is what binds a token to your help center. This public page does not say which is set.',
    fixes: [
      'Keep ZENDESK_ORIGIN_CLAIM unset unless your help center’s tokens really come without an origin claim (every request then answers 401 invalid_token); then set it to optional.',
    ],
  };
}

/** `2026-12-04 14:23:40 UTC`: the server's clock, stated as such. */
function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
