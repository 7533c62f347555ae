/**
 * Runs the real production server (`next start` on the `next build` output) on a free port
 * with the environment a test chooses, and stops it again.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export interface AppServer {
  /** e.g. `http://localhost:41235` — a different origin from the fake help center's 127.0.0.1. */
  readonly url: string;
  readonly port: number;
  /** The `next start` process, for tests that signal or kill it. */
  readonly process: ChildProcess;
  /** Everything the server printed (stdout and stderr), for tests about logs. */
  output(): string;
  stop(): Promise<void>;
}

// From __filename: tsx's tsImport (used by the scripts) leaves __dirname pointing at the caller.
const ROOT = path.resolve(path.dirname(__filename), '..');

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** Options for the server's `node` (e.g. `--max-old-space-size=128`, `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** The project folder whose build to serve (the benchmark's own copy). @default this checkout */
  readonly root?: string;
}

/** Starts `next start` with exactly `env` (plus PATH/HOME) and waits until it answers. */
export async function startApp(
  env: Record<string, string>,
  port?: number,
  opts: StartOptions = {},
): Promise<AppServer> {
  const chosen = port ?? (await freePort());
  const root = opts.root ?? ROOT;
  const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
  const args = [...(opts.nodeArgs ?? []), nextBin, 'start', '-p', String(chosen)];
  let log = '';
  // `next start` serves in this very process (no worker), so the node options apply to it.
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://localhost:${chosen}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${log}`);
    try {
      await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`next start did not answer within 60 s:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  return {
    url,
    port: chosen,
    process: child,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
