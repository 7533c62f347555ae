/**
 * The only reader of `process.env`. Parsed once per process and validated up front, so a bad
 * deployment fails with one sentence naming the variable instead of a stack trace per request
 * (CONTRACT §1). Nothing here falls back to an insecure default.
 */
import path from 'node:path';

import { processSingleton } from './process-singleton';

export type StoreConfig =
  | { readonly kind: 'kv'; readonly url: string; readonly token: string }
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'embedded'; readonly dataDir: string };

export type StoreKind = StoreConfig['kind'];

export interface Config {
  /** `next dev` with no `ZENDESK_SUBDOMAIN`: the local issuer stands in for Zendesk. */
  readonly devPreview: boolean;
  /** The Zendesk account (`acme` for acme.zendesk.com); the store namespace. */
  readonly subdomain: string;
  /** Where the help center public keys are fetched. */
  readonly jwksUrl: string;
  /** Normalised help center origins (`https://acme.zendesk.com`), never a wildcard. */
  readonly allowedOrigins: readonly string[];
  readonly store: StoreConfig;
  readonly rateLimits: { readonly readsPerMinute: number; readonly writesPerMinute: number };
  /** Whether a token without an `origin` claim is refused (CONTRACT §3). @default 'required' */
  readonly originClaim: 'required' | 'optional';
  /** Signing secret of Zendesk's user-deletion webhook; unset, the webhook route answers 404. */
  readonly webhookSecret: string | undefined;
}

/** One thing wrong with the environment, phrased for the person who deploys. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

export type ConfigState =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

type Env = Readonly<Record<string, string | undefined>>;

/** The store namespace of the dev preview's users. */
export const DEV_PREVIEW_SUBDOMAIN = 'dev-preview';

// Inlined at build time: in a production build this is the constant `false`, so the dev issuer's
// branch cannot be reached whatever the environment says at run time.
const IS_NEXT_DEV = process.env.NODE_ENV === 'development';

/**
 * The validated configuration of this process, parsed on first use — once per process, not per
 * route bundle, so that every route sees the very same object (getStore keys its store by it).
 */
export function loadConfig(): ConfigState {
  return processSingleton('config', () => parseConfig(process.env, { nextDev: IS_NEXT_DEV }));
}

/**
 * The dev preview's port (`npm run dev` pins 3000; `PORT` overrides it), for the local issuer's
 * JWKS URL and the mock help center origin.
 */
export function devPreviewPort(env: Env = process.env): number {
  const port = Number(env.PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : 3000;
}

/** Pure parser, exported for tests: same input, same answer, no side effects. */
export function parseConfig(env: Env, opts: { nextDev: boolean }): ConfigState {
  const problems: ConfigProblem[] = [];
  const problem = (variable: string, message: string): void => {
    problems.push({ variable, message });
  };

  const rawSubdomain = nonEmpty(env.ZENDESK_SUBDOMAIN);
  const devPreview = opts.nextDev && rawSubdomain === undefined;

  let subdomain = DEV_PREVIEW_SUBDOMAIN;
  if (!devPreview) {
    if (rawSubdomain === undefined) {
      problem(
        'ZENDESK_SUBDOMAIN',
        'ZENDESK_SUBDOMAIN is required (e.g. "acme" for acme.zendesk.com).',
      );
    } else if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(rawSubdomain)) {
      problem(
        'ZENDESK_SUBDOMAIN',
        `ZENDESK_SUBDOMAIN must be a bare subdomain such as "acme", not "${quotable(rawSubdomain)}".`,
      );
    } else {
      subdomain = rawSubdomain.toLowerCase();
    }
  }

  const devOrigin = `http://localhost:${devPreviewPort(env)}`;
  const zendeskOrigin = `https://${subdomain}.zendesk.com`;

  const jwksUrl = parseJwksUrl(
    nonEmpty(env.ZENDESK_JWKS_URL) ??
      (devPreview
        ? `${devOrigin}/api/dev/jwks`
        : `${zendeskOrigin}/api/v2/help_center/integration/keys.json`),
    problem,
  );

  // The dev preview's mock help center is served on 127.0.0.1 so that the widget (localhost)
  // really is cross-origin, exactly as it is under Zendesk.
  const defaultOrigins = devPreview ? `http://127.0.0.1:${devPreviewPort(env)}` : zendeskOrigin;
  const allowedOrigins = parseOrigins(nonEmpty(env.ALLOWED_ORIGINS) ?? defaultOrigins, problem);

  const store = parseStore(env, problem);
  const rateLimits = {
    readsPerMinute: parsePositiveInt(env, 'RATE_LIMIT_READS_PER_MINUTE', 300, problem),
    writesPerMinute: parsePositiveInt(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 120, problem),
  };

  const originClaim = parseOriginClaim(env, problem);
  const webhookSecret = parseWebhookSecret(env, problem);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      devPreview,
      subdomain,
      jwksUrl,
      allowedOrigins,
      store,
      rateLimits,
      originClaim,
      webhookSecret,
    },
  };
}

