/**
 * A page built like the public Zendesk to-do tutorial's custom page (cross-origin fetches to
 * `${base}/todo_items`, Content-Type on every call, `responseBody.todo_items`, numeric ids in an
 * inline onclick) works against hc-todo unchanged — and shares the list with the widget.
 */
import { describe, expect, it } from 'vitest';

import { freshUserId, itemTexts, newContext, openTodoPage, signIn } from '../../dev/browser';
import { useBrowser } from '../support/browser-hooks';
import { system } from '../support/system';

describe('tutorial custom page compatibility', { timeout: 60_000 }, () => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;

  it('adds and deletes items from the help center origin', async () => {
    const page = await (await newContext(browser())).newPage();
    await signIn(page, helpCenter, freshUserId());
    const failures: string[] = [];
    page.on('requestfailed', (request) => failures.push(request.url()));
    // Every API call is cross-origin and carries Content-Type, so each one needs a preflight.
    const calls: Promise<string>[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(`${app}/todo_items`)) return;
      calls.push(
        request.allHeaders().then((h) => `${request.method()} ${h['origin']} ${h['content-type']}`),
      );
    });
    await page.goto(`${helpCenter}/hc/tutorial?app=${encodeURIComponent(app)}`);
    await page.waitForFunction(() => !document.body.textContent?.includes('Loading...'));

    for (const value of ['From the tutorial', 'Second tutorial item']) {
      await page.fill('#new-item', value);
      await page.click('#add-item');
      await page.waitForSelector(`li:has-text("${value}")`);
    }
    const lines = await page.$$eval('#todo-list li', (lis) => lis.map((li) => li.textContent));
    expect(lines).toEqual(['From the tutorial Delete', 'Second tutorial item Delete']);

    // The same user's widget sees them.
    const widget = await openTodoPage(page, helpCenter, app, 'script');
    expect(await itemTexts(widget)).toEqual(['From the tutorial', 'Second tutorial item']);

    await page.goto(`${helpCenter}/hc/tutorial?app=${encodeURIComponent(app)}`);
    await page.waitForSelector('li:has-text("From the tutorial")');
    await page.click('li:has-text("From the tutorial") a:text("Delete")');
    await page.waitForFunction(() => document.querySelectorAll('#todo-list li').length === 1);
    expect(await page.textContent('#todo-list')).toContain('Second tutorial item');
    expect(failures).toEqual([]);
    const seen = new Set(await Promise.all(calls));
    expect([...seen].sort()).toEqual(
      ['DELETE', 'GET', 'POST'].map((m) => `${m} ${helpCenter} application/json`),
    );
    await page.context().close();
  });

  it('tells an anonymous visitor to sign in', async () => {
    const page = await (await newContext(browser())).newPage();
    await page.goto(`${helpCenter}/hc/tutorial?app=${encodeURIComponent(app)}`);
    await page.waitForSelector('text=You must be logged in');
    await page.context().close();
  });
});
