/**
 * The parsers of lib/config.ts, one per variable or group: each reads raw environment values,
 * reports what is wrong in a sentence naming the variable (`problem`), and returns what to use.
 * A value is quoted only through `quotable`, which blanks credentials: these sentences go to the
 * server log, never to a response.
 */
import path from 'node:path';

import type { StoreConfig } from './config';

export type Env = Readonly<Record<string, string | undefined>>;

export type Report = (variable: string, message: string) => void;

export function nonEmpty(value: string | undefined): string | undefined {
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

export function parseJwksUrl(raw: string, problem: Report): string {
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

export function parseOrigins(raw: string, problem: Report): string[] {
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

export function parseStore(env: Env, problem: Report): StoreConfig {
  const url = nonEmpty(env.KV_REST_API_URL);
  const token = nonEmpty(env.KV_REST_API_TOKEN);
  const redisUrl = nonEmpty(env.REDIS_URL);
  const embedded: StoreConfig = {
    kind: 'embedded',
    dataDir: path.resolve(/* turbopackIgnore: true */ nonEmpty(env.DATA_DIR) ?? '.data'),
  };
  // Two stores configured is a mistake to name, never a silent choice (README.md#configuration).
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

export function parseOriginClaim(env: Env, problem: Report): 'required' | 'optional' {
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

export function parseWebhookSecret(env: Env, problem: Report): string | undefined {
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

export function parsePositiveInt(
  env: Env,
  variable: string,
  fallback: number,
  problem: Report,
): number {
  const raw = nonEmpty(env[variable]);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) === 0) {
    problem(variable, `${variable} must be a positive whole number, not "${raw}".`);
    return fallback;
  }
  return Number(raw);
}
