#!/usr/bin/env node
/**
 * Measures the time from navigating to the help center page until the user's first items are
 * visible in the widget, in headless Chromium: the median of 10 runs per embed mode, each in a
 * fresh browser context (cold HTTP cache, as a first visit). Time is taken in the browser:
 * the top page's navigation start to the first item label rendered in the widget frame.
 *
 * Usage: `npm run build && node scripts/bench-first-items.mjs [runs]` — starts the production
 * build and a fake Zendesk on loopback (no network latency: this measures our own work).
 */
import { load, seedItems, startDemoSystem } from './demo-system.mjs';

const runs = Number(process.argv[2] ?? 10);
const browserKit = await load('dev/browser.ts');
const system = await startDemoSystem();
const browser = await browserKit.launchBrowser();
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

try {
  const userId = 7;
  await seedItems(system, userId, ['First', 'Second', 'Third', 'Fourth', 'Fifth']);
  for (const mode of ['script', 'iframe']) {
    const times = [];
    for (let i = 0; i < runs; i += 1) {
      const context = await browserKit.newContext(browser);
      const page = await context.newPage();
      await browserKit.signIn(page, system.helpCenter, userId);
      await page.goto(browserKit.todoPageUrl(system.helpCenter, system.app, mode), {
        waitUntil: 'commit',
      });
      const start = await page.evaluate(() => performance.timeOrigin);
      const frame = await browserKit.widgetFrame(page, system.app);
      const seen = await frame.waitForFunction(
        () => document.querySelector('li label') && performance.timeOrigin + performance.now(),
        undefined,
        { polling: 'raf' },
      );
      times.push((await seen.jsonValue()) - start);
      await context.close();
    }
    const shown = times.map((t) => Math.round(t)).join(', ');
    console.log(`${mode}: median ${Math.round(median(times))} ms over ${runs} runs (${shown})`);
  }
} finally {
  await browser.close();
  await system.stop();
}
