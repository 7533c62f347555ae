/**
 * The only reader of `process.env`. Parsed once per process and validated up front, so a bad
 * deployment fails with one sentence naming the variable instead of a stack trace per request
 * (README.md#configuration). Nothing here falls back to an insecure default.
 */
import {
  nonEmpty,
  parseJwksUrl,
  parseOriginClaim,
  parseOrigins,
  parsePositiveInt,
  parseStore,
  parseWebhookSecret,
  quotable,
  type Env,
} from './config-values';
import { processSingleton } from './process-singleton';

export { MIN_WEBHOOK_SECRET_LENGTH, quotable } from './config-values';

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
  /**
   * Whether a token without an `origin` claim is refused (docs/api.md, tokens). @default 'required'
   */
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

/**
 * The project's production host on Vercel (`VERCEL_PROJECT_PRODUCTION_URL`, a bare host such as
 * `hc-todo-acme.vercel.app`, or its custom domain), which Vercel sets at build and run time;
 * undefined elsewhere. Outside the validated configuration on purpose: only the setup page uses
 * it, to fill in the snippets, and it checks the value itself (lib/setup/app-origin.ts).
 */
export function vercelProductionHost(env: Env = process.env): string | undefined {
  return nonEmpty(env.VERCEL_PROJECT_PRODUCTION_URL);
}
