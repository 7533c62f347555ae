/**
 * Right-to-left help centers (docs/embedding.md), in both embed modes: the widget takes the
 * locale's language and direction from its first render on (the iframe's document from the
 * server on), its layout is mirrored, nothing spills sideways, and axe finds nothing wrong in
 * Arabic or Hebrew.
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  addItem,
  freshUserId,
  inWidget,
  newContext,
  openTodoPage,
  signIn,
  todoPageUrl,
  widgetFrame,
  type EmbedMode,
} from '../../dev/browser';
import { messagesFor, resolveLanguage } from '@/lib/widget/i18n';

import { axe, summary } from '../support/axe';
import { useBrowser } from '../support/browser-hooks';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];

/** Locale → the document's `lang` and `dir`. Persian has no strings: English, still mirrored. */
const CASES: [locale: string, lang: string, dir: 'ltr' | 'rtl', item: string][] = [
  ['ar', 'ar', 'rtl', 'شراء الحليب'],
  ['he', 'he', 'rtl', 'לקנות חלב'],
  ['iw', 'he', 'rtl', 'לקנות חלב'],
  ['fa', 'en', 'rtl', 'خرید شیر'],
  ['en-us', 'en', 'ltr', 'Buy milk'],
  ['de', 'de', 'ltr', 'Milch kaufen'],
];

interface Box {
  left: number;
  right: number;
}

/**
 * Where each item's checkbox and text are, and whatever sticks out of the widget's area: the
 * iframe's viewport, or in script mode the box of its host (#hc-todo) in the help center page.
 * Positions are relative to the area's left edge.
 */
function measure(frame: Frame): Promise<{
  rows: { checkbox: Box; text: Box }[];
  scrollWidth: number;
  clientWidth: number;
  outside: string[];
}> {
  return inWidget(
    frame,
    (tree) => {
      const inPage = tree instanceof ShadowRoot;
      const area = inPage ? (tree.host as HTMLElement) : document.documentElement;
      const left = inPage ? area.getBoundingClientRect().left : 0;
      const box = (rect: DOMRect): Box => ({ left: rect.left - left, right: rect.right - left });
      // The text itself, not its label's box (which fills the row).
      const textBox = (label: Element): Box => {
        const range = document.createRange();
        range.selectNodeContents(label);
        return box(range.getBoundingClientRect());
      };
      // Every visible element of the widget lies within the area's width.
      const outside = [...tree.querySelectorAll('#hct-view *')]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().width > 1)
        .filter((el) => {
          const rect = box(el.getBoundingClientRect());
          return rect.left < -0.5 || rect.right > area.clientWidth + 0.5;
        })
        .map((el) => `${el.tagName.toLowerCase()}: ${el.textContent?.slice(0, 40) ?? ''}`);
      return {
        rows: [...tree.querySelectorAll('#hct-view li')].map((li) => ({
          checkbox: box(li.querySelector('input[type="checkbox"]')!.getBoundingClientRect()),
          text: textBox(li.querySelector('label')!),
        })),
        scrollWidth: area.scrollWidth,
        clientWidth: area.clientWidth,
        outside,
      };
    },
    null,
  );
}

/**
 * The widget's language and direction as they are now: the iframe document's own attributes; in
 * script mode its view's `lang` and the direction its content is laid out in.
 */
const documentLocale = (frame: Frame): Promise<{ lang: string; dir: string }> =>
  inWidget(
    frame,
    (tree) => {
      if (!(tree instanceof ShadowRoot)) {
        return { lang: document.documentElement.lang, dir: document.documentElement.dir };
      }
      const view = tree.getElementById('hct-view')!;
      return { lang: view.lang, dir: getComputedStyle(view).direction };
    },
    null,
  );

