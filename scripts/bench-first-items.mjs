#!/usr/bin/env node
/**
 * `npm run bench [-- runs]`: how long until the user's first to-do items are on screen, for
 * hc-todo's two embed modes beside the public tutorial's own custom page (the baseline), in one
 * run of one headless Chromium: on loopback and under an emulated network, cold (a fresh browser
 * context: empty HTTP cache, no open connections) and warm (a second visit in that context).
 * Runs are interleaved round-robin — each round measures every page in every condition, in a
 * rotating order — so machine noise (2 shared cores) hits all pages alike. Beside them, the
 * floor of any framed widget (dev/floor-page.ts: the token fetched as the tutorial does, then a
 * cross-site frame whose HTML already holds the items). Prints a markdown table (median, spread,
 * first item in the DOM beside its paint, ratios to the tutorial page and to the floor in the
 * same condition), the token requests per page view and the critical path of a typical cold load
 * per page, and writes it all to docs/bench/first-items.md. How a time is taken:
 * scripts/first-items/probe.mjs; Chromium is driven over raw CDP (scripts/first-items/cdp.mjs),
 * never holding a frame.
 *
 * Needs `npx next build` first; starts `next start` and a fake Zendesk on loopback itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { load, ROOT, seedItems, startDemoSystem } from './demo-system.mjs';
import { launchPipeBrowser } from './first-items/cdp.mjs';
import { startFloorFrame } from './first-items/floor-frame.mjs';
import { EMULATED, LOOPBACK } from './first-items/network.mjs';
import { openSession } from './first-items/session.mjs';
import { firstItemsDoc, formatMarkdown } from './first-items/doc.mjs';

const runs = Number(process.argv[2] ?? 7);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('Usage: npm run bench [-- runs]   (runs per cell, default 7)');
  process.exit(2);
}
const DOC = path.join(ROOT, 'docs/bench/first-items.md');
const USER_ID = 7;
/** Every seeded item contains this, and nothing else on the pages does. */
const MARKER = 'bench item';
const NETWORKS = [LOOPBACK, EMULATED];
const VISITS = ['cold', 'warm'];

const browserKit = await load('dev/browser.ts');
const { USER_COOKIE } = await load('dev/fake-zendesk.ts');
const loadBefore = os.loadavg();
const VALUES = [1, 2, 3, 4, 5].map((n) => `Renew ${MARKER} ${n}`);
const system = await startDemoSystem();
const floorFrame = await startFloorFrame(VALUES);
const browser = await launchPipeBrowser(browserKit.CHROMIUM_PATH, [
  ...browserKit.CHROMIUM_ARGS,
  '--window-size=1280,720',
]);
const ms = (view) => Math.round(view.ms);
const PAGES = [
  {
    name: 'tutorial',
    url: `${system.helpCenter}/hc/tutorial?app=${encodeURIComponent(system.app)}`,
  },
  {
    name: 'floor',
    url: `${system.helpCenter}/hc/floor?frame=${encodeURIComponent(floorFrame.url)}`,
  },
  { name: 'script', url: browserKit.todoPageUrl(system.helpCenter, system.app, 'script') },
  { name: 'iframe', url: browserKit.todoPageUrl(system.helpCenter, system.app, 'iframe') },
];

const emulation = { frames: 0, errors: [] };

/** A cold and then a warm view of `url` in one fresh context under `network`. */
async function measure(url, network) {
  const session = await openSession(browser, {
    // The session cookie is set directly: a sign-in page would open a connection early.
    cookie: {
      name: USER_COOKIE,
      value: String(USER_ID),
      url: system.helpCenter,
      httpOnly: true,
      sameSite: 'Lax',
    },
    network,
    helpCenter: system.helpCenter,
    stats: emulation,
  });
  try {
    const cold = await session.visit(url);
    const warm = await session.visit(url);
    return { cold, warm };
  } finally {
    await session.close();
  }
}

const cells = new Map();
/** One cold + warm pair per page and network, in a rotating order; `record` false = warm-up. */
async function round(index, record) {
  const networks = index % 2 ? [...NETWORKS].reverse() : NETWORKS;
  const pages = [...PAGES.slice(index % PAGES.length), ...PAGES.slice(0, index % PAGES.length)];
  const shown = [];
  for (const network of networks) {
    for (const page of pages) {
      const views = await measure(page.url, network);
      shown.push(`${network.name} ${page.name} ${ms(views.cold)}/${ms(views.warm)}`);
      if (!record) continue;
      for (const visit of VISITS) {
        const key = `${network.name}/${visit}/${page.name}`;
        cells.set(key, [...(cells.get(key) ?? []), views[visit]]);
      }
    }
  }
  const name = record ? `round ${index + 1}/${runs}` : 'warm-up (not counted)';
  console.error(`${name}, cold/warm ms: ${shown.join(', ')}`);
}

let browserVersion;
try {
  await seedItems(system, USER_ID, VALUES);
  browserVersion = browser.version;
  // The first requests to a fresh `next start` compile and cache routes: keep them out.
  await round(0, false);
  for (let index = 0; index < runs; index += 1) await round(index, true);
} finally {
  await browser.close().catch(() => {});
  await floorFrame.close();
  await system.stop();
}

const args = process.argv.slice(2).join(' ');
const { text, covered } = firstItemsDoc({
  cells,
  networks: NETWORKS.map((n) => n.name),
  visits: VISITS,
  pages: PAGES.map((p) => p.name),
  origins: { app: system.app, helpCenter: system.helpCenter },
  emulation,
  emulated: EMULATED,
  runs,
  command: `npm run bench${args ? ` -- ${args}` : ''}`,
  browserVersion,
  loadBefore,
});
const formatted = await formatMarkdown(text, DOC);
fs.writeFileSync(DOC, formatted);
console.log(formatted);
if (!covered) {
  console.error('The network emulation did not reach every frame: the emulated numbers are wrong.');
  process.exitCode = 1;
}
