/**
 * What to do about a bad variable, by its NAME only: the setup page is public, like
 * `/api/health`, so it may say which variable is wrong and what a good value looks like, never
 * what the value is (that goes to the server log, masked, at start).
 */

const REDEPLOY = 'Then redeploy: on Vercel, changed variables apply to new deployments only.';

const FIXES: Readonly<Record<string, string>> = {
  ZENDESK_SUBDOMAIN:
    'Set ZENDESK_SUBDOMAIN to your Zendesk account’s subdomain: acme for acme.zendesk.com (no https://, no .zendesk.com).',
  ZENDESK_JWKS_URL:
    'Unset ZENDESK_JWKS_URL to use Zendesk’s key endpoint for your subdomain, or set it to an https URL without credentials.',
  ALLOWED_ORIGINS:
    'Set ALLOWED_ORIGINS to every origin your help center is served from, separated by commas, e.g. https://help.example.com,https://acme.zendesk.com: https only, no path, no wildcard. Unset, it is https://{ZENDESK_SUBDOMAIN}.zendesk.com.',
  KV_REST_API_URL:
    'Set both KV_REST_API_URL and KV_REST_API_TOKEN: on Vercel, open the project’s Storage tab, add Upstash Redis from the Marketplace and connect it to this project (or set REDIS_URL instead, never both).',
  KV_REST_API_TOKEN:
    'Set both KV_REST_API_URL and KV_REST_API_TOKEN, the REST URL and token of your Upstash Redis database (on Vercel its Marketplace integration sets them).',
  REDIS_URL:
    'Set REDIS_URL as redis://[user:password@]host[:port][/db] (rediss:// for TLS) and leave KV_REST_API_URL and KV_REST_API_TOKEN unset: configure one store only.',
  DATA_DIR: 'Set DATA_DIR to a folder this server can write to, or unset it for ./.data.',
  RATE_LIMIT_READS_PER_MINUTE:
    'Set RATE_LIMIT_READS_PER_MINUTE to a positive whole number, or unset it for 300.',
  RATE_LIMIT_WRITES_PER_MINUTE:
    'Set RATE_LIMIT_WRITES_PER_MINUTE to a positive whole number, or unset it for 120.',
  ZENDESK_WEBHOOK_SECRET:
    'Set ZENDESK_WEBHOOK_SECRET to the signing secret Zendesk shows on your user-deletion webhook’s page (at least 32 characters, never an example from the documentation), or unset it to turn the webhook off.',
  ZENDESK_ORIGIN_CLAIM:
    'Set ZENDESK_ORIGIN_CLAIM to required (the default) or optional, or unset it.',
};

/** How to fix `variable`, in a sentence or two ending with the redeploy reminder. */
export function fixFor(variable: string): string {
  const fix =
    FIXES[variable] ?? `Check ${variable}: the server log at start says what is wrong with it.`;
  return `${fix} ${REDEPLOY}`;
}