describe('the widget document from the server', () => {
  const { apps } = system();
  const app = apps.embedded;

  it.each(CASES)(
    '?locale=%s is <html lang="%s" dir="%s"> before any script runs',
    async (locale, lang, dir) => {
      const html = await (await fetch(`${app}/widget?locale=${locale}`)).text();
      expect(html).toMatch(new RegExp(`<html lang="${lang}" dir="${dir}"`));
    },
  );

  it('ignores the locale header when a client sends it, and anything but a language tag', async () => {
    const forged = await fetch(`${app}/widget`, { headers: { 'x-hc-todo-widget-locale': 'ar' } });
    expect(await forged.text()).toMatch(/<html lang="en" dir="ltr"/);
    const odd = await fetch(`${app}/widget?locale=${encodeURIComponent('ar\r\nx: 1')}`);
    expect(odd.status).toBe(200);
    expect(await odd.text()).toMatch(/<html lang="en" dir="ltr"/);
  });
});

describe.each(MODES)('right to left in %s mode', { timeout: 60_000 }, (mode) => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;

  /** A help center in `locale`: the user's locale and the page's own `<html lang dir>`. */
  async function open(locale: string): Promise<{ page: Page; frame: Frame }> {
    const page = await (await newContext(browser())).newPage();
    await signIn(page, helpCenter, freshUserId());
    const frame = await openTodoPage(page, helpCenter, app, mode, { locale, lang: locale });
    return { page, frame };
  }

  it.each(CASES)(
    '%s: lang %s, %s, mirrored accordingly, nothing overflows',
    async (locale, lang, dir, item) => {
      const { page, frame } = await open(locale);
      expect(await documentLocale(frame)).toEqual({ lang, dir });
      await addItem(frame, item);
      // Text in the other direction still sits beside its checkbox, punctuation and all.
      await addItem(frame, dir === 'rtl' ? 'Call Bob!' : 'להתקשר לבוב!');
      for (const width of [1024, 360]) {
        await page.setViewportSize({ width, height: 900 });
        const m = await measure(frame);
        for (const { checkbox, text } of m.rows) {
          // The checkbox leads the row: on the right of its text in rtl, on the left in ltr,
          // with the text right beside it (an 8px gap)…
          const gap = dir === 'rtl' ? checkbox.left - text.right : text.left - checkbox.right;
          expect(gap, `${width}px`).toBeGreaterThanOrEqual(7);
          expect(gap, `${width}px`).toBeLessThan(12);
          // …and the checkbox hugs the frame's inline-start edge (the root's 4px ring room).
          const start = dir === 'rtl' ? m.clientWidth - checkbox.right : checkbox.left;
          expect(start, `${width}px`).toBeLessThan(8);
        }
        expect(m.scrollWidth, `${width}px`).toBeLessThanOrEqual(m.clientWidth);
        expect(m.outside, `${width}px`).toEqual([]);
      }
      await page.context().close();
    },
  );

  it.each(['ar', 'he'])(
    '%s: axe finds no violations, with items and while confirming',
    async (locale) => {
      const { page, frame } = await open(locale);
      expect(summary(await axe(frame))).toEqual([]);
      await addItem(frame, locale === 'ar' ? 'تجديد عقد الدعم' : 'חידוש חוזה התמיכה');
      await addItem(frame, 'Reply to the survey!');
      await frame.check('#hct-view li input[type="checkbox"]');
      await frame.waitForSelector('#hct-view li[data-done]');
      expect(summary(await axe(frame))).toEqual([]);
      await frame.click(`button:text-is("${messagesFor(resolveLanguage(locale)).deleteAll}")`);
      await frame.waitForSelector('[role="alertdialog"]');
      expect(summary(await axe(frame))).toEqual([]);
      await page.context().close();
    },
  );

  it('turns right to left when the locale arrives only in the config message', async () => {
    // Signed out, the iframe snippet's frame stays on its plain `/widget`, with no locale in the
    // URL: the server renders English, left to right, and the config message then says `he`.
    // (In script mode the loader hands the locale to the widget before its first render.)
    const page = await (await newContext(browser())).newPage();
    await signIn(page, helpCenter, 'anonymous');
    await page.goto(todoPageUrl(helpCenter, app, mode, { locale: 'he', lang: 'he' }));
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('h1:text-is("רשימת משימות")');
    await expect.poll(() => documentLocale(frame)).toEqual({ lang: 'he', dir: 'rtl' });
    expect(summary(await axe(frame))).toEqual([]);
    await page.context().close();
  });
});
