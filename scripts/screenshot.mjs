#!/usr/bin/env node
/**
 * Writes docs/widget.png: the widget as a signed-in user sees it inside a Copenhagen-like help
 * center page, with a few items (one done). `--locale=ar` (or `he`) shows it in a right-to-left
 * help center instead and writes docs/widget-<locale>.png. With `setup`, writes the production
 * setup page instead: docs/setup-page.png (a healthy deployment) and
 * docs/setup-page-misconfigured.png (Zendesk's key endpoint does not answer, no webhook secret).
 *
 * Usage: `npm run build && node scripts/screenshot.mjs [script|iframe|setup] [--locale=ar]`
 * (default script, English). It starts everything it needs — the production build on a free port
 * and a fake Zendesk — and stops it again; nothing else needs to be running. Chromium:
 * /usr/bin/chromium or CHROMIUM_PATH.
 */
import path from 'node:path';

import { load, ROOT, seedItems, startDemoSystem } from './demo-system.mjs';

/** The items shown, by locale; the second one quotes an English title, as real items do. */
const ITEMS = {
  en: ['Renew the support contract', 'Read “Getting started with Guide”', 'Reply to the survey'],
  ar: ['تجديد عقد الدعم', 'قراءة «Getting started with Guide»', 'الرد على الاستبيان'],
  he: ['חידוש חוזה התמיכה', 'לקרוא את "Getting started with Guide"', 'לענות על הסקר'],
};

const args = process.argv.slice(2);
const mode = args.includes('iframe') ? 'iframe' : 'script';
const locale = args.find((arg) => arg.startsWith('--locale='))?.slice('--locale='.length) ?? 'en';
if (!Object.hasOwn(ITEMS, locale)) {
  console.error(`--locale must be one of ${Object.keys(ITEMS).join(', ')}`);
  process.exit(1);
}
const out = path.join(ROOT, 'docs', locale === 'en' ? 'widget.png' : `widget-${locale}.png`);

const browserKit = await load('dev/browser.ts');

if (args.includes('setup')) {
  await setupPage('setup-page.png', { ZENDESK_WEBHOOK_SECRET: 'demo-'.repeat(8) });
  // Port 9 (discard) refuses connections: a key endpoint that does not answer.
  await setupPage('setup-page-misconfigured.png', {
    ZENDESK_JWKS_URL: 'http://127.0.0.1:9/api/v2/help_center/integration/keys.json',
  });
  process.exit(0);
}

/** The whole setup page of an app started with `env`. */
async function setupPage(file, env) {
  const system = await startDemoSystem(env);
  const browser = await browserKit.launchBrowser();
  try {
    const context = await browser.newContext({
      viewport: { width: 960, height: 800 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.goto(`${system.app}/`);
    await page.waitForSelector('button:text("Copy script mode snippet")');
    const out = path.join(ROOT, 'docs', file);
    await page.screenshot({ path: out, fullPage: true });
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    await browser.close();
    await system.stop();
  }
}

const system = await startDemoSystem();
const browser = await browserKit.launchBrowser();
try {
  const userId = 42;
  const token = await seedItems(system, userId, ITEMS[locale]);
  // Mark the first one done, so both states show.
  const list = await fetch(`${system.app}/api/todo_items`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((res) => res.json());
  await fetch(`${system.app}/api/todo_items/${list.todo_items[0].id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ done: true }),
  });

  const context = await browser.newContext({
    viewport: { width: 1000, height: 640 },
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  await browserKit.signIn(page, system.helpCenter, userId);
  // A help center in that language: the user's locale, and the page's own <html lang dir>.
  const extra = locale === 'en' ? {} : { locale, lang: locale };
  const frame = await browserKit.openTodoPage(page, system.helpCenter, system.app, mode, extra);
  await frame.waitForSelector('li label');
  await frame.evaluate(
    () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
  );
  // Wait until the iframe has taken the height the widget reports (its root's box).
  const height = await frame.evaluate(() =>
    Math.ceil(document.querySelector('main').parentElement.getBoundingClientRect().height),
  );
  await page.waitForFunction(
    (h) => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - h) < 1,
    height,
  );
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(process.cwd(), out)} (${mode} mode, ${locale})`);
} finally {
  await browser.close();
  await system.stop();
}
