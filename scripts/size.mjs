#!/usr/bin/env node
/**
 * Prints what the embed costs a help center page: public/embed.js gzipped, script mode's in-page
 * widget (public/embed/widget.js), and the JavaScript (and CSS) the iframe's /widget page loads,
 * each file gzipped at level 9 and summed.
 *
 * Usage: `node scripts/size.mjs [appUrl]` — measures a running deployment at appUrl, or starts
 * the production build itself (`npm run build` first) when no URL is given. Exits 1 when embed.js
 * is over its budget, so CI (.ci/run) can hold it there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { requireBuild, ROOT, startApp } from './demo-system.mjs';

const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

/** embed.js is on every help center page, before the widget is wanted: 3 KiB gzip at most. */
const EMBED_BUDGET_BYTES = 3 * 1024;

const embed = fs.readFileSync(path.join(ROOT, 'public', 'embed.js'));
const embedGzip = gz(embed);
console.log(`embed.js: ${kib(embed.length)} raw, ${kib(embedGzip)} gzip (budget 3 KiB)`);
if (embedGzip > EMBED_BUDGET_BYTES) {
  console.error(`embed.js is over its budget: ${kib(embedGzip)} gzip > ${kib(EMBED_BUDGET_BYTES)}`);
  process.exitCode = 1;
}

// Script mode's widget, which the help center page imports: no budget of its own, but printed,
// so a change that makes every custom page view heavier shows here.
const widgetModule = path.join(ROOT, 'public', 'embed', 'widget.js');
if (fs.existsSync(widgetModule)) {
  const bytes = fs.readFileSync(widgetModule);
  console.log(
    `embed/widget.js (script mode's widget): ${kib(bytes.length)} raw, ${kib(gz(bytes))} gzip`,
  );
} else {
  console.log('embed/widget.js: not built (npm run build)');
}

let appUrl = process.argv[2];
let stop = async () => {};
if (!appUrl) {
  requireBuild();
  const app = await startApp({
    ZENDESK_SUBDOMAIN: 'size',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-size-')),
  });
  appUrl = app.url;
  stop = () => app.stop();
}
/** The scripts and stylesheets a page references: <script src>, preloads and stylesheets. */
async function pageAssets(pathname) {
  const html = await (await fetch(`${appUrl}${pathname}`)).text();
  const assets = new Set(
    [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
  );
  return { html, assets };
}

try {
  const { html, assets } = await pageAssets('/widget');
  // What any page of this Next.js build loads (React, the App Router runtime): `/` has no
  // client components, so the difference is the widget's own code (components, SWR, i18n).
  const framework = (await pageAssets('/')).assets;
  const rows = [];
  for (const asset of assets) {
    const body = Buffer.from(await (await fetch(`${appUrl}${asset}`)).arrayBuffer());
    rows.push({ asset, raw: body.length, gzip: gz(body), shared: framework.has(asset) });
  }
  for (const kind of ['js', 'css']) {
    const mine = rows.filter((row) => row.asset.endsWith(`.${kind}`));
    const raw = mine.reduce((sum, row) => sum + row.raw, 0);
    const gzip = mine.reduce((sum, row) => sum + row.gzip, 0);
    const own = mine.filter((row) => !row.shared).reduce((sum, row) => sum + row.gzip, 0);
    console.log(
      `/widget ${kind}: ${mine.length} files, ${kib(raw)} raw, ${kib(gzip)} gzip ` +
        `(${kib(own)} gzip of it not shared with a page without client code)`,
    );
  }
  console.log(`/widget html: ${kib(gz(Buffer.from(html)))} gzip`);
} finally {
  await stop();
}
