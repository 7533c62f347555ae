/**
 * The production setup page at `/` (docs/embedding.md) in Chromium: the failing item and its
 * fix on misconfigured servers, every item ok and this server's origin in both snippets on a
 * healthy one, a copied snippet that works pasted into a help center, no JavaScript needed, no
 * axe violations, no-store and frame-ancestors 'none', and never a secret value.
 */
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort, startApp, type AppServer } from '../../dev/app-server';
import { addItem, itemTexts, newContext, signIn, widgetFrame } from '../../dev/browser';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { useBrowser } from '../support/browser-hooks';
import { call, newUserId } from '../support/api';
import { appEnv, system } from '../support/system';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PLACEHOLDER = 'https://YOUR-APP.invalid';
// Long and unlike Zendesk's example, so it is valid under any rule on webhook secrets.
const WEBHOOK_SECRET = 'setup-page-test-webhook-secret-5f1c0e7a9b2d4c6e';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);
let dataRoot: string;
const servers: Record<'healthy' | 'noSubdomain' | 'deadKeys', AppServer> = {} as never;

/** A KV-mode server (so a store token is configured too) with `change` applied to its env. */
async function server(change: Record<string, string | undefined>): Promise<AppServer> {
  const dir = fs.mkdtempSync(path.join(dataRoot, 'data-'));
  const env = { ...appEnv(sut, 'kv', dir, { ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET }), ...change };
  return startApp(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >,
  );
}

beforeAll(async () => {
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-setup-'));
  const deadPort = await freePort();
  [servers.healthy, servers.noSubdomain, servers.deadKeys] = await Promise.all([
    server({}),
    server({ ZENDESK_SUBDOMAIN: undefined }),
    server({ ZENDESK_JWKS_URL: `http://127.0.0.1:${deadPort}/keys.json` }),
  ]);
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  fs.rmSync(dataRoot, { recursive: true, force: true });
});

/** The setup page of `app` in a fresh context. */
async function openSetup(browser: Browser, app: string, javaScript = true): Promise<Page> {
  const context = javaScript
    ? await newContext(browser)
    : await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(`${app}/`);
  expect(response?.status()).toBe(200);
  return page;
}

/** Each checklist item's state, by id. */
function states(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-check]', (items) =>
    Object.fromEntries(
      items.map((i) => [i.getAttribute('data-check'), i.getAttribute('data-state')]),
    ),
  );
}

const itemText = async (page: Page, id: string): Promise<string> =>
  (await page.textContent(`[data-check="${id}"]`)) ?? '';

