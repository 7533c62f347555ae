/**
 * Micro-benchmark of verifyHelpCenterToken with and without the verified-token cache:
 * one token, N sequential calls per run, the two variants alternating for a few rounds so machine
 * noise hits both alike. Prints µs per call (the median round, and the best).
 *
 *   npx tsx scripts/bench-token-cache.ts [calls=10000] [rounds=5]
 *
 * The keys come from a JWKS on loopback HTTP, fetched once before timing starts; the token is a
 * help-center-shaped RS256 JWT (2048-bit key) signed with jose.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { verifyHelpCenterToken } from '../lib/auth';
import type { VerifyOptions } from '../lib/auth';
import { createKeySet } from '../lib/auth/key-set';
import { createTokenCache } from '../lib/auth/token-cache';

const calls = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 5);
const ORIGIN = 'https://help.example.com';

async function main(): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'bench' };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys.json`;

  const token = await new SignJWT({ userId: 123456, origin: ORIGIN })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'bench' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  const base = {
    subdomain: 'acme',
    jwksUrl,
    allowedOrigins: [ORIGIN],
    keySet: createKeySet(jwksUrl),
  };
  const variants: Record<string, VerifyOptions> = {
    'without cache': { ...base, tokenCache: null },
    'with cache': { ...base, tokenCache: createTokenCache() },
  };

  const timings: Record<string, number[]> = {};
  for (let round = 0; round <= rounds; round++) {
    for (const [name, opts] of Object.entries(variants)) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) await verifyHelpCenterToken(token, opts);
      const micros = Number(process.hrtime.bigint() - started) / 1000 / calls;
      if (round > 0) (timings[name] ??= []).push(micros); // round 0 warms up JIT and key import
    }
  }
  server.close();

  console.log(`verifyHelpCenterToken, one token, ${calls} calls × ${rounds} rounds (µs per call)`);
  for (const [name, list] of Object.entries(timings)) {
    const sorted = [...list].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
    console.log(`  ${name.padEnd(14)} median ${median.toFixed(2)}  best ${sorted[0]?.toFixed(2)}`);
  }
}

void main();
