/**
 * Drives the clock of a `next start` server that was started with `shiftedClockEnv` (see
 * shifted-clock.cjs): `advance` moves its `Date.now()` forward and waits until it has.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, vi } from 'vitest';
import type { AppServer } from '../../dev/app-server';

const PRELOAD = path.join(path.dirname(__filename), 'shifted-clock.cjs');

export interface ShiftedClock {
  /** Environment to add to the server's: the preload and its control file. */
  readonly env: Record<string, string>;
  /** Moves the server's clock `ms` further ahead and resolves once it reads the new time. */
  advance(server: AppServer, ms: number): Promise<void>;
}

export function shiftedClock(dir: string): ShiftedClock {
  const file = path.join(dir, `clock-${process.pid}-${Math.random().toString(36).slice(2)}`);
  let offset = 0;
  return {
    env: { NODE_OPTIONS: `--require ${PRELOAD}`, HC_TODO_TEST_CLOCK_FILE: file },
    async advance(server, ms) {
      offset += ms;
      fs.writeFileSync(file, String(offset));
      server.process.kill('SIGUSR2');
      await vi.waitFor(
        () => {
          expect(fs.readFileSync(`${file}.ack`, 'utf8')).toBe(String(offset));
        },
        { timeout: 5_000, interval: 20 },
      );
    },
  };
}
