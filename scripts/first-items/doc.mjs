/**
 * docs/bench/first-items.md: the run's circumstances (date, machine, load, browser, command),
 * the results table, token counts, the emulation check and the critical paths, in one markdown
 * text that the benchmark both prints and writes (prettier-formatted, so `npm run lint` passes).
 */
import os from 'node:os';
import prettier from 'prettier';

import {
  criticalPath,
  emulationCheck,
  methodsTable,
  resultsTable,
  tokenCounts,
  typicalView,
} from './report.mjs';

const loadText = (avg) => avg.map((n) => n.toFixed(2)).join(' ');

/**
 * The document. `run` holds what the benchmark measured and under which circumstances:
 * { cells, networks, visits, pages, origins, emulation, emulated, runs, command, browserVersion,
 *   loadBefore }.
 */
export function firstItemsDoc(run) {
  const { cells, networks, pages, emulation, emulated } = run;
  const check = emulationCheck(cells, pages, emulated.params.latency);
  const paths = networks.flatMap((network) =>
    pages.map((page) => {
      const view = typicalView(cells.get(`${network}/cold/${page}`));
      return `### ${page}, ${network}, cold (${Math.round(view.ms)} ms)\n\n${criticalPath(view, run.origins)}`;
    }),
  );
  const { latency, downloadThroughput, uploadThroughput } = emulated.params;
  const errors = emulation.errors.length ? ` Errors: ${emulation.errors.join('; ')}.` : '';
  // Every page view that showed its items in a frame must have had a frame target set up.
  const frameViews = [...cells.values()].flat().filter((v) => v.shownIn !== 'page').length;
  const covered = check.covered && !emulation.errors.length && emulation.frames >= frameViews;
  const text = `# First items on screen: hc-todo vs the tutorial's page

Written by \`npm run bench\` (scripts/bench-first-items.mjs); re-run it rather than editing this.

- Date: ${new Date().toISOString()}
- Machine: \`nproc\` ${os.availableParallelism()}, ${os.cpus()[0]?.model ?? 'unknown CPU'}; load average ${loadText(run.loadBefore)} before, ${loadText(os.loadavg())} after (shared machine)
- Browser: ${run.browserVersion}, headless, flags of dev/browser.ts plus \`--window-size=1280,720\`, site isolation on (the widget is an out-of-process iframe), driven over raw CDP (\`--remote-debugging-pipe\`, flattened sessions, \`Target.setAutoAttach\` with \`waitForDebuggerOnStart: false\`: no frame is ever paused; scripts/first-items/cdp.mjs)
- Origins: help center ${run.origins.helpCenter}, app ${run.origins.app} (another site), floor frame on localhost as well
- Node ${process.version}; command: \`${run.command}\` (${run.runs} runs per cell after one unmeasured warm-up round, interleaved round-robin)
- Networks: loopback (no throttling); emulated = CDP \`Network.emulateNetworkConditions\` with ${latency} ms latency, ${downloadThroughput / 1e6} MB/s down, ${uploadThroughput / 1e6} MB/s up, set on the page and on every frame target as it attaches, without holding it (scripts/first-items/network.mjs)

"First item painted" = from the top page's navigation start until the first seeded item is painted inside the viewport of the document showing it, recorded inside that document (scripts/first-items/probe.mjs), two ways: by Element Timing where the browser reports it — the items carry \`elementtiming="todo-item"\` and a PerformanceObserver takes the first \`element\` entry with a non-empty \`intersectionRect\` (\`renderTime\` + the document's \`performance.timeOrigin\`, minus the top document's) — and otherwise by the first rendered frame in which the item is in the DOM and inside the viewport (a task posted from that frame's \`requestAnimationFrame\` callback). Chromium reports no Element Timing entry for an element in a shadow tree, so script mode's widget (in \`#hc-todo\`'s shadow root) is timed by the rendered frame; the table after the results compares the two ways on the pages that have both. "In DOM" = when a MutationObserver in the document (and in every shadow root) saw the item (— when the item was parsed before the probe reached a frame it could not pause). "Accepts an add" = the later of that paint and the widget's \`hc-todo:interactive\` mark (its add form has its handlers; the tutorial's page has them before its list, so its paint). Cold = a fresh browser context; warm = a second visit in the same context (HTTP cache and connections kept). Pages: \`tutorial\` = the public tutorial's custom page (dev/tutorial-page.ts) calling hc-todo's \`/todo_items\`; \`floor\` = the floor of a framed widget (dev/floor-page.ts: the token fetched with the tutorial's call, then posted into a cross-site frame whose static HTML already holds the items, scripts/first-items/floor-frame.mjs); \`script\` and \`iframe\` = the theme snippets of theme-snippet/ on a Guide-like page. Goals (issue #16): script mode's first item painted ≤ 1.0× the tutorial and accepting an add ≤ 1.2× the tutorial's, iframe mode ≤ 1.1× the floor, each in the same network and visit.

## Results

${resultsTable(cells, networks, run.visits, pages)}

Ratios marked with an asterisk are script mode's: it is timed by the rendered frame (Element Timing reports nothing in a shadow root), so it is divided by the baseline's median timed the same way — the tutorial's page and the floor record both — rather than by the Element Timing median in the baseline's row. Its goals are judged the same way.

### The two ways of timing a paint

${methodsTable(cells, pages)}

A positive difference means Element Timing reports the paint later than the rendered frame does: by about that much, the rendered-frame time favours a page timed by it.

## Token requests per page view

${tokenCounts(cells, pages)}

hc-todo should fetch the help center token once per page view; the tutorial page fetches one per API call.

## Emulation check

${check.text} Frame targets given the conditions: ${emulation.frames}, for ${frameViews} page views showing the items in a frame (a view may create more than one).${errors}

Why per frame: with the conditions set on the page's CDP session only, the widget frame (out of process) fetched its chunks and \`/api/todo_items\` unthrottled: tried once with 500 ms latency, the frame's document request (made on the page's behalf) waited 495 ms, but its chunks took 246–699 ms, most under the latency alone, and the API call 37 ms; with the conditions set on every frame target, each of its fetches took ≥ 510 ms.

## Critical path

The cold load nearest each cell's median; ms since the top page's navigation start (\`start → end\` of each fetch, from the resource timings of every frame; the page's \`iframe\` row is the whole frame load as the page sees it).

${paths.join('\n\n')}
`;
  return { text, covered };
}

/** `text` formatted as prettier would for `file`. */
export async function formatMarkdown(text, file) {
  return prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
}
