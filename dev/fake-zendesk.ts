/**
 * A stand-in for the one part of Zendesk that cannot exist here: a help center that signs
 * RS256 tokens with real RSA keys and publishes them as a JWKS over real loopback HTTP.
 *
 * Tests in other processes drive it through a small control API under `/__fake/`
 * (see fake-zendesk-client.ts), so one instance serves the whole run.
 */
import { createHash, createHmac, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** How to sign one token; every knob an attacker could turn is here. */
export interface SignOptions {
  /** @default 'RS256' — also 'none', 'HS256' (keyed with the public key's PEM), 'RS512', 'PS256'. */
  alg?: string;
  /** @default the current key's kid; `null` leaves it out. */
  kid?: string | null;
  /** Sign with a key that is not published in the JWKS. @default false */
  foreignKey?: boolean;
  /** Extra header fields. */
  header?: Record<string, unknown>;
  /**
   * The `origin` claim added when `claims` has none. `null` leaves it out.
   * @default the fake help center's origin (`FakeZendesk.url`), as Zendesk sets it
   */
  origin?: string | null;
}

export type TokenEndpointMode = 'ok' | 'not_found' | 'error';

/** How the key endpoint answers: the keys, a 500, or never (the request hangs until switched). */
export type JwksMode = 'ok' | 'error' | 'hang';

export interface FakeZendesk {
  /** The help center origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly jwksUrl: string;
  sign(claims: Record<string, unknown>, opts?: SignOptions): string;
  /** A help-center-shaped token for a user: `userId`, `email`, `externalId`, `exp`, `origin`, … */
  userToken(userId: number, extra?: Record<string, unknown>, opts?: SignOptions): string;
  /** Publishes a new current key; the old one stays published unless `dropOld`. */
  rotate(opts?: { dropOld?: boolean }): void;
  /** `jwks`: key requests received; `hanging`: key requests held open right now (mode 'hang'). */
  counts(): { jwks: number; token: number; hanging: number };
  resetCounts(): void;
  /** `true` is `setJwksMode('error')`, `false` is `setJwksMode('ok')`. */
  setJwksDown(down: boolean): void;
  /** Switching away from 'hang' drops the requests held open. */
  setJwksMode(mode: JwksMode): void;
  setTokenEndpoint(mode: TokenEndpointMode, ttlSeconds?: number): void;
  close(): Promise<void>;
}

/** Handles a request the fake itself does not know (e.g. help center pages); true if handled. */
export type ExtraRoutes = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

export const USER_COOKIE = 'fake_hc_user';

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** A fresh 2048-bit RSA signing key with a Zendesk-like kid. */
export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // Zendesk's kids look like 64 hex digits.
  const kid = createHash('sha256').update(randomBytes(16)).digest('hex');
  return { kid, privateKey, publicKey };
}

/** Signs header.payload exactly as told, including algorithms a verifier must refuse. */
export function signJwt(
  key: SigningKey,
  claims: Record<string, unknown>,
  opts: SignOptions = {},
): string {
  const alg = opts.alg ?? 'RS256';
  const header: Record<string, unknown> = { alg, typ: 'JWT', ...opts.header };
  if (opts.kid !== null) header.kid = opts.kid ?? key.kid;
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  let signature: Buffer;
  switch (alg) {
    case 'none':
      signature = Buffer.alloc(0);
      break;
    case 'HS256':
      // The classic key-confusion attack: HMAC keyed with the *public* key a verifier holds.
      signature = createHmac('sha256', key.publicKey.export({ type: 'spki', format: 'pem' }))
        .update(input)
        .digest();
      break;
    case 'PS256':
      signature = createSign('sha256')
        .update(input)
        .sign({ key: key.privateKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */ });
      break;
    default:
      signature = createSign(alg === 'RS512' ? 'sha512' : 'sha256')
        .update(input)
        .sign(key.privateKey);
  }
  return `${input}.${b64url(signature)}`;
}

/** The key as Zendesk publishes it in its JWKS. */
export function publicJwk(key: SigningKey): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: 'jwk' });
  // Zendesk's JWK carries no `alg` or `use`: only kty, n, e and kid.
  return { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: key.kid };
}

const now = (): number => Math.floor(Date.now() / 1000);

