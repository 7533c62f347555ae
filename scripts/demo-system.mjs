/**
 * Shared by the screenshot, size and benchmark scripts: the production build (`next start`)
 * beside a fake Zendesk whose help center pages embed the real theme snippets — the same pieces
 * the browser tests use (dev/), loaded through tsx. Needs `npm run build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Loads a TypeScript module of the project. */
export function load(relative) {
  return tsImport(path.join(ROOT, relative), import.meta.url);
}

/** Fails with a sentence when there is no production build to run. */
export function requireBuild() {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.error('No production build: run `npm run build` first.');
    process.exit(1);
  }
}

/**
 * Starts a fake Zendesk (help center on 127.0.0.1) and the app (on localhost) with a throwaway
 * embedded store. Returns their origins, a `token(userId)` helper and `stop()`. `extraEnv`
 * overrides or adds app variables (a value of `undefined` removes one).
 */
export async function startDemoSystem(extraEnv = {}) {
  requireBuild();
  const { startFakeZendesk } = await load('dev/fake-zendesk.ts');
  const { helpCenterPages } = await load('dev/fake-help-center.ts');
  const zendesk = await startFakeZendesk({ routes: helpCenterPages() });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-demo-'));
  const env = {
    ZENDESK_SUBDOMAIN: 'demo',
    ZENDESK_JWKS_URL: zendesk.jwksUrl,
    ALLOWED_ORIGINS: zendesk.url,
    DATA_DIR: dataDir,
    RATE_LIMIT_READS_PER_MINUTE: '100000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
    ...extraEnv,
  };
  const app = await startApp(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)),
  ).catch(async (error) => {
    await zendesk.close();
    throw error;
  });
  return {
    helpCenter: zendesk.url,
    app: app.url,
    token: (userId) => zendesk.userToken(userId, { origin: zendesk.url }),
    async stop() {
      await app.stop();
      await zendesk.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `next start` on a free port with exactly `env` — the tests' own starter (dev/app-server.ts). */
export async function startApp(env) {
  const { startApp: start } = await load('dev/app-server.ts');
  return start(env);
}

/** Adds items for a user straight through the API (as the widget would). */
export async function seedItems(system, userId, values) {
  const token = await system.token(userId);
  for (const value of values) {
    const res = await fetch(`${system.app}/api/todo_items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value }),
    });
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
  return token;
}
