/**
 * Turns the page views into text: the results table (median, spread, ratio to the tutorial page
 * in the same condition), token counts, the emulation check and the critical path of one load.
 * Markdown, so the same text is printed and written to docs/bench/first-items.md.
 */

/** The goals: cold ≤ 1.2× the tutorial page, warm ≤ 1.0×. */
const GOAL = { cold: 1.2, warm: 1.0 };

/** The q-quantile (0…1) of `values`, linearly interpolated. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

const ms = (value) => `${Math.round(value)}`;

/**
 * The results table. `cells` maps `${network}/${visit}/${page}` to the views measured there;
 * `pages[0]` is the baseline the others are divided by.
 */
export function resultsTable(cells, networks, visits, pages) {
  const lines = [
    '| network | visit | page | median ms | p25–p75 ms | min–max ms | × tutorial | goal |',
    '| --- | --- | --- | --: | --: | --: | --: | --- |',
  ];
  for (const network of networks) {
    for (const visit of visits) {
      const times = (page) => cells.get(`${network}/${visit}/${page}`).map((view) => view.ms);
      const baseline = quantile(times(pages[0]), 0.5);
      for (const page of pages) {
        const t = times(page);
        const median = quantile(t, 0.5);
        const ratio = median / baseline;
        const isBaseline = page === pages[0];
        const goal = isBaseline
          ? ''
          : `≤ ${GOAL[visit].toFixed(1)}× ${ratio <= GOAL[visit] ? 'met' : 'not met'}`;
        lines.push(
          `| ${network} | ${visit} | ${page} | ${ms(median)} | ${ms(quantile(t, 0.25))}–${ms(quantile(t, 0.75))} ` +
            `| ${ms(Math.min(...t))}–${ms(Math.max(...t))} | ${isBaseline ? '1.00' : ratio.toFixed(2)} | ${goal} |`,
        );
      }
    }
  }
  return lines.join('\n');
}

/** How many token requests each page view made, per page: e.g. `1 (28 views)`. */
export function tokenCounts(cells, pages) {
  const lines = ['| page | token requests per page view |', '| --- | --- |'];
  for (const page of pages) {
    const counts = new Map();
    for (const [key, views] of cells) {
      if (!key.endsWith(`/${page}`)) continue;
      for (const view of views)
        counts.set(view.tokenRequests, (counts.get(view.tokenRequests) ?? 0) + 1);
    }
    const shown = [...counts]
      .sort(([a], [b]) => a - b)
      .map(([n, views]) => `${n} (${views} views)`);
    lines.push(`| ${page} | ${shown.join(', ')} |`);
  }
  return lines.join('\n');
}

/**
 * Whether the emulated latency reached every document: the shortest network fetch of each frame
 * in the cold views, per network. Under 40 ms latency none can be shorter than ~40 ms; on
 * loopback many take a few ms. Returns the text and whether every frame was covered.
 */
export function emulationCheck(cells, pages, latency) {
  const shortest = (network, frame) =>
    Math.min(
      ...pages
        .flatMap((page) => cells.get(`${network}/cold/${page}`))
        .flatMap((view) => view.timeline)
        .filter((row) => row.frame === frame && row.kind !== 'event' && !row.cached)
        .map((row) => row.end - row.start),
    );
  const frames = ['page', 'widget'];
  const covered = frames.every((frame) => shortest('emulated', frame) >= latency * 0.9);
  const text =
    frames
      .map(
        (frame) =>
          `${frame === 'page' ? 'top page' : 'widget frame'}: ${ms(shortest('loopback', frame))} ms ` +
          `on loopback, ${ms(shortest('emulated', frame))} ms emulated`,
      )
      .join('; ') +
    ` (latency ${latency} ms). ` +
    (covered
      ? 'The emulation covers both documents and all their requests.'
      : '**The emulation does NOT cover every frame: the emulated numbers are wrong.**');
  return { covered, text: `Shortest network fetch in any cold view — ${text}` };
}

/** The view whose time is nearest the median: a representative load to show. */
export function typicalView(views) {
  const median = quantile(
    views.map((v) => v.ms),
    0.5,
  );
  return views.reduce((best, v) =>
    Math.abs(v.ms - median) < Math.abs(best.ms - median) ? v : best,
  );
}

/**
 * One load, relative to the top page's navigation start: every fetch (start → end), each
 * document's DOMContentLoaded and load, the frame's CDP hold, and the first item.
 */
export function criticalPath(view, origins) {
  const label = (url) => {
    const u = new URL(url);
    const host =
      u.origin === origins.app ? 'app' : u.origin === origins.helpCenter ? 'hc' : u.origin;
    const path = u.pathname.startsWith('/_next/static/')
      ? `…/${u.pathname.split('/').pop()}`
      : u.pathname;
    return `${host} ${path}`;
  };
  const frame = view.shownIn === 'page' ? 'page' : 'widget';
  const rows = [
    ...view.timeline.map((r) => ({
      ...r,
      text: r.kind === 'event' ? r.name : `${label(r.name)}${r.cached ? ' (cache)' : ''}`,
    })),
    ...(view.holds ?? []).map((h) => ({
      ...h,
      frame: 'widget',
      kind: 'held',
      text: 'new frame held by CDP until resumed (Playwright set-up, our conditions)',
    })),
    { start: view.inDomMs, frame, kind: 'item', text: 'first item in the DOM' },
    { start: view.ms, frame, kind: 'item', text: 'first item painted' },
  ]
    .sort((a, b) => a.start - b.start)
    .map((r) => {
      const span =
        r.end === undefined || r.kind === 'event' ? ' '.repeat(8) : ` → ${ms(r.end).padStart(5)}`;
      return `${ms(r.start).padStart(6)}${span}  ${r.frame.padEnd(6)} ${r.kind.padEnd(8)} ${r.text}`;
    });
  return ['```text', '  start →   end  frame  kind     what', ...rows, '```'].join('\n');
}
