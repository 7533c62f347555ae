/**
 * The README's "Deploy with Vercel" button: its link is a Vercel clone URL
 * whose variables are ones the app really reads — derived by running lib/config.ts's parser on
 * an environment that records every read, not from a hand-kept list — that asks for exactly what
 * a Vercel deployment with the Upstash store still lacks, and whose store JSON parses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { parseConfig, vercelProductionHost } from '@/lib/config';

const ROOT = path.resolve(path.dirname(__filename), '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const BUTTON = /\[!\[Deploy with Vercel\]\(https:\/\/vercel\.com\/button\)\]\((\S+?)\)/g;

/** Every variable name lib/config.ts reads, whatever the environment holds. */
function variablesConfigReads(): Set<string> {
  const read = new Set<string>();
  const recording = (values: Record<string, string>): Record<string, string | undefined> =>
    new Proxy(values, {
      get(target, key) {
        if (typeof key === 'string') read.add(key);
        return target[key as string];
      },
    });
  // Enough environments to reach every branch that reads a variable (store choice, Vercel).
  const environments: Record<string, string>[] = [
    {},
    { VERCEL: '1' },
    { KV_REST_API_URL: 'https://kv.example.com', KV_REST_API_TOKEN: 't' },
    { REDIS_URL: 'redis://127.0.0.1:6379' },
  ];
  for (const values of environments) {
    parseConfig(recording(values), { nextDev: false });
    vercelProductionHost(recording(values));
  }
  return read;
}

function buttonUrl(): URL {
  const links = [...README.matchAll(BUTTON)].map((m) => m[1]!);
  expect(links, 'one Deploy with Vercel button in README.md').toHaveLength(1);
  return new URL(links[0]!);
}

describe('the Deploy with Vercel button', () => {
  it('sits in the README’s first screen, beside the pointer to the setup page', () => {
    const index = README.search(BUTTON);
    expect(index).toBeGreaterThan(0);
    expect(index).toBeLessThan(README.indexOf('## The two commands'));
    expect(README.slice(index, index + 2_000)).toContain('the setup page checks');
  });

  it('is a Vercel clone link for a placeholder repository no GitHub account can own', () => {
    const url = buttonUrl();
    expect(url.origin + url.pathname).toBe('https://vercel.com/new/clone');
    const repository = new URL(url.searchParams.get('repository-url') ?? '');
    // GitHub names allow letters, digits and hyphens only: an underscore can never be an owner.
    expect(repository.href).toBe('https://github.com/YOUR_GITHUB_ORG/hc-todo');
    expect(url.searchParams.get('project-name')).toBe('hc-todo');
    expect(url.searchParams.get('repository-name')).toBe('hc-todo');
    expect(url.searchParams.get('envLink')).toBe(`${repository.href}#configuration`);
    expect(README).toContain('\n## Configuration\n');
    expect(url.searchParams.get('envDescription')).toMatch(/\S/);
  });

  it('asks only for variables lib/config.ts reads: exactly what Vercel plus Upstash leaves unset', () => {
    const env = (buttonUrl().searchParams.get('env') ?? '').split(',');
    const reads = variablesConfigReads();
    expect(reads).toContain('ZENDESK_SUBDOMAIN'); // the recording works
    for (const name of env) expect(reads, `lib/config.ts never reads ${name}`).toContain(name);
    // What a Vercel deployment with the store the button adds still reports as missing.
    const onVercel = parseConfig(
      { VERCEL: '1', KV_REST_API_URL: 'https://kv.example.com', KV_REST_API_TOKEN: 't' },
      { nextDev: false },
    );
    const missing = onVercel.ok ? [] : onVercel.problems.map((p) => p.variable);
    expect(env.sort()).toEqual([...new Set(missing)].sort());
  });

  it('adds the Upstash Redis store from the Vercel Marketplace (valid JSON)', () => {
    const stores = JSON.parse(buttonUrl().searchParams.get('stores') ?? 'null') as unknown;
    expect(stores).toEqual([
      {
        type: 'integration',
        integrationSlug: 'upstash',
        productSlug: 'upstash-kv',
        protocol: 'storage',
      },
    ]);
  });
});
