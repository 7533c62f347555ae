import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

/** What the system tests' global setup provides to every test (see global-setup.ts). */
export interface SystemUnderTest {
  /** The fake help center / Zendesk origin, e.g. `http://127.0.0.1:41234`; the apps' only allowed origin. */
  zendeskUrl: string;
  /** App origins (`http://localhost:<port>`) by store mode. */
  apps: { embedded: string; kv: string };
  /** The Upstash bridge in front of the machine's Redis that the KV app uses. */
  bridge: { url: string; token: string };
  /** The Zendesk subdomain the apps run as; its Redis keys are removed after the run. */
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

/** Store modes every HTTP test runs in. */
export const STORE_MODES = ['embedded', 'kv'] as const;
export type StoreMode = (typeof STORE_MODES)[number];

/** Environment of an app server in `mode` against the given fake Zendesk and bridge. */
export function appEnv(
  sut: Pick<SystemUnderTest, 'zendeskUrl' | 'bridge' | 'subdomain'>,
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
    ZENDESK_WEBHOOK_SECRET: 'hc-todo-test-webhook-secret', // the webhook tests sign with this
    ...(mode === 'kv' && { KV_REST_API_URL: sut.bridge.url, KV_REST_API_TOKEN: sut.bridge.token }),
    ...extra,
  };
}
