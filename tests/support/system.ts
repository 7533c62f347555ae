import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

/** What the system tests' global setup provides to every test (see global-setup.ts). */
export interface SystemUnderTest {
  /** The fake help center / Zendesk origin, e.g. `http://127.0.0.1:41234`; the apps' only allowed origin. */
  zendeskUrl: string;
  /** App origins (`http://localhost:<port>`) by store mode. */
  apps: Record<StoreMode, string>;
  /** The Upstash bridge in front of the machine's Redis that the KV app uses. */
  bridge: { url: string; token: string };
  /** The machine's Redis, which the Redis app uses directly (`REDIS_URL`). */
  redisUrl: string;
  /**
   * The Zendesk subdomain the apps run as; its Redis keys (`hc-todo:{<subdomain>:…`, shared by
   * the KV and Redis apps, whose layouts are one) are removed after the run.
   */
  subdomain: string;
}

// Vitest's ProvidedContext is re-exported under another name, so module augmentation cannot
// reach it; one typed key and one accessor keep the casts in this file.
const KEY = 'hc-todo-system';

/** Called by the global setup. */
export function provideSystem(project: TestProject, sut: SystemUnderTest): void {
  const provide = project.provide as (key: string, value: unknown) => void;
  provide(KEY, sut);
  // Also under plain names, for tests that `inject('apps')` / `inject('zendeskUrl')` directly.
  provide('apps', sut.apps);
  provide('zendeskUrl', sut.zendeskUrl);
}

/** The running system, inside a test. */
export function system(): SystemUnderTest {
  return (inject as (key: string) => unknown)(KEY) as SystemUnderTest;
}

/** The machine's Redis, shared by every helper: only keys of our own subdomain are ours. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Store modes every HTTP test runs in. */
export const STORE_MODES = ['embedded', 'kv', 'redis'] as const;
export type StoreMode = (typeof STORE_MODES)[number];

/** Environment of an app server in `mode` against the given fake Zendesk, bridge and Redis. */
export function appEnv(
  sut: Pick<SystemUnderTest, 'zendeskUrl' | 'bridge' | 'subdomain'> & { redisUrl?: string },
  mode: StoreMode,
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ZENDESK_SUBDOMAIN: sut.subdomain,
    ZENDESK_JWKS_URL: `${sut.zendeskUrl}/api/v2/help_center/integration/keys.json`,
    ALLOWED_ORIGINS: sut.zendeskUrl,
    DATA_DIR: dataDir,
    // Tests share a user per file, not a minute; the rate-limit test starts its own server.
    RATE_LIMIT_READS_PER_MINUTE: '1000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
    ZENDESK_WEBHOOK_SECRET: 'hc-todo-test-webhook-secret-9f2c41d07b8e', // the webhook tests sign with this
    ...(mode === 'kv' && { KV_REST_API_URL: sut.bridge.url, KV_REST_API_TOKEN: sut.bridge.token }),
    ...(mode === 'redis' && { REDIS_URL: sut.redisUrl ?? DEFAULT_REDIS_URL }),
    ...extra,
  };
}
