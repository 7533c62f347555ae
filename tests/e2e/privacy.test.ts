/**
 * "Your data" in both embed modes: the export really downloads — from inside the
 * cross-origin iframe — as hc-todo-export.json with the user's items; "Delete all my data" asks
 * first (focus in the dialog, Escape or Cancel keep everything) and then erases for good.
 */
import { readFile } from 'node:fs/promises';

import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  addItem,
  announced,
  freshUserId,
  inWidget,
  itemTexts,
  newContext,
  openTodoPage,
  shownInFrame,
  recordApiRequests,
  signIn,
  type EmbedMode,
} from '../../dev/browser';
import { useBrowser } from '../support/browser-hooks';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];

describe.each(MODES)('your data in %s mode', { timeout: 60_000 }, (mode) => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps, subdomain } = system();
  const app = apps.embedded;

  async function open(userId: number, items: string[]): Promise<{ page: Page; frame: Frame }> {
    const page = await (await newContext(browser())).newPage();
    await signIn(page, helpCenter, userId);
    const frame = await openTodoPage(page, helpCenter, app, mode);
    for (const value of items) await addItem(frame, value);
    return { page, frame };
  }

  /** The focused element's text, in the widget's own tree (script mode's is a shadow root). */
  const focused = (frame: Frame): Promise<string> =>
    inWidget(frame, (tree) => tree.activeElement?.textContent ?? '', null);

  it('downloads hc-todo-export.json with the user and their items', async () => {
    const userId = freshUserId();
    const { page, frame } = await open(userId, ['First', 'Second']);
    await frame.check('li:has(label:text-is("Second")) input');
    await announced(frame, 'Marked “Second” as done.');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      frame.click('button:text-is("Download my data")'),
    ]);
    expect(download.suggestedFilename()).toBe('hc-todo-export.json');
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      format: string;
      exported_at: string;
      user: unknown;
      todo_items: { value: string; done: boolean }[];
    };
    expect(file.format).toBe('hc-todo-export/1');
    expect(file.user).toEqual({ subdomain, userId });
    expect(file.exported_at).toSatisfy((at: string) => !Number.isNaN(Date.parse(at)));
    expect(file.todo_items.map((i) => [i.value, i.done])).toEqual([
      ['First', false],
      ['Second', true],
    ]);
    await announced(frame, 'Your data has been saved as hc-todo-export.json.');
    await page.context().close();
  });

  it('deletes all data only after a confirmation, and for good', async () => {
    const { page, frame } = await open(freshUserId(), ['Keep me', 'And me']);
    const requests = recordApiRequests(page, app);
    const dialog = '[role="alertdialog"]';

    // Escape cancels; focus went into the dialog and comes back to the button.
    await frame.click('button:text-is("Delete all my data")');
    await frame.waitForSelector(dialog);
    expect(await focused(frame)).toBe('Cancel');
    const text = await frame.textContent(dialog);
    expect(text).toContain('Delete all your data?');
    expect(text).toContain('all 2 of your to-dos');
    expect(text).toContain('cannot be undone');
    await page.keyboard.press('Escape');
    await frame.waitForSelector(dialog, { state: 'detached' });
    expect(await focused(frame)).toBe('Delete all my data');

    // Cancel keeps everything too.
    await page.keyboard.press('Enter');
    await frame.waitForSelector(dialog);
    await shownInFrame(page, frame, dialog);
    await frame.click(`${dialog} button:text-is("Cancel")`);
    await frame.waitForSelector(dialog, { state: 'detached' });
    expect(await itemTexts(frame)).toEqual(['Keep me', 'And me']);
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);

    await frame.click('button:text-is("Delete all my data")');
    await shownInFrame(page, frame, dialog);
    await frame.click(`${dialog} button:text-is("Delete everything")`);
    await announced(frame, 'All your data has been deleted.');
    expect(await itemTexts(frame)).toEqual([]);
    expect(requests.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path])).toEqual([
      ['DELETE', '/api/me'],
    ]);
    expect(await focused(frame)).toBe('');
    expect(await inWidget(frame, (tree) => tree.activeElement?.id, null)).toBe('hct-new');

    await page.reload();
    const reloaded = await openTodoPage(page, helpCenter, app, mode);
    expect(await itemTexts(reloaded)).toEqual([]);
    expect(await reloaded.textContent('#hct-view')).toContain('Nothing here yet');
    // Ids are never reused: a new item after erasing gets a fresh one.
    await addItem(reloaded, 'Fresh start');
    await page.context().close();
  });
});