type Report = (variable: string, message: string) => void;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Plain http is tolerated only on loopback (tests and the dev preview); the web needs TLS. */
function isSecureOrLoopback(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * A value fit to quote in the server log (never in a response: `/api/health` names variables
 * only). Everything between `//` and the last `@` may be a credential (`user:p@ss@host`,
 * `user:pa/ss@host`), and a query string may carry a token, so both are blanked.
 */
export function quotable(raw: string): string {
  return raw
    .replace(/\/\/.*@/s, '//***@')
    .replace(/[?#].*$/s, '?***')
    .slice(0, 200);
}

function parseJwksUrl(raw: string, problem: Report): string {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !isSecureOrLoopback(url) || url.username || url.password) {
    problem(
      'ZENDESK_JWKS_URL',
      `ZENDESK_JWKS_URL must be an https URL without credentials, not "${quotable(raw)}".`,
    );
    return raw;
  }
  return url.href;
}

function parseOrigins(raw: string, problem: Report): string[] {
  const origins: string[] = [];
  let rejected = false;
  for (const entry of raw.split(',').map((s) => s.trim())) {
    if (!entry) continue;
    const url = URL.canParse(entry) ? new URL(entry) : undefined;
    // An origin is scheme://host[:port] and nothing else; a path, query or wildcard is a mistake
    // that would otherwise silently allow nothing — or everything.
    const bare = url && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
    if (!url || !bare || !isSecureOrLoopback(url) || entry.includes('*') || url.username) {
      problem(
        'ALLOWED_ORIGINS',
        `ALLOWED_ORIGINS must list https origins such as "https://help.example.com", separated by commas; "${quotable(entry)}" is not one.`,
      );
      rejected = true;
      continue;
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  if (origins.length === 0 && !rejected) {
    problem('ALLOWED_ORIGINS', 'ALLOWED_ORIGINS is set but lists no origin.');
  }
  return origins;
}

function parseStore(env: Env, problem: Report): StoreConfig {
  const url = nonEmpty(env.KV_REST_API_URL);
  const token = nonEmpty(env.KV_REST_API_TOKEN);
  const redisUrl = nonEmpty(env.REDIS_URL);
  const embedded: StoreConfig = {
    kind: 'embedded',
    dataDir: path.resolve(/* turbopackIgnore: true */ nonEmpty(env.DATA_DIR) ?? '.data'),
  };
  // Two stores configured is a mistake to name, never a silent choice (CONTRACT §1).
  if (redisUrl !== undefined && (url !== undefined || token !== undefined)) {
    problem(
      'REDIS_URL',
      'REDIS_URL and KV_REST_API_URL/KV_REST_API_TOKEN are both set: configure one store only.',
    );
    return embedded;
  }
  if (redisUrl !== undefined) return parseRedisUrl(redisUrl, problem);
  if (url !== undefined && token !== undefined) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed || !isSecureOrLoopback(parsed)) {
      problem('KV_REST_API_URL', 'KV_REST_API_URL must be the https URL of the Upstash REST API.');
    }
    return { kind: 'kv', url, token };
  }
  if (url !== undefined || token !== undefined) {
    const missing = url === undefined ? 'KV_REST_API_URL' : 'KV_REST_API_TOKEN';
    problem(
      missing,
      `${missing} is missing: set both KV_REST_API_URL and KV_REST_API_TOKEN, or neither.`,
    );
  } else if (env.VERCEL === '1') {
    problem(
      'KV_REST_API_URL',
      'KV_REST_API_URL and KV_REST_API_TOKEN (or REDIS_URL) are required on Vercel, whose disk does not keep the embedded store: add Upstash Redis from the Vercel Marketplace.',
    );
  }
  return embedded;
}

/** `redis://` or `rediss://` (TLS), optional user and password, optional DB index as the path. */
function parseRedisUrl(raw: string, problem: Report): StoreConfig {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  const db = url?.pathname.replace(/^\//, '') ?? '';
  if (
    !url ||
    (url.protocol !== 'redis:' && url.protocol !== 'rediss:') ||
    !url.hostname ||
    !/^\d{0,2}$/.test(db)
  ) {
    problem(
      'REDIS_URL',
      `REDIS_URL must look like redis://[user:password@]host[:port][/db] (rediss:// for TLS), not "${quotable(raw)}".`,
    );
  }
  return { kind: 'redis', url: raw };
}

function parseOriginClaim(env: Env, problem: Report): 'required' | 'optional' {
  const raw = nonEmpty(env.ZENDESK_ORIGIN_CLAIM)?.toLowerCase() ?? 'required';
  if (raw === 'required' || raw === 'optional') return raw;
  problem('ZENDESK_ORIGIN_CLAIM', 'ZENDESK_ORIGIN_CLAIM must be "required" or "optional".');
  return 'required';
}

/**
 * The secret Zendesk's webhook docs print as an example, which an admin may paste to make the
 * Test button pass: with it, anyone can sign `user.deleted` and erase anyone.
 */
const ZENDESK_EXAMPLE_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';

/** Fewer characters than Zendesk's own generated secrets (44) is a guessable secret. @default 32 */
export const MIN_WEBHOOK_SECRET_LENGTH = 32;

function parseWebhookSecret(env: Env, problem: Report): string | undefined {
  const secret = nonEmpty(env.ZENDESK_WEBHOOK_SECRET);
  if (secret === undefined) return undefined;
  // Never quoted, not even masked: the message names the rule, not the value.
  if (secret === ZENDESK_EXAMPLE_SECRET) {
    problem(
      'ZENDESK_WEBHOOK_SECRET',
      "ZENDESK_WEBHOOK_SECRET is Zendesk's published example secret: copy your webhook's own signing secret (Admin Center → Webhooks → your webhook → Reveal secret).",
    );
  } else if ([...secret].length < MIN_WEBHOOK_SECRET_LENGTH) {
    problem(
      'ZENDESK_WEBHOOK_SECRET',
      `ZENDESK_WEBHOOK_SECRET is too short to be secret (fewer than ${MIN_WEBHOOK_SECRET_LENGTH} characters): copy your webhook's own signing secret.`,
    );
  }
  return secret;
}

function parsePositiveInt(env: Env, variable: string, fallback: number, problem: Report): number {
  const raw = nonEmpty(env[variable]);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) === 0) {
    problem(variable, `${variable} must be a positive whole number, not "${raw}".`);
    return fallback;
  }
  return Number(raw);
}

/**
 * The project's production host on Vercel (`VERCEL_PROJECT_PRODUCTION_URL`, a bare host such as
 * `hc-todo-acme.vercel.app`, or its custom domain), which Vercel sets at build and run time;
 * undefined elsewhere. Outside the validated configuration on purpose: only the setup page uses
 * it, to fill in the snippets, and it checks the value itself (lib/setup/app-origin.ts).
 */
export function vercelProductionHost(env: Env = process.env): string | undefined {
  return nonEmpty(env.VERCEL_PROJECT_PRODUCTION_URL);
}
