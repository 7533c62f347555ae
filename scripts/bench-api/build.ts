/**
 * The benchmark's own production builds, each in a folder of its own under the system's temp
 * folder, so the test build in `.next/` is never clobbered:
 * - hc-todo: a copy of the files git tracks or would track (uncommitted work included);
 * - hc-todo variants: the same copy with one piece of its Next setup turned off (variants.ts);
 * - the bare app (bare-app/): one route handler and Next's defaults, the floor every ratio is
 *   measured against.
 * Each gets a hard-linked node_modules (instant, no extra disk; Turbopack refuses a symlink
 * leaving the project), so all run the very same `next`. HC_TODO_BENCH_REUSE=1 serves the last
 * builds as they are.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyVariant, type Variant } from './variants';

const ROOT = path.resolve(path.dirname(__filename), '../..');
const BARE = path.join(ROOT, 'scripts/bench-api/bare-app');

function folderFor(kind: string): string {
  const tag = createHash('sha256').update(ROOT).digest('hex').slice(0, 8);
  return path.join(os.tmpdir(), `hc-todo-bench-${kind}-${tag}`);
}

/** Copies `files` (relative to `from`) into a fresh `dir` with a hard-linked node_modules. */
function copyProject(from: string, files: readonly string[], dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(from, file), path.join(dir, file));
  }
  execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules')]);
}

function nextBuild(dir: string): void {
  console.error(`[bench] building ${dir} …`);
  execFileSync(process.execPath, [path.join(dir, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const built = (dir: string): boolean => fs.existsSync(path.join(dir, '.next/BUILD_ID'));

/** Builds (or, with `reuse`, finds) hc-todo's bench build, or one variant of it. */
export function benchBuild(reuse: boolean, variant?: Variant): string {
  const dir = folderFor(variant ? `build-${variant}` : 'build');
  if (reuse && built(dir)) return dir;
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT })
    .toString()
    .split('\0')
    .filter((f) => f !== '' && fs.existsSync(path.join(ROOT, f)));
  copyProject(ROOT, files, dir);
  if (variant) applyVariant(dir, variant);
  nextBuild(dir);
  return dir;
}

/** Builds (or, with `reuse`, finds) the bare app: bare-app/ plus a package.json naming next. */
export function bareBuild(reuse: boolean): string {
  const dir = folderFor('bare');
  if (reuse && built(dir)) return dir;
  const files = (fs.readdirSync(BARE, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(BARE, f)).isFile(),
  );
  copyProject(BARE, files, dir);
  const version = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    }
  ).dependencies.next;
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'bare', private: true, dependencies: { next: version } }),
  );
  nextBuild(dir);
  return dir;
}
