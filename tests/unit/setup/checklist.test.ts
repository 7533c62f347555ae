/**
 * The setup checklist from facts: the right item fails with its fix, a healthy deployment is all
 * ok, and nothing but variable names (and, when valid, the allowed origins) ever appears.
 */
import { describe, expect, it } from 'vitest';

import type { KeySetStatus } from '@/lib/auth/key-set';
import { parseConfig } from '@/lib/config';
import { buildChecklist, type CheckItem } from '@/lib/setup/checklist';
import type { SetupFacts } from '@/lib/setup/facts';

const NOW = Date.UTC(2026, 11, 4, 14, 0, 0);
const GOOD_KEYS: KeySetStatus = {
  lastFailed: false,
  fetchedAt: NOW,
  attemptedAt: NOW,
  keyCount: 2,
};
const SECRETS = {
  ZENDESK_WEBHOOK_SECRET: 'webhook-secret-value-0123456789abcdef-xyz',
  KV_REST_API_TOKEN: 'kv-token-value-9876',
  KV_REST_API_URL: 'https://kv-host-value.upstash.io',
};

function facts(env: Record<string, string>, extra: Partial<SetupFacts> = {}): SetupFacts {
  const config = parseConfig(env, { nextDev: false });
  return {
    config,
    store: config.ok ? { kind: config.config.store.kind, reachable: true } : undefined,
    keys: config.ok ? GOOD_KEYS : undefined,
    checkedAt: NOW,
    ...extra,
  };
}

const byId = (items: CheckItem[], id: CheckItem['id']): CheckItem =>
  items.find((i) => i.id === id)!;
const states = (items: CheckItem[]): Record<string, string> =>
  Object.fromEntries(items.map((i) => [i.id, i.state]));

describe('buildChecklist', () => {
  it('a healthy deployment: every item ok, the origins listed, the key count and time given', () => {
    const items = buildChecklist(facts({ ZENDESK_SUBDOMAIN: 'acme', ...SECRETS }));
    expect(states(items)).toEqual({
      configuration: 'ok',
      store: 'ok',
      keys: 'ok',
      origins: 'ok',
      webhook: 'ok',
      'origin-claim': 'note',
    });
    expect(byId(items, 'origins').list).toEqual(['https://acme.zendesk.com']);
    expect(byId(items, 'keys').detail).toBe(
      'The key endpoint for ZENDESK_SUBDOMAIN answers: 2 keys, fetched at 2026-12-04 14:00:00 UTC.',
    );
    expect(byId(items, 'store').detail).toContain('KV');
  });

  it('a missing ZENDESK_SUBDOMAIN fails configuration and the keys, with the fix', () => {
    const items = buildChecklist(facts({}));
    expect(byId(items, 'configuration').state).toBe('problem');
    expect(byId(items, 'configuration').detail).toContain('ZENDESK_SUBDOMAIN');
    expect(byId(items, 'keys')).toMatchObject({ state: 'problem' });
    expect(byId(items, 'keys').fixes?.[0]).toMatch(
      /^Set ZENDESK_SUBDOMAIN to your Zendesk account/,
    );
    expect(byId(items, 'webhook').state).toBe('note');
  });

  it('a bad variable is the problem of its own item (one KV variable: the store)', () => {
    const items = buildChecklist(
      facts({ ZENDESK_SUBDOMAIN: 'acme', KV_REST_API_URL: 'https://x' }),
    );
    expect(byId(items, 'store')).toMatchObject({
      state: 'problem',
      detail: 'Check KV_REST_API_TOKEN.',
    });
    expect(byId(items, 'webhook').state).toBe('note');
  });

  it('keys that cannot be fetched: a problem, saying whether older keys still serve', () => {
    const failed = { lastFailed: true, fetchedAt: undefined, attemptedAt: NOW, keyCount: 0 };
    let keys = byId(buildChecklist(facts({ ZENDESK_SUBDOMAIN: 'acme' }, { keys: failed })), 'keys');
    expect(keys.state).toBe('problem');
    expect(keys.detail).toContain('503 auth_unavailable');
    expect(keys.fixes?.[0]).toContain('ZENDESK_SUBDOMAIN');
    const stale = { ...failed, fetchedAt: NOW - 60_000, keyCount: 1 };
    keys = byId(buildChecklist(facts({ ZENDESK_SUBDOMAIN: 'acme' }, { keys: stale })), 'keys');
    expect(keys.detail).toContain('stay in use for up to 24 h');
  });

  it('a store that does not answer, and the notes for optional settings', () => {
    const env = { ZENDESK_SUBDOMAIN: 'acme', ZENDESK_ORIGIN_CLAIM: 'optional' };
    const items = buildChecklist(facts(env, { store: { kind: 'embedded', reachable: false } }));
    expect(byId(items, 'store')).toMatchObject({ state: 'problem' });
    expect(byId(items, 'store').fixes?.[0]).toContain('DATA_DIR');
    expect(byId(items, 'webhook').state).toBe('note');
    expect(byId(items, 'origin-claim').state).toBe('note');
  });

  it('says the same of the origin claim whatever is set: the page is public', () => {
    const claim = (extra: Record<string, string>): unknown =>
      byId(buildChecklist(facts({ ZENDESK_SUBDOMAIN: 'acme', ...extra })), 'origin-claim');
    expect(claim({ ZENDESK_ORIGIN_CLAIM: 'optional' })).toEqual(claim({}));
    expect(claim({ ZENDESK_ORIGIN_CLAIM: 'required' })).toEqual(claim({}));
  });

  it('never contains a configured value, valid or not', () => {
    const bad = {
      ...SECRETS,
      ZENDESK_SUBDOMAIN: 'acme',
      ALLOWED_ORIGINS: 'http://origin-value.example.com',
      ZENDESK_JWKS_URL: 'http://user:pa55word@jwks-value.example.com/k?token=query-secret',
    };
    for (const env of [bad, { ...SECRETS, ZENDESK_SUBDOMAIN: 'acme' }]) {
      const text = JSON.stringify(buildChecklist(facts(env)));
      for (const value of [...Object.values(SECRETS), 'origin-value', 'jwks-value', 'pa55word']) {
        expect(text).not.toContain(value);
      }
    }
  });
});
