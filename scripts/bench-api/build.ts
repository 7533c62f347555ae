/**
 * The benchmark's own production build: `next build` with HC_TODO_BENCH_FLOOR=1 (which adds the
 * framework-floor route, lib/http/bench-floor.ts) in a copy of this checkout under the system's
 * temp folder, so the test build in `.next/` is never clobbered and never has the floor.
 * The copy holds the files git tracks or would track (uncommitted work included) and a
 * hard-linked node_modules (instant, no extra disk; Turbopack refuses a symlink leaving the
 * project). HC_TODO_BENCH_REUSE=1 serves the last bench build as it is.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(__filename), '../..');

/** Builds (or, with `reuse`, finds) the bench build and returns its project folder. */
export function benchBuild(reuse: boolean): string {
  const tag = createHash('sha256').update(ROOT).digest('hex').slice(0, 8);
  const dir = path.join(os.tmpdir(), `hc-todo-bench-build-${tag}`);
  if (reuse && fs.existsSync(path.join(dir, '.next/BUILD_ID'))) return dir;

  fs.rmSync(dir, { recursive: true, force: true });
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT })
    .toString()
    .split('\0')
    .filter((f) => f !== '' && fs.existsSync(path.join(ROOT, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules')]);
  console.error(`[bench] building the bench build in ${dir} …`);
  execFileSync(process.execPath, [path.join(dir, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: dir,
    env: { ...process.env, HC_TODO_BENCH_FLOOR: '1', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}
