#!/usr/bin/env node
// The one test command (`npm test`): makes sure Redis answers, builds the production server the
// system tests run against, runs every Vitest project, and ends with `N passed, N failed`.
//   npm test                      everything
//   npm test -- tests/unit        a subset (arguments go to Vitest)
//   HC_TODO_SKIP_BUILD=1 npm test reuse the last `npm run build`
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function run(cmd, cmdArgs, opts = {}) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...opts });
  return result.status ?? 1;
}

function redisAnswers() {
  return new Promise((resolve) => {
    const socket = net.connect(6379, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

if (!(await redisAnswers())) {
  console.log(
    '[test] Redis does not answer on 127.0.0.1:6379; starting one (nothing kept on disk)',
  );
  const started = run('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    '6379',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  for (let i = 0; i < 50 && !(await redisAnswers()); i++)
    await new Promise((r) => setTimeout(r, 100));
  if (started !== 0 || !(await redisAnswers())) {
    console.error(
      '[test] Redis is required at 127.0.0.1:6379 (install redis-server). 0 passed, 1 failed',
    );
    process.exit(1);
  }
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  // Not skipped: the browser suites will fail, and this says why up front.
  console.error(
    `[test] no Chromium at ${chromium}: run \`apt-get install chromium\` (bash .ci/run does).`,
  );
}

if (process.env.HC_TODO_SKIP_BUILD !== '1') {
  console.log('[test] npm run build (the in-page widget, then next build)');
  const built =
    run(process.execPath, ['scripts/build-widget.mjs']) === 0 &&
    run(process.execPath, ['node_modules/next/dist/bin/next', 'build']) === 0;
  if (!built) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-vitest-')), 'report.json');
const status = run(process.execPath, [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...args,
]);

let passed = 0;
let failed = status === 0 ? 0 : 1;
try {
  const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = summary.numPassedTests;
  // A suite that crashed before its tests ran counts as one failure, so it is never silent.
  failed =
    summary.numFailedTests +
    (summary.numFailedTestSuites > 0 && summary.numFailedTests === 0 ? 1 : 0);
  if (status !== 0 && failed === 0) failed = 1;
} catch {
  // No report: Vitest itself failed to start; `failed` already says so.
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
