import { devOnly, loadDevIssuer } from '@/lib/dev-preview';

export const dynamic = 'force-dynamic';

/** `GET /api/dev/jwks`: the dev issuer's public key, fetched by the verifier like Zendesk's. */
export const GET = devOnly(async () => Response.json(await (await loadDevIssuer()).devJwks()));
