/**
 * Shared by the screenshot, size and benchmark scripts: the production build (`next start`)
 * beside a fake Zendesk whose help center pages embed the real theme snippets — the same pieces
 * the browser tests use (tests/support), loaded through tsx. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The fake help center reads theme-snippet/ relative to the working directory.
process.chdir(ROOT);

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
 * embedded store. Returns their origins, a `token(userId)` helper and `stop()`.
 */
export async function startDemoSystem() {
  requireBuild();
  const { startFakeZendesk } = await load('tests/support/fake-zendesk.ts');
  const { helpCenterPages } = await load('tests/support/fake-help-center.ts');
  const zendesk = await startFakeZendesk({ routes: helpCenterPages() });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-demo-'));
  const app = await startApp({
    ZENDESK_SUBDOMAIN: 'demo',
    ZENDESK_JWKS_URL: zendesk.jwksUrl,
    ALLOWED_ORIGINS: zendesk.url,
    DATA_DIR: dataDir,
    RATE_LIMIT_READS_PER_MINUTE: '100000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
  }).catch(async (error) => {
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

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** `next start` on a free port with exactly `env` (plus PATH/HOME), once it answers. */
export async function startApp(env) {
  const port = await freePort();
  let log = '';
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NEXT_TELEMETRY_DISABLED: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${log}`);
    try {
      await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`next start did not answer within 60 s:\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
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
