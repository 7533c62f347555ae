/**
 * Starts the system once for the HTTP and browser suites: one fake Zendesk (which also serves
 * the fake help center pages), one Upstash bridge in front of the real Redis, and the production
 * build three times — on the embedded store, on KV (through the bridge) and on Redis.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startApp } from '../../dev/app-server';
import { deleteKeys, redisKeyPattern } from '../../dev/redis-keys';
import { helpCenterPages } from '../../dev/fake-help-center';
import { startFakeZendesk } from '../../dev/fake-zendesk';
import { appEnv, DEFAULT_REDIS_URL, provideSystem } from './system';
import { startUpstashBridge } from '../../dev/upstash-bridge';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Our own namespace in the shared Redis: every key the apps write starts with this.
  const subdomain = `hctest-${randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-it-'));
  const zendesk = await startFakeZendesk({ routes: helpCenterPages() });
  const bridge = await startUpstashBridge();
  const sut = {
    zendeskUrl: zendesk.url,
    bridge: { url: bridge.url, token: bridge.token },
    redisUrl: DEFAULT_REDIS_URL,
    subdomain,
  };
  const [embedded, kv, redis] = await Promise.all([
    startApp(appEnv(sut, 'embedded', path.join(dataDir, 'embedded'))),
    startApp(appEnv(sut, 'kv', path.join(dataDir, 'kv'))),
    startApp(appEnv(sut, 'redis', path.join(dataDir, 'redis'))),
  ]);

  provideSystem(project, {
    ...sut,
    apps: { embedded: embedded.url, kv: kv.url, redis: redis.url },
  });

  return async () => {
    await Promise.all([embedded.stop(), kv.stop(), redis.stop()]);
    await Promise.all([bridge.close(), zendesk.close()]);
    await deleteKeys(redisKeyPattern(subdomain));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
