/**
 * Accessibility as axe-core and a keyboard user observe it, and the widget's languages.
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  addItem,
  announced,
  focusedElement,
  freshUserId,
  inPage,
  itemTexts,
  newContext,
  openTodoPage,
  signIn,
  todoPageUrl,
  widgetFrame,
  type EmbedMode,
} from '../../dev/browser';
import { axe, summary } from '../support/axe';
import { useBrowser } from '../support/browser-hooks';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];

describe.each(MODES)('accessibility in %s mode', { timeout: 60_000 }, (mode) => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;

  async function open(extra: Record<string, string> = {}): Promise<{ page: Page; frame: Frame }> {
    const page = await (await newContext(browser())).newPage();
    await signIn(page, helpCenter, freshUserId());
    return { page, frame: await openTodoPage(page, helpCenter, app, mode, extra) };
  }

  it('has no axe violations: empty, with items, editing, filtered, confirming, after an error, signed out', async () => {
    const { page, frame } = await open();
    expect(summary(await axe(frame))).toEqual([]);
    await addItem(frame, 'Open item');
    await addItem(frame, 'Done item');
    await frame.check('li:has(label:text-is("Done item")) input');
    await announced(frame, 'Marked “Done item” as done.');
    expect(summary(await axe(frame))).toEqual([]);
    await frame.click('button[aria-label="Edit “Open item”"]');
    await frame.fill('#hct-edit-input', '');
    await frame.press('#hct-edit-input', 'Enter');
    expect(summary(await axe(frame))).toEqual([]);
    await frame.press('#hct-edit-input', 'Escape');
    await frame.click('[role="group"] button:text-is("Completed")');
    expect(summary(await axe(frame))).toEqual([]);
    await frame.click('[role="group"] button:text-is("Active")');
    await frame.click('button:text-is("Delete all my data")');
    await frame.waitForSelector('[role="alertdialog"]');
    expect(summary(await axe(frame))).toEqual([]);
    await page.keyboard.press('Escape');
    await frame.waitForSelector('[role="alertdialog"]', { state: 'detached' });
    await frame.click('[role="group"] button:text-is("All")');
    await page.context().route(`${app}/api/todo_items`, (route) => route.abort());
    await frame.fill('#hct-new', 'x'.repeat(501));
    expect(summary(await axe(frame))).toEqual([]);
    await frame.fill('#hct-new', 'Fails');
    await frame.press('#hct-new', 'Enter');
    await frame.waitForSelector('[role="alert"] button');
    expect(summary(await axe(frame))).toEqual([]);

    await signIn(page, helpCenter, 'anonymous');
    await page.goto(todoPageUrl(helpCenter, app, mode));
    const signedOut = await widgetFrame(page, app);
    await signedOut.waitForSelector('text=Sign in to see your to-do list.');
    expect(summary(await axe(signedOut))).toEqual([]);
    await page.context().close();
  });

  it('can be used with the keyboard alone: add, toggle, edit, delete', async () => {
    const { page, frame } = await open();
    const focused = (): Promise<string> => focusedElement(frame);
    // Tab in from the help center page until the add field has focus.
    for (let i = 0; i < 10 && !(await focused()).startsWith('input#hct-new'); i += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await focused()).toMatch(/^input#hct-new/);
    await page.keyboard.type('First');
    await page.keyboard.press('Enter');
    await announced(frame, 'Added “First”.');
    expect(await focused()).toMatch(/^input#hct-new/); // focus stays for the next item
    await page.keyboard.type('Second');
    await page.keyboard.press('Enter');
    await announced(frame, 'Added “Second”.');

    await page.keyboard.press('Tab'); // Add button
    await page.keyboard.press('Tab'); // Mark all as complete
    expect(await focused()).toMatch(/^input#hct-toggle-all/);
    await page.keyboard.press('Tab'); // first checkbox
    await page.keyboard.press('Space');
    await announced(frame, 'Marked “First” as done.');
    await page.keyboard.press('Tab'); // Edit “First”
    expect(await focused()).toContain('Edit “First”');
    await page.keyboard.press('Enter');
    expect(await focused()).toMatch(/^input#hct-edit-input/);
    await page.keyboard.press('End');
    await page.keyboard.type(' (renamed)');
    await page.keyboard.press('Enter');
    await announced(frame, 'Saved “First (renamed)”.');
    expect(await focused()).toContain('Edit “First (renamed)”');
    await page.keyboard.press('Tab'); // Delete
    await page.keyboard.press('Enter');
    await announced(frame, 'Deleted “First (renamed)”.');
    expect(await itemTexts(frame)).toEqual(['Second']);
    expect(await focused()).toMatch(/^input#hct-item-/); // the next item, not the page body
    await page.context().close();
  });

  it.each([
    ['de', 'Aufgabenliste', 'Neue Aufgabe'],
    ['fr-ca', 'Liste de tâches', 'Nouvelle tâche'],
    ['es', 'Lista de tareas', 'Nueva tarea'],
    ['ja', 'ToDo リスト', '新しい ToDo'],
    ['pt-br', 'To-do list', 'New to-do'],
  ])('speaks the help center locale %s (English fallback)', async (locale, title, label) => {
    const { page, frame } = await open({ locale });
    expect(await frame.textContent('h1')).toBe(title);
    expect(await frame.textContent('label[for="hct-new"]')).toBe(label);
    const lang = locale === 'pt-br' ? 'en' : locale.slice(0, 2);
    expect(await frame.getAttribute('#hct-view', 'lang')).toBe(lang);
    // The iframe's document is the widget's own; in script mode <html lang> is the help center's.
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe(
      inPage(page, frame) ? 'en-US' : lang,
    );
    await page.context().close();
  });

  it('falls back to the /hc/<locale>/ path when neither the user nor <html lang> has a locale', async () => {
    const page = await (await newContext(browser())).newPage();
    await signIn(page, helpCenter, freshUserId());
    const params = new URLSearchParams({ mode, app, locale: 'none', lang: '' });
    await page.goto(`${helpCenter}/hc/de/p/todo?${params}`);
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('h1:text-is("Aufgabenliste")');
    // The server marks the content's language; the iframe's document follows once it is
    // interactive. In script mode the document is the help center's, and stays as it is.
    expect(await frame.getAttribute('#hct-view', 'lang')).toBe('de');
    if (inPage(page, frame))
      expect(await frame.evaluate(() => document.documentElement.lang)).toBe('');
    else await frame.waitForFunction(() => document.documentElement.lang === 'de');
    await page.context().close();
  });
});
