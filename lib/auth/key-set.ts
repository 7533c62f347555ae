/**
 * The help center's public keys (its JWKS), fetched over HTTP and kept per process.
 *
 * Our own instead of jose's `createRemoteJWKSet` because that one makes a request wait for a
 * refresh once its cache is older than its max age, and fails the request when that refresh
 * fails: a Zendesk outage would turn into an outage of every hc-todo deployment. Here
 * (docs/api.md, tokens):
 * - a key set fetched successfully keeps serving the kids it knows while the endpoint fails or
 *   hangs (stale-if-error, up to 24 h since the last good fetch);
 * - a request whose kid is cached never waits: an old set is refreshed in the background;
 * - any fetch, failed or not, starts a 30 s cooldown, so neither a flood of forged kids nor an
 *   outage costs Zendesk more than one fetch per 30 s per process;
 * - one fetch at a time: concurrent requests share the one in flight.
 */
import { importJWK } from 'jose';

import { processSingleton } from '../process-singleton';
import { AuthError } from './auth-error';

export interface KeySetOptions {
  /** Least time between the starts of two fetches, failed or not. @default 30_000 */
  readonly cooldownMs?: number;
  /**
   * Age of the last good set after which a request starts a background refresh. @default 600_000
   */
  readonly maxAgeMs?: number;
  /** How long the last good set keeps serving while fetches fail. @default 86_400_000 (24 h) */
  readonly staleIfErrorMs?: number;
  /** A fetch (headers and body) that takes longer is a failure. @default 5_000 */
  readonly timeoutMs?: number;
  /** The clock for cooldown and ages; tests pass a fake one. @default Date.now */
  readonly now?: () => number;
}

/** Picks the verification key for a token's protected header. */
export interface KeySet {
  /** The key named by `header.kid`; throws `AuthError` (`invalid_token` or `auth_unavailable`). */
  getKey(header: { readonly kid?: unknown }): Promise<CryptoKey>;
  /**
   * Fetches the keys now unless within the cooldown (then the last fetch's verdict stands), or
   * joins the fetch in flight; never rejects. For the setup page: it costs Zendesk no more than
   * the API's own unknown-kid refreshes do (one fetch per cooldown per process).
   */
  refresh(): Promise<void>;
  /** What the last fetch found, read-only; no key material. */
  status(): KeySetStatus;
}

/** The state of a key set, for reporting (the setup page). */
export interface KeySetStatus {
  /** Whether the last fetch failed; false before any fetch. */
  readonly lastFailed: boolean;
  /** When the last successful fetch ended (ms since the epoch), if one has. */
  readonly fetchedAt: number | undefined;
  /** When the last fetch started, failed or not. */
  readonly attemptedAt: number | undefined;
  /** RSA keys with a kid in the last good set (0 before one). */
  readonly keyCount: number;
}

interface RsaJwk {
  readonly kid: string;
  readonly n: string;
  readonly e: string;
}

interface CachedKey {
  readonly jwk: RsaJwk;
  /** Imported once per kid, on first use; kept across refreshes that publish the same key. */
  imported?: Promise<CryptoKey>;
}

