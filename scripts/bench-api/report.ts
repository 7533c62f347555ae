/**
 * Prints the API benchmark's tables (Markdown, ready for docs/bench/api.md): per server, each
 * case's req/s, its ratio to the same server's floor in the same round (median and the spread
 * over rounds), latency, store requests per API call and unexpected answers; then the capped
 * server's ratios against the uncapped one's, and each server's memory after the run.
 */
export interface Sample {
  readonly server: string;
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

/** Ratio of `kase` to the floor per round, on one server. */
function ratios(samples: readonly Sample[], server: string, kase: string): number[] {
  const mine = samples.filter((s) => s.server === server);
  return mine
    .filter((s) => s.case === kase)
    .map((s) => s.rps / mine.find((f) => f.case === 'floor' && f.round === s.round)!.rps);
}

export function report(r: Report): void {
  const servers = [...new Set(r.samples.map((s) => s.server))];
  const cases = [...new Set(r.samples.map((s) => s.case))];
  console.log(
    `${r.rounds} rounds × ${r.seconds} s per case (POST at 480+: a fixed count), ` +
      `${r.connections} connections (autocannon, own process), node ${process.version}, ` +
      `load average ${r.loadBefore} before, ${r.loadAfter} after\n`,
  );
  for (const server of servers) {
    console.log(`**${server}**\n`);
    console.log(
      '| case | req/s | × floor (median, min–max) | p50 ms | p99 ms | bytes | store req/call | unexpected |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
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
          `${store.length ? fixed(median(store)) : '—'} | ${unexpected} |`,
      );
    }
    console.log('');
  }
  const capped = servers.find((s) => s.includes('128 MiB'));
  if (capped && servers.includes('embedded')) {
    console.log('**128 MiB heap cap against uncapped (ratio to floor, median)**\n');
    console.log('| case | uncapped | capped | capped ÷ uncapped |');
    console.log('|---|---:|---:|---:|');
    for (const kase of cases.filter((c) => c !== 'floor')) {
      const u = median(ratios(r.samples, 'embedded', kase));
      const c = median(ratios(r.samples, capped, kase));
      console.log(`| ${kase} | ${fixed(u)}× | ${fixed(c)}× | ${fixed(c / u)} |`);
    }
    console.log('');
  }
  if (servers.includes('embedded, before') && servers.includes('embedded')) {
    console.log('**This build against the HC_TODO_BENCH_BEFORE build (ratio to floor, median)**\n');
    console.log('| case | before | after | after req/s ÷ before req/s |');
    console.log('|---|---:|---:|---:|');
    for (const kase of cases.filter((c) => c !== 'floor')) {
      const b = median(ratios(r.samples, 'embedded, before', kase));
      const a = median(ratios(r.samples, 'embedded', kase));
      const rps = (server: string): number =>
        median(r.samples.filter((s) => s.server === server && s.case === kase).map((s) => s.rps));
      console.log(
        `| ${kase} | ${fixed(b)}× | ${fixed(a)}× | ${fixed(rps('embedded') / rps('embedded, before'))} |`,
      );
    }
    console.log('');
  }
  console.log('| server | RSS after the run (MiB) | peak RSS (MiB) |');
  console.log('|---|---:|---:|');
  for (const [server, m] of Object.entries(r.rss)) {
    console.log(`| ${server} | ${fixed(m.rss, 0)} | ${fixed(m.peak, 0)} |`);
  }
}
