/**
 * A Redis server of a test's own (`redis-server` on a free port, nothing persisted), for tests
 * that count commands or kill the server: the machine's shared Redis on 6379 has other traffic.
 */
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './app-server';

export interface PrivateRedis {
  readonly url: string;
  /** A connection of the test's own (say, to read INFO or arrange keys). */
  readonly client: Redis;
  /** Calls per command since the server started, from `INFO commandstats`. */
  commandCalls(): Promise<Record<string, number>>;
  /**
   * The commands clients sent while `work` ran, by name, from MONITOR. Unlike INFO
   * commandstats (and total_commands_processed), this leaves out what scripts ran inside.
   */
  clientCommands(work: () => Promise<unknown>): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => {});
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.connect();
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server on port ${port} did not start`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  let monitor: Redis | undefined;
  const seen: { name: string; fromScript: boolean; args: string[] }[] = [];
  let markers = 0;

  return {
    url,
    client,
    async clientCommands(work) {
      if (!monitor) {
        monitor = await client.monitor();
        monitor.on('monitor', (_time: string, args: string[], source: string) => {
          seen.push({ name: String(args[0]).toLowerCase(), fromScript: source === 'lua', args });
        });
      }
      const from = seen.length;
      await work();
      // Redis answers in order: once our marker shows, every command of `work` has shown.
      const marker = `hc-todo-marker-${++markers}`;
      await client.echo(marker);
      const isMarker = (e: (typeof seen)[number]): boolean =>
        e.name === 'echo' && e.args[1] === marker;
      while (!seen.slice(from).some(isMarker)) await new Promise((r) => setTimeout(r, 5));
      const upTo = seen.findIndex((e, i) => i >= from && isMarker(e));
      return seen
        .slice(from, upTo)
        .filter((e) => !e.fromScript)
        .map((e) => e.name);
    },
    async commandCalls() {
      const info = await client.info('commandstats');
      const calls: Record<string, number> = {};
      for (const [, name, n] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
        calls[name!] = Number(n);
      }
      return calls;
    },
    async stop() {
      monitor?.disconnect();
      client.disconnect();
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