describe('the setup page', { timeout: 90_000 }, () => {
  const browser = useBrowser();

  it('without ZENDESK_SUBDOMAIN: configuration and keys fail, naming it, with the fix', async () => {
    const page = await openSetup(browser(), servers.noSubdomain.url);
    expect(await states(page)).toMatchObject({ configuration: 'problem', keys: 'problem' });
    expect(await itemText(page, 'configuration')).toContain('ZENDESK_SUBDOMAIN');
    expect(await itemText(page, 'keys')).toContain(
      'Set ZENDESK_SUBDOMAIN to your Zendesk account’s subdomain',
    );
    expect(await page.textContent('main')).toContain('problem');
    await page.context().close();
  });

  it('with a key endpoint that does not answer: only the keys fail, with the fix', async () => {
    const page = await openSetup(browser(), servers.deadKeys.url);
    expect(await states(page)).toEqual({
      configuration: 'ok',
      store: 'ok',
      keys: 'problem',
      origins: 'ok',
      webhook: 'ok',
      'origin-claim': 'note',
    });
    const keys = await itemText(page, 'keys');
    expect(keys).toContain('did not answer with a key set');
    expect(keys).toContain('What to do');
    expect(keys).toContain('ZENDESK_JWKS_URL');
    await page.context().close();
  });

  it('healthy: every item ok, the keys counted, both snippets carry this server’s origin', async () => {
    const app = servers.healthy.url;
    const page = await openSetup(browser(), app);
    const { 'origin-claim': claim, ...all } = await states(page);
    expect(Object.keys(all)).toHaveLength(5);
    expect(Object.values(all).every((s) => s === 'ok')).toBe(true);
    // The one item that never depends on the configuration (a public page says nothing of it).
    expect(claim).toBe('note');
    expect(await itemText(page, 'keys')).toMatch(
      /ZENDESK_SUBDOMAIN answers: \d+ keys?, fetched at/,
    );
    expect(await itemText(page, 'origins')).toContain(sut.zendeskUrl);
    const script = (await page.textContent('#snippet-script')) ?? '';
    const iframe = (await page.textContent('#snippet-iframe')) ?? '';
    expect(script).toContain(`<script src="${app}/embed.js" data-hc-todo-embed async>`);
    expect(iframe).toContain(`src="${app}/widget"`);
    expect(script + iframe).not.toContain(PLACEHOLDER);
    await page.context().close();
  });

  it.each(['script', 'iframe'] as const)(
    'the %s snippet, copied with its button and pasted into a help center, works end to end',
    async (mode) => {
      const app = servers.healthy.url;
      const page = await openSetup(browser(), app);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app });
      const label = `Copy ${mode} mode snippet`;
      await page.click(`button:text-is("${label}")`);
      await page.waitForSelector(`[role="status"]:text("snippet copied.")`);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.textContent(`#snippet-${mode}`));

      // The admin pastes it as a custom page; a signed-in user with one item opens it.
      const created = await fetch(`${sut.zendeskUrl}/hc/pages`, { method: 'POST', body: copied });
      const { path: pagePath } = (await created.json()) as { path: string };
      const userId = newUserId();
      const token = await zendesk.userToken(userId);
      expect(
        (await call(app, 'POST', '/api/todo_items', { token, body: { value: 'Seeded' } })).status,
      ).toBe(201);
      await signIn(page, sut.zendeskUrl, userId);
      await page.goto(`${sut.zendeskUrl}${pagePath}`);
      const frame = await widgetFrame(page, app);
      await frame.waitForSelector('li label');
      expect(await itemTexts(frame)).toEqual(['Seeded']);
      await addItem(frame, `Added through the ${mode} snippet`);
      const list = await call<{ todo_items: { value: string }[] }>(app, 'GET', '/api/todo_items', {
        token,
      });
      expect(list.body.todo_items.map((i) => i.value)).toEqual([
        'Seeded',
        `Added through the ${mode} snippet`,
      ]);
      await page.context().close();
    },
  );

  it('works with JavaScript off: checklist and snippets are there, the copy buttons are not', async () => {
    const page = await openSetup(browser(), servers.healthy.url, false);
    expect(Object.keys(await states(page))).toHaveLength(6);
    expect(await page.textContent('#snippet-script')).toContain(`${servers.healthy.url}/embed.js`);
    expect(await page.textContent('#snippet-iframe')).toContain(`${servers.healthy.url}/widget`);
    expect(await page.isVisible('#snippet-iframe')).toBe(true);
    expect(await page.isVisible('button:text("Copy script mode snippet")')).toBe(false);
    await page.context().close();
  });

  it('has no axe violations, healthy or misconfigured', async () => {
    for (const app of [servers.healthy.url, servers.noSubdomain.url, servers.deadKeys.url]) {
      const page = await openSetup(browser(), app);
      await page.waitForSelector('button:text("Copy script mode snippet")');
      await page.addScriptTag({ path: AXE_PATH });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } })
          .axe;
        return (await axe.run()).violations.map((v) => JSON.stringify(v).slice(0, 300));
      });
      expect(violations, app).toEqual([]);
      await page.context().close();
    }
  });
});

describe('the setup page over HTTP', () => {
  it('answers no-store and frame-ancestors none', async () => {
    for (const app of Object.values(servers)) {
      const res = await fetch(`${app.url}/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    }
  });

  it('names the variables but never shows a secret or configured value, healthy or not', async () => {
    const values = [
      WEBHOOK_SECRET,
      sut.bridge.token,
      sut.bridge.url,
      sut.subdomain,
      '/keys.json',
      '/api/v2/help_center/integration/keys.json',
    ];
    for (const app of Object.values(servers)) {
      const html = await (await fetch(`${app.url}/`)).text();
      // The names are there (this is the setup page, reporting on them)…
      for (const name of ['ZENDESK_SUBDOMAIN', 'data-check="webhook"', 'data-check="store"']) {
        expect(html.includes(name), `${app.url} does not show ${name}`).toBe(true);
      }
      // …and never their values.
      for (const value of values)
        expect(html.includes(value), `${app.url} shows ${value}`).toBe(false);
    }
  });

  it('fills in an origin only when the Host is well formed', async () => {
    // fetch() will not send a Host of our choosing; node:http will.
    const html = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: 'localhost',
          port: servers.healthy.port,
          path: '/',
          headers: { host: 'evil.example"><b>x' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
    });
    expect(html.includes('evil.example'), 'the forged host is shown').toBe(false);
    expect(html.includes(`${PLACEHOLDER}/embed.js`), 'the placeholder is kept').toBe(true);
  });
});
