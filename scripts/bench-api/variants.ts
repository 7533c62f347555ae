/**
 * hc-todo with one piece of its Next setup turned off, built by the benchmark only (issue #19,
 * part 3): what each piece costs every API request is the variant's rate against hc-todo's own,
 * both against the bare app in the same round. `HC_TODO_BENCH_VARIANTS=no-headers,no-proxy …`.
 * A variant changes the benchmark's copy of the checkout, never the checkout.
 */
import fs from 'node:fs';
import path from 'node:path';

export const VARIANTS = {
  /** next.config.js without `headers()` (the `/:path*` nosniff rule and the two static ones). */
  'no-headers': (dir: string) => appendToConfig(dir, 'delete module.exports.headers;'),
  /** next.config.js without `rewrites()` (the tutorial's `/todo_items` paths). */
  'no-rewrites': (dir: string) => appendToConfig(dir, 'delete module.exports.rewrites;'),
  /** No proxy.ts: no matcher for Next to test, no proxy for any path. */
  'no-proxy': (dir: string) => fs.rmSync(path.join(dir, 'proxy.ts')),
  /** No instrumentation.ts (its `register` runs once at start). */
  'no-instrumentation': (dir: string) => fs.rmSync(path.join(dir, 'instrumentation.ts')),
  /** All of the above at once: hc-todo's routes with Next's defaults around them. */
  'no-setup': (dir: string) => {
    for (const v of ['no-headers', 'no-rewrites', 'no-proxy', 'no-instrumentation'] as const)
      VARIANTS[v](dir);
  },
} satisfies Record<string, (dir: string) => void>;

export type Variant = keyof typeof VARIANTS;

export function isVariant(name: string): name is Variant {
  return Object.hasOwn(VARIANTS, name);
}

/** Turns `variant`'s piece off in the project copy at `dir`. */
export function applyVariant(dir: string, variant: Variant): void {
  VARIANTS[variant](dir);
}

function appendToConfig(dir: string, line: string): void {
  fs.appendFileSync(path.join(dir, 'next.config.js'), `\n${line}\n`);
}