class RemoteKeySet implements KeySet {
  private readonly cooldownMs: number;
  private readonly maxAgeMs: number;
  private readonly staleIfErrorMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  private keys = new Map<string, CachedKey>();
  /** When the last successful fetch ended; undefined until one has. */
  private fetchedAt: number | undefined;
  /** When the last fetch started, successful or not: the cooldown runs from here. */
  private attemptedAt: number | undefined;
  private lastError: unknown;
  private lastFailed = false;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    opts: KeySetOptions,
  ) {
    this.cooldownMs = opts.cooldownMs ?? 30_000;
    this.maxAgeMs = opts.maxAgeMs ?? 10 * 60_000;
    this.staleIfErrorMs = opts.staleIfErrorMs ?? 24 * 60 * 60_000;
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.now = opts.now ?? ((): number => Date.now());
  }

  async getKey(header: { readonly kid?: unknown }): Promise<CryptoKey> {
    const kid = header.kid;
    // Zendesk always names the key; without a kid there is nothing to choose by (docs/api.md,
    // tokens).
    if (typeof kid !== 'string' || kid === '') {
      throw new AuthError('invalid_token', 'The token does not name its signing key (kid).');
    }
    const cached = this.lookup(kid);
    if (cached) {
      if (this.now() - (this.fetchedAt ?? 0) > this.maxAgeMs) void this.refreshIfAllowed();
      return this.importKey(cached);
    }
    await this.refreshIfAllowed();
    const fresh = this.lookup(kid);
    if (fresh) return this.importKey(fresh);
    if (this.lastFailed) {
      // The endpoint is down, so the token may well be good: "try again", not "refused".
      throw new AuthError('auth_unavailable', 'The help center keys could not be fetched.', {
        cause: this.lastError,
      });
    }
    throw new AuthError(
      'invalid_token',
      'The token was signed by a key the help center does not publish.',
    );
  }

  refresh(): Promise<void> {
    return this.refreshIfAllowed();
  }

  status(): KeySetStatus {
    return {
      lastFailed: this.lastFailed,
      fetchedAt: this.fetchedAt,
      attemptedAt: this.attemptedAt,
      keyCount: this.keys.size,
    };
  }

  /** The cached key for `kid`, if the set it came from is not past its stale-if-error age. */
  private lookup(kid: string): CachedKey | undefined {
    if (this.fetchedAt === undefined || this.now() - this.fetchedAt > this.staleIfErrorMs) {
      return undefined;
    }
    return this.keys.get(kid);
  }

  /** Joins the fetch in flight, or starts one unless within the cooldown; never rejects. */
  private refreshIfAllowed(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const now = this.now();
    if (this.attemptedAt !== undefined && now - this.attemptedAt < this.cooldownMs) {
      return Promise.resolve();
    }
    this.attemptedAt = now;
    const flight = this.fetchKeys().then(
      (jwks) => {
        this.keys = this.merge(jwks);
        this.fetchedAt = this.now();
        this.lastFailed = false;
        this.lastError = undefined;
      },
      (error: unknown) => {
        // Stale-if-error: the keys we had stay; only the verdict on unknown kids changes.
        this.lastFailed = true;
        this.lastError = error;
      },
    );
    this.inFlight = flight.finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The new set, reusing the imported key of every kid whose key did not change. */
  private merge(jwks: readonly RsaJwk[]): Map<string, CachedKey> {
    const next = new Map<string, CachedKey>();
    for (const jwk of jwks) {
      const old = this.keys.get(jwk.kid);
      const same = old && old.jwk.n === jwk.n && old.jwk.e === jwk.e;
      next.set(jwk.kid, same ? old : { jwk });
    }
    return next;
  }

  private importKey(entry: CachedKey): Promise<CryptoKey> {
    entry.imported ??= importRsaKey(entry.jwk);
    return entry.imported;
  }

  /**
   * One defensive GET: a deadline for headers and body alike, exactly 200 (a redirect is a
   * failure, never followed: the key URL is configuration, not something a response may change),
   * and a body checked for the JWKS shape before anything in it is trusted.
   */
  private async fetchKeys(): Promise<RsaJwk[]> {
    const res = await fetch(this.url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      throw new Error(`The key endpoint answered ${res.status}.`);
    }
    return parseJwks(JSON.parse(await res.text()) as unknown);
  }
}

/**
 * The RSA keys of a JWKS document `{"keys": [{kty, kid, n, e}, …]}`. Keys of another type, or
 * without a kid, are skipped (they can never verify an RS256 token we accept); a document of the
 * wrong shape, or naming one kid twice (which key would it mean?), is an error.
 */
function parseJwks(body: unknown): RsaJwk[] {
  const keys = isRecord(body) ? body.keys : undefined;
  if (!Array.isArray(keys)) throw new Error('The key endpoint did not answer a JWKS.');
  const found: RsaJwk[] = [];
  const seen = new Set<string>();
  for (const key of keys as unknown[]) {
    if (!isRecord(key)) throw new Error('The JWKS lists something that is not a key.');
    const { kty, kid, n, e } = key;
    if (kty !== 'RSA' || typeof kid !== 'string' || kid === '') continue;
    if (typeof n !== 'string' || typeof e !== 'string') {
      throw new Error('The JWKS lists an RSA key without n and e.');
    }
    if (seen.has(kid)) throw new Error('The JWKS lists a kid twice.');
    seen.add(kid);
    found.push({ kid, n, e });
  }
  return found;
}

/** The RS256 verification key; one under 2048 bits (RFC 7518 §3.3) is refused, not imported. */
async function importRsaKey(jwk: RsaJwk): Promise<CryptoKey> {
  let key: CryptoKey;
  try {
    key = (await importJWK({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'RS256')) as CryptoKey;
  } catch (cause) {
    throw new AuthError('invalid_token', 'The help center published a key that cannot be used.', {
      cause,
    });
  }
  const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
  if (!(bits >= 2048)) {
    throw new AuthError('invalid_token', 'The help center published an RSA key under 2048 bits.');
  }
  return key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A key set for `url` with its own cache and cooldown; tests inject short durations and a clock.
 */
export function createKeySet(url: string, opts: KeySetOptions = {}): KeySet {
  return new RemoteKeySet(url, opts);
}

// One key set per JWKS URL per process, so the cache and the cooldown are shared by every request.
/** One key set per JWKS URL per process, shared by every route bundle. */
const keySets = processSingleton('key-sets', () => new Map<string, KeySet>());

/** The process-wide key set for `jwksUrl`, created on first use with the contract's durations. */
export function keySetFor(jwksUrl: string): KeySet {
  let keySet = keySets.get(jwksUrl);
  if (!keySet) {
    keySet = createKeySet(jwksUrl);
    keySets.set(jwksUrl, keySet);
  }
  return keySet;
}
