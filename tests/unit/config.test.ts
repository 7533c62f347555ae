import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import type { ConfigState } from '@/lib/config';

const prod = (env: Record<string, string>): ConfigState => parseConfig(env, { nextDev: false });
const variables = (state: ConfigState): string[] =>
  state.ok ? [] : state.problems.map((p) => p.variable);

describe('parseConfig', () => {
  it('derives everything from ZENDESK_SUBDOMAIN with the documented defaults', () => {
    const state = prod({ ZENDESK_SUBDOMAIN: 'Acme' });
    expect(state).toEqual({
      ok: true,
      config: {
        devPreview: false,
        subdomain: 'acme',
        jwksUrl: 'https://acme.zendesk.com/api/v2/help_center/integration/keys.json',
        allowedOrigins: ['https://acme.zendesk.com'],
        store: { kind: 'embedded', dataDir: expect.stringMatching(/\/\.data$/) },
        rateLimits: { readsPerMinute: 300, writesPerMinute: 120 },
        originClaim: 'required',
        webhookSecret: undefined,
      },
    });
  });

  it('selects Redis by REDIS_URL and reads the v2 settings', () => {
    const state = prod({
      ZENDESK_SUBDOMAIN: 'acme',
      REDIS_URL: 'rediss://default:s3cret@redis.internal:6380/2',
      ZENDESK_ORIGIN_CLAIM: 'Optional',
      ZENDESK_WEBHOOK_SECRET: ' whsec_0123456789abcdefghijklmnopqrstu ',
    });
    expect(state.ok && state.config).toMatchObject({
      store: { kind: 'redis', url: 'rediss://default:s3cret@redis.internal:6380/2' },
      originClaim: 'optional',
      webhookSecret: 'whsec_0123456789abcdefghijklmnopqrstu',
    });
  });

  it('normalises ALLOWED_ORIGINS and selects KV when both variables are set', () => {
    const state = prod({
      ZENDESK_SUBDOMAIN: 'acme',
      ALLOWED_ORIGINS: ' https://help.acme.com/ , https://acme.zendesk.com,https://help.acme.com',
      KV_REST_API_URL: 'https://eu1-x.upstash.io',
      KV_REST_API_TOKEN: 't0k',
      RATE_LIMIT_READS_PER_MINUTE: '10',
    });
    expect(state.ok && state.config.allowedOrigins).toEqual([
      'https://help.acme.com',
      'https://acme.zendesk.com',
    ]);
    expect(state.ok && state.config.store).toEqual({
      kind: 'kv',
      url: 'https://eu1-x.upstash.io',
      token: 't0k',
    });
    expect(state.ok && state.config.rateLimits.readsPerMinute).toBe(10);
  });

  it.each([
    [{}, 'ZENDESK_SUBDOMAIN'],
    [{ ZENDESK_SUBDOMAIN: 'acme.zendesk.com' }, 'ZENDESK_SUBDOMAIN'],
    [{ ZENDESK_SUBDOMAIN: 'acme', ALLOWED_ORIGINS: '*' }, 'ALLOWED_ORIGINS'],
    [{ ZENDESK_SUBDOMAIN: 'acme', ALLOWED_ORIGINS: 'https://*.zendesk.com' }, 'ALLOWED_ORIGINS'],
    [{ ZENDESK_SUBDOMAIN: 'acme', ALLOWED_ORIGINS: 'https://a.com/hc' }, 'ALLOWED_ORIGINS'],
    [{ ZENDESK_SUBDOMAIN: 'acme', ALLOWED_ORIGINS: 'http://a.com' }, 'ALLOWED_ORIGINS'],
    [{ ZENDESK_SUBDOMAIN: 'acme', ALLOWED_ORIGINS: ' , ' }, 'ALLOWED_ORIGINS'],
    [{ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_JWKS_URL: 'ftp://x/keys' }, 'ZENDESK_JWKS_URL'],
    [{ ZENDESK_SUBDOMAIN: 'acme', KV_REST_API_URL: 'https://x.upstash.io' }, 'KV_REST_API_TOKEN'],
    [{ ZENDESK_SUBDOMAIN: 'acme', KV_REST_API_TOKEN: 't' }, 'KV_REST_API_URL'],
    [{ ZENDESK_SUBDOMAIN: 'acme', VERCEL: '1' }, 'KV_REST_API_URL'],
    [
      {
        ZENDESK_SUBDOMAIN: 'acme',
        REDIS_URL: 'redis://h',
        KV_REST_API_URL: 'https://x.upstash.io',
      },
      'REDIS_URL',
    ],
    [{ ZENDESK_SUBDOMAIN: 'acme', REDIS_URL: 'http://h:6379' }, 'REDIS_URL'],
    [{ ZENDESK_SUBDOMAIN: 'acme', REDIS_URL: 'redis://h:6379/x' }, 'REDIS_URL'],
    [{ ZENDESK_SUBDOMAIN: 'acme', REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_ORIGIN_CLAIM: 'no' }, 'ZENDESK_ORIGIN_CLAIM'],
    [
      { ZENDESK_SUBDOMAIN: 'acme', RATE_LIMIT_READS_PER_MINUTE: '0' },
      'RATE_LIMIT_READS_PER_MINUTE',
    ],
    [
      { ZENDESK_SUBDOMAIN: 'acme', RATE_LIMIT_WRITES_PER_MINUTE: '1.5' },
      'RATE_LIMIT_WRITES_PER_MINUTE',
    ],
  ])('refuses %j, naming %s', (env, variable) => {
    const state = prod(env as Record<string, string>);
    expect(state).toMatchObject({ ok: false });
    expect(variables(state)).toContain(variable);
    for (const p of state.ok ? [] : state.problems) expect(p.message).toContain(p.variable);
  });

  it.each([
    ['a guessable secret (31 characters)', 'x'.repeat(31)],
    ["Zendesk's published example secret", 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=='],
  ])('refuses %s as ZENDESK_WEBHOOK_SECRET, never quoting it', (_, secret) => {
    const state = prod({ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_WEBHOOK_SECRET: secret });
    expect(variables(state)).toEqual(['ZENDESK_WEBHOOK_SECRET']);
    expect(JSON.stringify(state)).not.toContain(secret);
  });

  it('accepts a webhook secret of 32 characters, counted as code points', () => {
    const secret = '🔑'.repeat(32);
    const state = prod({ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_WEBHOOK_SECRET: secret });
    expect(state.ok && state.config.webhookSecret).toBe(secret);
  });

  it('allows plain http only on loopback, for the dev preview and tests', () => {
    const state = prod({
      ZENDESK_SUBDOMAIN: 'acme',
      ALLOWED_ORIGINS: 'http://127.0.0.1:4000,http://localhost:4001',
      ZENDESK_JWKS_URL: 'http://127.0.0.1:4000/keys.json',
    });
    expect(state).toMatchObject({ ok: true });
  });

  it('turns on the dev preview only under next dev without ZENDESK_SUBDOMAIN', () => {
    const dev = parseConfig({ PORT: '3100' }, { nextDev: true });
    expect(dev.ok && dev.config).toMatchObject({
      devPreview: true,
      jwksUrl: 'http://localhost:3100/api/dev/jwks',
      allowedOrigins: ['http://127.0.0.1:3100'],
    });
    const devWithAccount = parseConfig({ ZENDESK_SUBDOMAIN: 'acme' }, { nextDev: true });
    expect(devWithAccount.ok && devWithAccount.config.devPreview).toBe(false);
    // A production server never falls back to the preview, whatever the environment says.
    const production = parseConfig({ NODE_ENV: 'development' }, { nextDev: false });
    expect(production).toMatchObject({ ok: false });
  });
});

describe('problem messages', () => {
  it('never quote a password given in a URL', () => {
    const state = prod({
      ZENDESK_SUBDOMAIN: 'acme',
      ZENDESK_JWKS_URL: 'http://admin:hunter2@zendesk.example.com/keys.json',
      ALLOWED_ORIGINS: 'https://u:hunter2@help.example.com/',
    });
    expect(variables(state)).toEqual(['ZENDESK_JWKS_URL', 'ALLOWED_ORIGINS']);
    expect(JSON.stringify(state)).not.toContain('hunter2');
  });

  it.each([
    'redis://user:p@ss@host/x',
    'redis://user:pa/ss@host:6379/x',
    'redis://host/x?password=hunter2',
    'redis://:hunter2@host:6379/db',
  ])('mask every credential shape in %s', (url) => {
    const state = prod({ ZENDESK_SUBDOMAIN: 'acme', REDIS_URL: url });
    expect(variables(state)).toEqual(['REDIS_URL']);
    const text = JSON.stringify(state);
    for (const secret of ['p@ss', 'pa/ss', 'hunter2']) expect(text).not.toContain(secret);
  });
});
