/**
 * Prints the API benchmark's tables (Markdown, ready for docs/bench/api.md): per server, each
 * case's req/s, its ratio to the bare app's GET measured right before it in the same round
 * (median and the spread over rounds), latency, store requests per API call and unexpected
 * answers; then every other embedded server (the 128 MiB cap, variants, a before build) against
 * the plain embedded one, and each server's memory after the run.
 */
export interface Sample {
  readonly server: string;
  /** On the bare app's samples: the server whose cases this floor run was paired with. */
  readonly floorFor?: string;
  readonly case: string;
  readonly round: number;
  readonly responses: number;
  readonly sent: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly bytesPerResponse: number;
  readonly statuses: Record<string, number>;
  /** Responses with the case's expected status. */
  readonly expected: number;
  readonly errors: number;
  readonly timeouts: number;
  /** The server's CPU time (user + system) per answer over the run, in ms. */
  readonly cpuPerCall: number;
  /** KV: bridge requests; Redis: EVAL/EVALSHA; per API request sent. */
  readonly storePerCall?: number;
}

export interface Report {
  readonly samples: readonly Sample[];
  readonly rss: Record<string, { rss: number; peak: number }>;
  readonly seconds: number;
  readonly rounds: number;
  readonly connections: number;
  readonly loadBefore: string;
  readonly loadAfter: string;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fixed = (x: number, digits = 2): string => x.toFixed(digits);

/** The bare app's runs paired with `server`'s cases, one per round. */
const floorsOf = (samples: readonly Sample[], server: string): Sample[] =>
  samples.filter((s) => s.server === 'bare' && s.floorFor === server);

/** Ratio of `kase` on `server` to the bare app's GET in the same round, per round. */
function ratios(samples: readonly Sample[], server: string, kase: string): number[] {
  const floors = floorsOf(samples, server);
  return samples
    .filter((s) => s.server === server && s.case === kase)
    .map((s) => s.rps / floors.find((f) => f.round === s.round)!.rps);
}

export function report(r: Report): void {
  const servers = [...new Set(r.samples.map((s) => s.server))].filter((s) => s !== 'bare');
  const cases = [...new Set(r.samples.filter((s) => s.server !== 'bare').map((s) => s.case))];
  console.log(
    `${r.rounds} rounds × ${r.seconds} s per case (POST at 480+: a fixed count), ` +
      `${r.connections} connections (autocannon, own process), node ${process.version}, ` +
      `load average ${r.loadBefore} before, ${r.loadAfter} after\n`,
  );
  for (const server of servers) {
    console.log(`**${server}**\n`);
    console.log(
      '| case | req/s | × bare app (median, min–max) | p50 ms | p99 ms | bytes | app CPU ms/req | store req/call | unexpected |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    const floors = floorsOf(r.samples, server);
    console.log(
      `| bare app GET (floor) | ${fixed(median(floors.map((s) => s.rps)), 0)} | 1.00× | ` +
        `${fixed(median(floors.map((s) => s.p50)), 1)} | ${fixed(median(floors.map((s) => s.p99)), 1)} | ` +
        `${fixed(median(floors.map((s) => s.bytesPerResponse)), 0)} | ` +
        `${fixed(median(floors.map((s) => s.cpuPerCall)), 3)} | — | ` +
        `${floors.reduce((n, s) => n + (s.responses - s.expected) + s.errors + s.timeouts, 0)} |`,
    );
    for (const kase of cases) {
      const rows = r.samples.filter((s) => s.server === server && s.case === kase);
      if (rows.length === 0) continue;
      const q = ratios(r.samples, server, kase);
      const store = rows.map((s) => s.storePerCall).filter((x) => x !== undefined);
      const unexpected = rows.reduce(
        (n, s) => n + (s.responses - s.expected) + s.errors + s.timeouts,
        0,
      );
      console.log(
        `| ${kase} | ${fixed(median(rows.map((s) => s.rps)), 0)} | ` +
          `${fixed(median(q))}× (${fixed(Math.min(...q))}–${fixed(Math.max(...q))}) | ` +
          `${fixed(median(rows.map((s) => s.p50)), 1)} | ${fixed(median(rows.map((s) => s.p99)), 1)} | ` +
          `${fixed(median(rows.map((s) => s.bytesPerResponse)), 0)} | ` +
          `${fixed(median(rows.map((s) => s.cpuPerCall)), 3)} | ` +
          `${store.length ? fixed(median(store)) : '—'} | ${unexpected} |`,
      );
    }
    console.log('');
  }
  // Every other build or setting on the same embedded data against the plain embedded server:
  // the heap cap, the variants with a piece of the Next setup off, a before build.
  const others = servers.filter((s) => s.startsWith('embedded') && s !== 'embedded');
  if (others.length && servers.includes('embedded')) {
    console.log(
      '**Against the plain embedded server (ratio to the bare app, median; ÷ = other ÷ plain)**\n',
    );
    console.log(`| case | embedded | ${others.map((o) => `${o} | ÷`).join(' | ')} |`);
    console.log(`|---|---:|${others.map(() => '---:|---:').join('|')}|`);
    for (const kase of cases) {
      const plain = median(ratios(r.samples, 'embedded', kase));
      const cells = others.map((o) => {
        const q = median(ratios(r.samples, o, kase));
        return `${fixed(q)}× | ${fixed(q / plain)}`;
      });
      console.log(`| ${kase} | ${fixed(plain)}× | ${cells.join(' | ')} |`);
    }
    console.log('');
  }
  console.log('| server | RSS after the run (MiB) | peak RSS (MiB) |');
  console.log('|---|---:|---:|');
  for (const [server, m] of Object.entries(r.rss)) {
    console.log(`| ${server} | ${fixed(m.rss, 0)} | ${fixed(m.peak, 0)} |`);
  }
}
