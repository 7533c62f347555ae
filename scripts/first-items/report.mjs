/**
 * Turns the page views into text: the results table (median, spread, ratio to the tutorial page
 * in the same condition), token counts, the emulation check and the critical path of one load.
 * Markdown, so the same text is printed and written to docs/bench/first-items.md.
 */

/**
 * The goals (#16), by page: its baseline page and the largest ratio to it's median.
 * Script mode renders like the tutorial's page; iframe mode is held to a framed widget's floor.
 */
const GOALS = {
  script: { baseline: 'tutorial', ratio: 1.0, interactiveRatio: 1.2 },
  iframe: { baseline: 'floor', ratio: 1.1 },
};

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
 * every page is divided by the tutorial's and by the floor's median in the same condition.
 */
export function resultsTable(cells, networks, visits, pages) {
  const lines = [
    '| network | visit | page | painted median ms | p25–p75 | min–max | in DOM median ms | accepts an add, median ms | × tutorial | × floor | add × tutorial | goal |',
    '| --- | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --- |',
  ];
  for (const network of networks) {
    for (const visit of visits) {
      const views = (page) => cells.get(`${network}/${visit}/${page}`);
      const median = (page, field = 'ms') =>
        quantile(
          views(page)
            .map((v) => v[field])
            .filter((v) => v !== undefined),
          0.5,
        );
      // A page timed by the rendered frame only (script mode: Element Timing sees nothing in a
      // shadow root) is compared with its baselines timed the same way: like with like.
      const byFrame = (page) => views(page).every((v) => v.how === 'frame');
      const base = (page, baseline) =>
        byFrame(page) ? median(baseline, 'frameMs') : median(baseline);
      for (const page of pages) {
        const t = views(page).map((v) => v.ms);
        const dom = views(page)
          .map((v) => v.inDomMs)
          .filter((v) => v !== undefined);
        const goal = GOALS[page];
        const verdicts = [];
        if (goal) {
          const ratio = median(page) / base(page, goal.baseline);
          verdicts.push(
            `painted ≤ ${goal.ratio.toFixed(1)}× ${goal.baseline}: ${ratio <= goal.ratio ? 'met' : 'not met'}`,
          );
          if (goal.interactiveRatio) {
            // The tutorial's page takes input from its paint on: by the same clock as above.
            const interactive = median(page, 'interactiveMs') / base(page, goal.baseline);
            verdicts.push(
              `add ≤ ${goal.interactiveRatio.toFixed(1)}×: ${interactive <= goal.interactiveRatio ? 'met' : 'not met'}`,
            );
          }
        }
        lines.push(
          `| ${network} | ${visit} | ${page} | ${ms(median(page))} | ${ms(quantile(t, 0.25))}–${ms(quantile(t, 0.75))} ` +
            `| ${ms(Math.min(...t))}–${ms(Math.max(...t))} | ${dom.length ? ms(quantile(dom, 0.5)) : '—'} ` +
            `| ${ms(median(page, 'interactiveMs'))} ` +
            `| ${(median(page) / base(page, 'tutorial')).toFixed(2)}${byFrame(page) ? '\\*' : ''} | ${(median(page) / base(page, 'floor')).toFixed(2)}${byFrame(page) ? '\\*' : ''} ` +
            `| ${(median(page, 'interactiveMs') / (byFrame(page) ? base(page, 'tutorial') : median('tutorial', 'interactiveMs'))).toFixed(2)} | ${verdicts.join('; ')} |`,
        );
      }
    }
  }
  return lines.join('\n');
}

/**
 * How the two ways of timing a paint compare where a page has both (probe.mjs): the median of
 * Element Timing's renderTime minus the rendered-frame time, per page, over all its views.
 */
export function methodsTable(cells, pages) {
  const lines = [
    '| page | timed by | views with both | Element Timing − rendered frame, median ms (p25–p75) |',
    '| --- | --- | --: | --: |',
  ];
  for (const page of pages) {
    const views = [...cells.entries()]
      .filter(([key]) => key.endsWith(`/${page}`))
      .flatMap(([, list]) => list);
    const how = [...new Set(views.map((v) => v.how))].join(', ');
    const both = views
      .filter((v) => v.elementMs !== undefined && v.frameMs !== undefined)
      .map((v) => v.elementMs - v.frameMs);
    const spread = both.length
      ? `${ms(quantile(both, 0.5))} (${ms(quantile(both, 0.25))}–${ms(quantile(both, 0.75))})`
      : '—';
    lines.push(`| ${page} | ${how} | ${both.length} | ${spread} |`);
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
  const rowsOf = (network, page) =>
    cells
      .get(`${network}/cold/${page}`)
      .map((view) =>
        view.timeline.filter((row) => row.kind !== 'event' && !row.cached && row.kind !== 'iframe'),
      );
  const shortest = (network, frame) =>
    Math.min(
      ...pages
        .flatMap((page) => rowsOf(network, page).flat())
        .filter((row) => row.frame === frame)
        .map((row) => row.end - row.start),
    );
  // Fetches that beat the emulated latency: made before the frame's conditions arrived (the
  // frame is never paused for them), or not throttled at all.
  const escaped = pages.flatMap((page) =>
    rowsOf('emulated', page).flatMap((rows, view) =>
      rows
        .filter((row) => row.end - row.start < latency * 0.9)
        .map((row) => ({
          page,
          view,
          text: `${page} ${row.frame} ${new URL(row.name).pathname.split('/').pop()} ${ms(row.end - row.start)} ms`,
        })),
    ),
  );
  const views = new Set(escaped.map((e) => `${e.page}/${e.view}`));
  const frames = ['page', 'widget'];
  const covered = escaped.length === 0;
  const text =
    frames
      .map(
        (frame) =>
          `${frame === 'page' ? 'top page' : 'frame'}: ${ms(shortest('loopback', frame))} ms ` +
          `on loopback, ${ms(shortest('emulated', frame))} ms emulated`,
      )
      .join('; ') +
    ` (latency ${latency} ms). ` +
    (covered
      ? 'The emulation covers both documents and all their requests.'
      : `**${escaped.length} fetch(es) in ${views.size} emulated cold view(s) beat the latency** — ` +
        `${escaped
          .slice(0, 8)
          .map((e) => e.text)
          .join('; ')}: those views are partly unthrottled.`);
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
 * document's DOMContentLoaded and load, and the first item in the DOM and painted.
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
    ...(view.inDomMs === undefined
      ? []
      : [{ start: view.inDomMs, frame, kind: 'item', text: 'first item in the DOM' }]),
    {
      start: view.ms,
      frame,
      kind: 'item',
      text: `first item painted in the viewport (${view.how === 'frame' ? 'rendered frame after it came into view' : 'Element Timing renderTime'})`,
    },
    ...(view.interactiveMs > view.ms
      ? [{ start: view.interactiveMs, frame, kind: 'item', text: 'the add form takes input' }]
      : []),
  ]
    .sort((a, b) => a.start - b.start)
    .map((r) => {
      const span =
        r.end === undefined || r.kind === 'event' ? ' '.repeat(8) : ` → ${ms(r.end).padStart(5)}`;
      return `${ms(r.start).padStart(6)}${span}  ${r.frame.padEnd(6)} ${r.kind.padEnd(8)} ${r.text}`;
    });
  return ['```text', '  start →   end  frame  kind     what', ...rows, '```'].join('\n');
}
