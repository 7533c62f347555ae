/**
 * The dev preview's stand-in for Zendesk: a real RSA key pair (made once, kept in DATA_DIR) that
 * signs help-center-shaped tokens, and the JWKS that publishes its public half. The verifier
 * fetches that JWKS over HTTP like Zendesk's — there is no bypass to switch off in production.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { JWK } from 'jose';
import { loadConfig } from '../config';

/** How long a dev token lives, like Zendesk's "few minutes". */
export const DEV_TOKEN_TTL_SECONDS = 5 * 60;

interface DevKey {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

let pending: Promise<DevKey> | undefined;

/** The key lives beside the embedded store, so `rm -r .data` resets the whole preview. */
function loadKey(): Promise<DevKey> {
  const state = loadConfig();
  const dataDir =
    state.ok && state.config.store.kind === 'embedded' ? state.config.store.dataDir : '.data';
  pending ??= readOrCreateKey(path.join(dataDir, 'dev-issuer-key.json')).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function readOrCreateKey(file: string): Promise<DevKey> {
  let privateJwk: JWK;
  if (fs.existsSync(file)) {
    privateJwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    privateJwk = await exportJWK(privateKey);
    // Shaped like Zendesk's: a 64-hex-digit kid.
    privateJwk.kid = createHash('sha256')
      .update(privateJwk.n ?? '')
      .digest('hex');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { kty, n, e, kid } = privateJwk;
  return { privateJwk, publicJwk: { kty, n, e, kid } };
}

/** The JWKS document the dev preview serves at `/api/dev/jwks`. */
export async function devJwks(): Promise<{ keys: JWK[] }> {
  return { keys: [(await loadKey()).publicJwk] };
}

/**
 * A token like `GET /api/v2/help_center/integration/token` returns for `userId`, with `origin` =
 * the mock help center's origin (as Zendesk sets it). `extraClaims` override any claim; an
 * `origin: undefined` among them leaves the claim out (JSON drops it), to try
 * `ZENDESK_ORIGIN_CLAIM=optional`.
 */
export async function mintDevToken(
  userId: number,
  extraClaims: Record<string, unknown> = {},
): Promise<string> {
  const { privateJwk } = await loadKey();
  const key = await importJWK(privateJwk, 'RS256');
  const state = loadConfig();
  // In the dev preview the one allowed origin is the mock help center's.
  const origin = state.ok ? state.config.allowedOrigins[0] : undefined;
  const claims = { userId, email: `user${userId}@example.com`, externalId: '', origin };
  return new SignJWT({ ...claims, ...extraClaims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: privateJwk.kid })
    .setIssuedAt()
    .setExpirationTime(`${DEV_TOKEN_TTL_SECONDS}s`)
    .sign(key);
}
