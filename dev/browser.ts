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

/** The iframe of iframe mode (script mode has none since issue #16). */
export const WIDGET_IFRAME = 'iframe#hc-todo-frame';

/**
 * Script mode's widget: in the help center page, in #hc-todo's open shadow root (a `<section>`
 * there; the page's own `<main>` holds it).
 */
export const IN_PAGE_WIDGET = '#hc-todo #hct-view';

/**
 * In a function evaluated in the widget's frame: the widget's tree — script mode's shadow root in
 * the help center page, or the iframe's document. (Playwright's selectors pierce open shadow
 * roots; `document.querySelector` does not.)
 */
export const WIDGET_TREE = "document.querySelector('#hc-todo')?.shadowRoot ?? document";

/**
 * The frame showing the widget, once it is there: the help center page itself in script mode,
 * the iframe in iframe mode, once a widget document has loaded in it. A signed-in page opens the
 * iframe with a POST once the token is there; a first GET document may still be replaced by it
 * (Playwright's waits survive that navigation).
 */
export async function widgetFrame(page: Page, app: string): Promise<Frame> {
  const handle = await page.waitForSelector(`${WIDGET_IFRAME}, ${IN_PAGE_WIDGET}`, {
    state: 'attached',
  });
  if (!(await handle.evaluate((e) => e instanceof HTMLIFrameElement))) return page.mainFrame();
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the widget iframe has no frame');
  await frame.waitForURL((url) => url.origin === app && url.pathname === '/widget', {
    waitUntil: 'domcontentloaded',
  });
  return frame;
}

/** Whether the widget is script mode's, in the help center page (no frame to size). */
export const inPage = (page: Page, frame: Frame): boolean => frame === page.mainFrame();

/**
 * Waits until `selector` inside the widget lies within its iframe as the help center has sized
 * it. The frame grows by a message round trip after the widget does (a dialog opening, say); a
 * click aimed before that can land where the element is about to move from. In script mode the
 * widget is part of the page: nothing to wait for.
 */
export async function shownInFrame(page: Page, frame: Frame, selector: string): Promise<void> {
  if (inPage(page, frame)) return;
  const bottom = await frame.$eval(selector, (e) => Math.ceil(e.getBoundingClientRect().bottom));
  await page.waitForFunction(
    ([iframe, needed]) => (document.querySelector(iframe)?.clientHeight ?? 0) >= needed,
    [WIDGET_IFRAME, bottom] as const,
  );
}

/**
 * Runs `fn` in the widget's frame with the widget's tree (see WIDGET_TREE) and `arg` (JSON) as
 * its arguments. `fn` must be self-contained, as for `frame.evaluate`.
 */
export function inWidget<A, R>(
  frame: Frame,
  fn: (tree: Document | ShadowRoot, arg: A) => R,
  arg: A,
): Promise<R> {
  return frame.evaluate(`(${fn.toString()})(${WIDGET_TREE}, ${JSON.stringify(arg)})`) as Promise<R>;
}

/** Waits until `fn` (as for inWidget) returns a truthy value in the widget's tree. */
export async function waitInWidget<A>(
  frame: Frame,
  fn: (tree: Document | ShadowRoot, arg: A) => unknown,
  arg: A,
): Promise<void> {
  await frame.waitForFunction(`(${fn.toString()})(${WIDGET_TREE}, ${JSON.stringify(arg)})`);
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
  await waitInWidget(frame, (tree) => !tree.querySelector('[aria-busy="true"]'), null);
  return frame;
}

/**
 * The focused element as `tag#id|label`, looking into shadow roots (in script mode the page's
 * `document.activeElement` is the widget's host, #hc-todo); '' when nothing has focus.
 */
export function focusedElement(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el
      ? `${el.tagName.toLowerCase()}#${el.id}|${el.getAttribute('aria-label') ?? el.textContent}`
      : '';
  });
}

/** The texts of the items the widget shows, in order. */
export function itemTexts(frame: Frame): Promise<string[]> {
  return frame.$$eval('#hct-view li label', (labels) => labels.map((l) => l.textContent ?? ''));
}

/** Adds an item with the keyboard and waits until the server has confirmed it (a real id). */
export async function addItem(frame: Frame, value: string): Promise<void> {
  await frame.fill('#hct-new', value);
  await frame.press('#hct-new', 'Enter');
  try {
    await waitInWidget(
      frame,
      (tree, text) =>
        [...tree.querySelectorAll('li')].some(
          (li) => li.querySelector('label')?.textContent === text && !li.querySelector(':disabled'),
        ),
      value,
    );
  } catch (error) {
    // Say what the widget showed instead, so a failure can be told from a slow machine.
    const shown = await frame
      .locator('#hct-view')
      .innerText()
      .then((text) => text.replace(/\s+/g, ' ').slice(0, 500))
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
  await waitInWidget(
    frame,
    (tree, expected) => tree.querySelector('[role="status"]')?.textContent === expected,
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
  return frame.$$eval('#hct-view li input[type="checkbox"]', (boxes) =>
    boxes.map((box) => (box as HTMLInputElement).checked),
  );
}
