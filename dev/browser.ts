/**
 * Headless Chromium for the browser tests: the system's /usr/bin/chromium driven by
 * playwright-core (`npx playwright install` cannot work here). Playwright gives every launch a
 * fresh temporary user-data-dir, and every context is a clean profile.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Frame,
  type Page,
} from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags every browser of the tests and scripts runs with (the bench launches its own). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches a browser; close it in `afterAll`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A page in a fresh context, signed in on the fake help center as `user`. */
export async function signedInPage(
  browser: Browser,
  helpCenter: string,
  user: number | 'anonymous' = freshUserId(),
): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, helpCenter, user);
  return page;
}

/** A fresh context (cookies, storage) with short timeouts so a failure is reported quickly. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  context.setDefaultTimeout(10_000);
  return context;
}

export type EmbedMode = 'script' | 'iframe';

/** URL of the fake help center's to-do page embedding `app` in `mode`. */
export function todoPageUrl(
  helpCenter: string,
  app: string,
  mode: EmbedMode,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({ mode, app, ...extra });
  return `${helpCenter}/hc/todo?${params}`;
}

/** Signs `user` in on the fake help center (its session cookie); `anonymous` signs out. */
export async function signIn(
  page: Page,
  helpCenter: string,
  user: number | 'anonymous',
): Promise<void> {
  await page.goto(`${helpCenter}/hc/login?user=${user}`);
}

/** The iframe each embed mode creates: embed.js marks its own, the iframe snippet has an id. */
export const WIDGET_IFRAME = 'iframe[data-hc-todo], iframe#hc-todo-frame';

/**
 * The widget's frame, once a widget document has loaded in it (whichever embed mode created it).
 * A signed-in page opens the widget with a POST once the token is there; in iframe mode a first
 * GET document may still be replaced by it (Playwright's waits survive that navigation).
 */
export async function widgetFrame(page: Page, app: string): Promise<Frame> {
  const handle = await page.waitForSelector(WIDGET_IFRAME, { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the widget iframe has no frame');
  await frame.waitForURL((url) => url.origin === app && url.pathname === '/widget', {
    waitUntil: 'domcontentloaded',
  });
  return frame;
}

/**
 * Waits until `selector` inside the widget lies within its iframe as the help center has sized
 * it. The frame grows by a message round trip after the widget does (a dialog opening, say); a
 * click aimed before that can land where the element is about to move from.
 */
export async function shownInFrame(page: Page, frame: Frame, selector: string): Promise<void> {
  const bottom = await frame.$eval(selector, (e) => Math.ceil(e.getBoundingClientRect().bottom));
  await page.waitForFunction(
    ([iframe, needed]) => (document.querySelector(iframe)?.clientHeight ?? 0) >= needed,
    [WIDGET_IFRAME, bottom] as const,
  );
}

/** Opens the to-do page as the signed-in user and waits until the list (or its empty state) shows. */
export async function openTodoPage(
  page: Page,
  helpCenter: string,
  app: string,
  mode: EmbedMode,
  extra: Record<string, string> = {},
): Promise<Frame> {
  await page.goto(todoPageUrl(helpCenter, app, mode, extra));
  const frame = await widgetFrame(page, app);
  await frame.waitForSelector('#hct-new');
  await frame.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  return frame;
}

/** The texts of the items the widget shows, in order. */
export function itemTexts(frame: Frame): Promise<string[]> {
  return frame.$$eval('li label', (labels) => labels.map((l) => l.textContent ?? ''));
}

/** Adds an item with the keyboard and waits until the server has confirmed it (a real id). */
export async function addItem(frame: Frame, value: string): Promise<void> {
  await frame.fill('#hct-new', value);
  await frame.press('#hct-new', 'Enter');
  try {
    await frame.waitForFunction(
      (text) =>
        [...document.querySelectorAll('li')].some(
          (li) => li.querySelector('label')?.textContent === text && !li.querySelector(':disabled'),
        ),
      value,
    );
  } catch (error) {
    // Say what the widget showed instead, so a failure can be told from a slow machine.
    const shown = await frame
      .evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 500))
      .catch((e: unknown) => `(unreadable: ${String(e)})`);
    throw new Error(`"${value}" was not confirmed; the widget shows: ${shown}`, { cause: error });
  }
}

/** A user id no other test uses, so each test starts from an empty list. */
export function freshUserId(): number {
  return 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
}

/** Visible, non-screen-reader-only text of the widget's alert, if any. */
export async function alertText(frame: Frame): Promise<string> {
  return (await frame.textContent('[role="alert"]'))?.trim() ?? '';
}

/** Waits until the polite status region has announced `text`: the server has confirmed the change. */
export async function announced(frame: Frame, text: string): Promise<void> {
  await frame.waitForFunction(
    (expected) => document.querySelector('[role="status"]')?.textContent === expected,
    text,
  );
}

/** One API request the widget made, as the browser sent it. */
export interface ApiRequest {
  method: string;
  /** Path and query, e.g. `/api/todo_items?done=true`. */
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

/** Records, from now on, every request the page (any frame) makes to `app`'s `/api/`. */
export function recordApiRequests(page: Page, app: string): ApiRequest[] {
  const log: ApiRequest[] = [];
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== app || !url.pathname.startsWith('/api/')) return;
    log.push({
      method: request.method(),
      path: url.pathname + url.search,
      headers: request.headers(),
      body: request.postData(),
    });
  });
  return log;
}

/** The items' checkbox states, in order. */
export function checkedStates(frame: Frame): Promise<boolean[]> {
  return frame.$$eval('li input[type="checkbox"]', (boxes) =>
    boxes.map((box) => (box as HTMLInputElement).checked),
  );
}
