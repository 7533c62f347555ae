/**
 * What one page view measures, from inside the browser:
 *
 * - "first item visible": an init script (it runs in every frame, in every document, before the
 *   page's own scripts) watches the DOM with a MutationObserver for an `<li>` holding the seeded
 *   marker text — in the tutorial page itself or in the widget frame, whether the item comes from
 *   server HTML (seen as the parser inserts it) or from script. It then waits for the next
 *   animation frame and a task after it, i.e. for the frame with the item to have been rendered,
 *   and reports `performance.timeOrigin + performance.now()` (epoch ms, comparable across frames
 *   and processes) through a Playwright binding, so a report survives its frame navigating on
 *   (e.g. GET /widget, then re-navigated by a form POST). The earliest report of a view counts.
 * - token fetches: requests to the help center's token endpoint, from the browser's own events;
 * - the resource timings of every frame, on the top page's navigation clock.
 */

export const TOKEN_PATH = '/api/v2/help_center/integration/token';
const BINDING = '__hcTodoBenchSeen';

/** Runs in the browser (addInitScript): reports the first painted `<li>` containing `marker`. */
function probe({ marker, binding }) {
  const now = () => performance.timeOrigin + performance.now();
  let found = false;
  const check = () => {
    if (found) return;
    for (const li of document.getElementsByTagName('li')) {
      if (!li.textContent || !li.textContent.includes(marker)) continue;
      found = true;
      observer.disconnect();
      const inDom = now();
      // rAF runs just before the frame is rendered; a message posted from it is handled after.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const report = { inDom, painted: now(), top: window === window.top };
          if (typeof window[binding] === 'function') window[binding](report);
        };
        channel.port2.postMessage(null);
      });
      return;
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  check();
}

/**
 * Installs the probe and the request counter in `context`. `visit(page, url)` then navigates and
 * resolves with the view's numbers once the item is visible and the network has gone quiet.
 */
export async function installProbe(context, { marker, helpCenter, timeoutMs = 30_000 }) {
  let onSeen = () => {};
  let tokenRequests = 0;
  await context.exposeBinding(BINDING, (_source, report) => onSeen(report));
  await context.addInitScript(probe, { marker, binding: BINDING });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === helpCenter && url.pathname === TOKEN_PATH) tokenRequests += 1;
  });

  return {
    async visit(page, url) {
      tokenRequests = 0;
      let timer;
      const seen = new Promise((resolve, reject) => {
        onSeen = resolve; // first report wins; later ones (another document) are ignored
        timer = setTimeout(
          () => reject(new Error(`no item within ${timeoutMs} ms: ${url}`)),
          timeoutMs,
        );
      });
      await page.goto(url, { waitUntil: 'commit' });
      const report = await seen.finally(() => clearTimeout(timer));
      onSeen = () => {};
      // Let late requests (and HTTP cache writes) finish, so the next visit starts from rest.
      await page.waitForLoadState('networkidle').catch(() => {});
      const navStart = await page.evaluate(() => performance.timeOrigin);
      return {
        navStart,
        ms: report.painted - navStart,
        inDomMs: report.inDom - navStart,
        shownIn: report.top ? 'page' : 'widget frame',
        tokenRequests,
        timeline: await timeline(page, navStart),
      };
    },
  };
}

/**
 * Every frame's navigation and resource entries and its DOMContentLoaded and load, in ms since
 * the top page's navigation start. Rows of kind `event` are points in time, not fetches.
 */
async function timeline(page, navStart) {
  const rows = [];
  for (const frame of page.frames()) {
    const doc = await frame
      .evaluate(() => ({
        top: window === window.top,
        origin: performance.timeOrigin,
        entries: [
          ...performance.getEntriesByType('navigation'),
          ...performance.getEntriesByType('resource'),
        ].map((e) => ({
          name: e.name,
          kind: e.entryType === 'navigation' ? 'document' : e.initiatorType,
          start: e.startTime,
          end: e.responseEnd,
          cached: e.entryType === 'resource' && e.transferSize === 0 && e.decodedBodySize > 0,
        })),
        // When the document's own scripts could run on (the tutorial's waits for `load`).
        events: performance.getEntriesByType('navigation').flatMap((e) => [
          { name: 'DOMContentLoaded', at: e.domContentLoadedEventEnd },
          { name: 'load', at: e.loadEventEnd },
        ]),
      }))
      .catch(() => null); // a frame that navigated away meanwhile
    if (!doc) continue;
    const shift = doc.origin - navStart;
    for (const e of doc.entries) {
      if (!/^https?:/.test(e.name)) continue;
      rows.push({
        ...e,
        frame: doc.top ? 'page' : 'widget',
        start: e.start + shift,
        end: e.end + shift,
      });
    }
    for (const e of doc.events) {
      if (e.at <= 0) continue; // not reached yet
      const at = e.at + shift;
      rows.push({
        name: e.name,
        kind: 'event',
        frame: doc.top ? 'page' : 'widget',
        start: at,
        end: at,
      });
    }
  }
  return rows.sort((a, b) => a.start - b.start);
}
