import { createRemoteJWKSet } from 'jose';
import type { JWTVerifyGetKey } from 'jose';

/**
 * One key set per JWKS URL per process: it owns the key cache and the unknown-`kid` cooldown,
 * so a flood of forged kids costs Zendesk at most one fetch per 30 s (CONTRACT §3).
 */
const keySets = new Map<string, JWTVerifyGetKey>();

/** The cached remote key set for `jwksUrl`, created on first use. */
export function keySetFor(jwksUrl: string): JWTVerifyGetKey {
  let keySet = keySets.get(jwksUrl);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(jwksUrl), {
      cooldownDuration: 30_000,
      // A verifier that waits longer than this for Zendesk is worse than a quick 503.
      timeoutDuration: 5_000,
    });
    keySets.set(jwksUrl, keySet);
  }
  return keySet;
}
