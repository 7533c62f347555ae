/**
 * What a signed-in help center user does with the widget, in both embed modes, against the
 * production build: add, edit, toggle, delete, clear completed; the list survives a reload; one
 * user never sees another's items; markup in an item is shown as text.
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  addItem,
  alertText,
  announced,
  freshUserId,
  inPage,
  itemTexts,
  newContext,
  openTodoPage,
  signIn,
  WIDGET_IFRAME,
  type EmbedMode,
} from '../../dev/browser';
import { useBrowser } from '../support/browser-hooks';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];

describe.each(MODES)('widget in %s mode', { timeout: 60_000 }, (mode) => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;

  async function open(userId: number): Promise<{ page: Page; frame: Frame }> {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signIn(page, helpCenter, userId);
    return { page, frame: await openTodoPage(page, helpCenter, app, mode) };
  }

  it('adds, edits, toggles, deletes and clears completed items, and keeps them across reloads', async () => {
    const { page, frame } = await open(freshUserId());
    expect(await frame.textContent('#hct-view')).toContain('Nothing here yet');

    await addItem(frame, 'Buy milk');
    await frame.fill('#hct-new', 'Write report');
    await frame.click('button[type="submit"]');
    await addItem(frame, 'Call Bob');
    expect(await itemTexts(frame)).toEqual(['Buy milk', 'Write report', 'Call Bob']);
    expect(await frame.textContent('#hct-view')).toContain('3 open items');

    // Edit: a visible affordance, Enter saves.
    await frame.click('button[aria-label="Edit “Write report”"]');
    await frame.fill('#hct-edit-input', 'Write the quarterly report');
    await frame.press('#hct-edit-input', 'Enter');
    await announced(frame, 'Saved “Write the quarterly report”.');
    // Escape cancels without saving.
    await frame.click('button[aria-label="Edit “Call Bob”"]');
    await frame.fill('#hct-edit-input', 'Never saved');
    await frame.press('#hct-edit-input', 'Escape');
    expect(await itemTexts(frame)).toEqual(['Buy milk', 'Write the quarterly report', 'Call Bob']);

    // Toggle two, delete one.
    await frame.check('li:has(label:text-is("Buy milk")) input[type="checkbox"]');
    await announced(frame, 'Marked “Buy milk” as done.');
    await frame.check('li:has(label:text-is("Call Bob")) input[type="checkbox"]');
    await announced(frame, 'Marked “Call Bob” as done.');
    await frame.waitForSelector('text=1 open item');
    await frame.click('button[aria-label="Delete “Write the quarterly report”"]');
    await announced(frame, 'Deleted “Write the quarterly report”.');

    // Reload: the server kept exactly that state.
    await page.reload();
    let reloaded = await openTodoPage(page, helpCenter, app, mode);
    expect(await itemTexts(reloaded)).toEqual(['Buy milk', 'Call Bob']);
    expect(await reloaded.isChecked('li:has(label:text-is("Buy milk")) input')).toBe(true);
    expect(await reloaded.textContent('#hct-view')).toContain('All done!');

    await reloaded.click('button:text("Clear completed (2)")');
    await reloaded.waitForSelector('text=Nothing here yet');
    await announced(reloaded, 'Cleared 2 completed items.');
    await page.reload();
    reloaded = await openTodoPage(page, helpCenter, app, mode);
    expect(await itemTexts(reloaded)).toEqual([]);
    expect(await alertText(reloaded)).toBe('');
    await page.context().close();
  });

  it('works the same on the KV store', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signIn(page, helpCenter, freshUserId());
    const frame = await openTodoPage(page, helpCenter, apps.kv, mode);
    await addItem(frame, 'Kept in Redis');
    await frame.check('li input[type="checkbox"]');
    await announced(frame, 'Marked “Kept in Redis” as done.');
    await page.reload();
    const reloaded = await openTodoPage(page, helpCenter, apps.kv, mode);
    expect(await itemTexts(reloaded)).toEqual(['Kept in Redis']);
    expect(await reloaded.isChecked('li input[type="checkbox"]')).toBe(true);
    await context.close();
  });

  it('shows user 2 none of user 1’s items', async () => {
    const first = await open(freshUserId());
    await addItem(first.frame, 'Private to user one');
    const second = await open(freshUserId());
    expect(await itemTexts(second.frame)).toEqual([]);
    await addItem(second.frame, 'Private to user two');
    await first.page.reload();
    const again = await openTodoPage(first.page, helpCenter, app, mode);
    expect(await itemTexts(again)).toEqual(['Private to user one']);
    await Promise.all([first.page.context().close(), second.page.context().close()]);
  });

  it('shows markup in an item as text: no element, no script', async () => {
    const { page, frame } = await open(freshUserId());
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const payload = '<img src=x onerror=alert(1)>';
    await addItem(frame, payload);
    await page.reload();
    const reloaded = await openTodoPage(page, helpCenter, app, mode);
    expect(await itemTexts(reloaded)).toEqual([payload]);
    expect(await reloaded.$$('img')).toHaveLength(0);
    expect(await page.$$('img')).toHaveLength(0);
    // A payload that ran would have fetched `x`: once the network is quiet, it had its chance.
    await page.waitForLoadState('networkidle');
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it(
    mode === 'iframe'
      ? 'sizes the iframe to its content: no inner scrollbar, growing as items are added'
      : 'grows with its content in the page: nothing clipped, nothing scrolls inside it',
    async () => {
      const { page, frame } = await open(freshUserId());
      // The iframe, or in script mode the widget's host element in the help center page.
      const box = page.locator(inPage(page, frame) ? '#hc-todo' : WIDGET_IFRAME);
      const height = async (): Promise<number> => (await box.boundingBox())!.height;
      const before = await height();
      for (const value of ['one', 'two', 'three', 'four', 'five', 'six']) {
        await addItem(frame, value);
      }
      await expect.poll(height).toBeGreaterThan(before + 200);
      const { scrollHeight, innerHeight } = inPage(page, frame)
        ? await page.$eval('#hc-todo', (host) => ({
            scrollHeight: host.scrollHeight,
            innerHeight: host.clientHeight,
          }))
        : await frame.evaluate(() => ({
            scrollHeight: document.documentElement.scrollHeight,
            innerHeight: window.innerHeight,
          }));
      expect(scrollHeight).toBeLessThanOrEqual(innerHeight + 1);
      await page.context().close();
    },
  );
});