export async function startFakeZendesk(
  opts: { port?: number; routes?: ExtraRoutes } = {},
): Promise<FakeZendesk> {
  let published: SigningKey[] = [newSigningKey()];
  const foreign = newSigningKey();
  const current = (): SigningKey => published[published.length - 1]!;
  let jwksFetches = 0;
  let tokenRequests = 0;
  let jwksMode: JwksMode = 'ok';
  const hanging = new Set<http.ServerResponse>();
  // Known once listening; signing only ever happens after that.
  let origin = '';
  let tokenMode: TokenEndpointMode = 'ok';
  let tokenTtl = 300;

  const sign = (claims: Record<string, unknown>, o: SignOptions = {}): string => {
    const claimOrigin = o.origin === undefined ? origin : o.origin;
    const full =
      claimOrigin === null || 'origin' in claims ? claims : { ...claims, origin: claimOrigin };
    return signJwt(o.foreignKey ? foreign : current(), full, o);
  };
  const userToken = (
    userId: number,
    extra: Record<string, unknown> = {},
    o: SignOptions = {},
  ): string =>
    sign(
      {
        userId,
        email: `user${userId}@example.com`,
        externalId: '',
        iat: now(),
        exp: now() + tokenTtl,
        ...extra,
      },
      o,
    );
  const releaseHanging = (): void => {
    for (const res of hanging) res.destroy();
    hanging.clear();
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };

    if (url.pathname === '/api/v2/help_center/integration/keys.json') {
      jwksFetches += 1;
      if (jwksMode === 'error') return send(500, { error: 'internal' });
      if (jwksMode === 'hang') {
        hanging.add(res);
        res.once('close', () => hanging.delete(res));
        return;
      }
      return send(200, { keys: published.map(publicJwk) });
    }
    if (url.pathname === '/api/v2/help_center/integration/token') {
      tokenRequests += 1;
      const user = /(?:^|;\s*)fake_hc_user=(\d+)/.exec(req.headers.cookie ?? '')?.[1];
      if (tokenMode === 'not_found') return send(404, { error: 'InvalidEndpoint' });
      if (tokenMode === 'error') return send(500, { error: 'internal' });
      if (!user) return send(403, { error: 'Forbidden' });
      return send(200, { token: userToken(Number(user), { origin: fake.url }) });
    }
    if (url.pathname.startsWith('/__fake/')) return control(url, req, send);
    if (opts.routes && (await opts.routes(req, res, url))) return;
    send(404, { error: 'not found' });
  }

  async function control(
    url: URL,
    req: http.IncomingMessage,
    send: (status: number, body: unknown) => void,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as never) : {};
    switch (url.pathname) {
      case '/__fake/sign': {
        const { claims, options } = body as {
          claims: Record<string, unknown>;
          options?: SignOptions;
        };
        return send(200, { token: sign(claims, options) });
      }
      case '/__fake/user-token': {
        const { userId, extra, options } = body as {
          userId: number;
          extra?: Record<string, unknown>;
          options?: SignOptions;
        };
        return send(200, { token: userToken(userId, extra, options) });
      }
      case '/__fake/counts':
        return send(200, fake.counts());
      case '/__fake/reset-counts':
        fake.resetCounts();
        return send(200, {});
      case '/__fake/rotate':
        fake.rotate(body as { dropOld?: boolean });
        return send(200, { kid: current().kid });
      case '/__fake/jwks-down':
        fake.setJwksDown((body as { down: boolean }).down);
        return send(200, {});
      case '/__fake/jwks-mode':
        fake.setJwksMode((body as { mode: JwksMode }).mode);
        return send(200, {});
      case '/__fake/token-endpoint': {
        const { mode, ttlSeconds } = body as { mode: TokenEndpointMode; ttlSeconds?: number };
        fake.setTokenEndpoint(mode, ttlSeconds);
        return send(200, {});
      }
      default:
        return send(404, { error: 'unknown control' });
    }
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeZendesk = {
    url: origin,
    jwksUrl: `${origin}/api/v2/help_center/integration/keys.json`,
    sign,
    userToken,
    rotate({ dropOld = false } = {}) {
      published = dropOld ? [newSigningKey()] : [...published, newSigningKey()];
    },
    counts: () => ({ jwks: jwksFetches, token: tokenRequests, hanging: hanging.size }),
    resetCounts() {
      jwksFetches = 0;
      tokenRequests = 0;
    },
    setJwksDown(down) {
      fake.setJwksMode(down ? 'error' : 'ok');
    },
    setJwksMode(mode) {
      jwksMode = mode;
      if (mode !== 'hang') releaseHanging();
    },
    setTokenEndpoint(mode, ttlSeconds) {
      tokenMode = mode;
      if (ttlSeconds !== undefined) tokenTtl = ttlSeconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        releaseHanging();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
