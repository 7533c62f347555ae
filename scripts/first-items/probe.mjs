/**
 * What one page view measures, from inside each document (issue #16: measure what the user sees):
 *
 * - "first item painted", two ways, each an epoch time comparable across frames and processes:
 *   - `element`: the items carry `elementtiming="todo-item"` (the widget's TodoRow, the tutorial
 *     page, the floor's frame), and a PerformanceObserver for `element` entries (buffered, so one
 *     installed late still sees earlier paints) takes the first whose `intersectionRect` is not
 *     empty: `renderTime` + that document's `performance.timeOrigin`. Chromium reports no entry
 *     for an element in a shadow tree, so script mode's in-page widget has none;
 *   - `frame`: the first animation frame in which the item is in the DOM and inside the viewport,
 *     timed by a task posted from that frame's requestAnimationFrame callback, i.e. just after
 *     the frame was rendered. Also what an item painted outside its frame's viewport (the frame
 *     not yet sized) is timed by: its Element Timing entry has an empty rectangle.
 * - "first item in the DOM": a MutationObserver from document start (when the probe was in
 *   place before the item; empty otherwise), on the document and on every shadow root created;
 * - "accepts an add": the widget's `hc-todo:interactive` performance mark (set once its add form
 *   has its handlers: app/widget/_components/todo-panel.tsx), reported separately;
 * - token fetches: requests to the help center's token endpoint, from the page's Network events;
 * - the resource timings of every frame, read once after the view, on the top page's clock.
 *
 * Reports go through a CDP binding (Runtime.addBinding), nothing polls from outside, and no frame
 * is ever paused (scripts/first-items/session.mjs).
 */

export const TOKEN_PATH = '/api/v2/help_center/integration/token';
export const BINDING = '__hcTodoBenchSeen';

/** Runs in every document of the page (see PROBE_SOURCE). */
function probe(binding) {
  if (window.__hcTodoBenchProbe) return;
  window.__hcTodoBenchProbe = true;
  const SELECTOR = '[elementtiming="todo-item"]';
  const now = () => performance.timeOrigin + performance.now();
  const top = window === window.top;
  let inDom = null;
  // Script mode's widget lives in a shadow root, which neither querySelector nor a
  // MutationObserver on the document sees into: each new shadow root is searched and watched too.
  const trees = [document];
  const first = () => trees.map((tree) => tree.querySelector(SELECTOR)).find(Boolean);
  // When the widget says it accepts input (`performance.mark('hc-todo:interactive')`, in both
  // embeds), reported on its own: it may come before or after the first item's paint.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== 'hc-todo:interactive') continue;
      const at = performance.timeOrigin + entry.startTime;
      window[binding](JSON.stringify({ interactive: at, top, url: location.href }));
    }
  }).observe({ type: 'mark', buffered: true });
  // Each way of timing the paint is reported once; session.mjs prefers Element Timing.
  const sent = new Set();
  const report = (how, at) => {
    if (sent.has(how)) return;
    sent.add(how);
    window[binding](JSON.stringify({ how, at, inDom, top, url: location.href }));
  };
  const inViewport = (element) => {
    const r = element.getBoundingClientRect();
    return (
      r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.left < innerWidth
    );
  };
  // The first rendered frame in which the item is inside the viewport: a task posted from that
  // frame's requestAnimationFrame callback runs just after the frame was rendered.
  const whenInViewport = (element) => {
    const tick = () => {
      if (sent.has('frame') || !element.isConnected) return;
      if (!inViewport(element)) return void requestAnimationFrame(tick);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => report('frame', now());
      channel.port2.postMessage(null);
    };
    requestAnimationFrame(tick);
  };
  // Parsed before the probe reached this document (a frame it could not pause): no DOM time.
  if (first()) whenInViewport(first());
  else {
    const watch = new MutationObserver(() => {
      const element = first();
      if (!element || inDom !== null) return;
      inDom = now();
      watch.disconnect();
      whenInViewport(element);
    });
    watch.observe(document, { childList: true, subtree: true });
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attachShadow.call(this, init);
      trees.push(root);
      if (inDom === null) watch.observe(root, { childList: true, subtree: true });
      return root;
    };
  }
  // Element Timing (not reported for elements in a shadow tree: script mode has only `frame`).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier !== 'todo-item') continue;
      const rect = entry.intersectionRect;
      if (rect.width > 0 && rect.height > 0) {
        report('element', performance.timeOrigin + (entry.renderTime || entry.loadTime));
      }
    }
  }).observe({ type: 'element', buffered: true });
}

/** The probe as a script for Page.addScriptToEvaluateOnNewDocument and Runtime.evaluate. */
export const PROBE_SOURCE = `(${probe.toString()})(${JSON.stringify(BINDING)});`;

/**
 * Every navigation and resource entry of a document and its DOMContentLoaded and load, on its
 * own clock, with its timeOrigin to shift them onto the top page's (an expression to evaluate).
 */
export const TIMELINE_SOURCE = `(() => ({
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
  events: performance.getEntriesByType('navigation').flatMap((e) => [
    { name: 'DOMContentLoaded', at: e.domContentLoadedEventEnd },
    { name: 'load', at: e.loadEventEnd },
  ]),
}))()`;

/** Rows of one document's timeline, in ms since the top page's navigation start `navStart`. */
export function timelineRows(doc, navStart) {
  const shift = doc.origin - navStart;
  const frame = doc.top ? 'page' : 'widget';
  const rows = doc.entries
    .filter((e) => /^https?:/.test(e.name))
    .map((e) => ({ ...e, frame, start: e.start + shift, end: e.end + shift }));
  for (const e of doc.events) {
    if (e.at > 0)
      rows.push({ name: e.name, kind: 'event', frame, start: e.at + shift, end: e.at + shift });
  }
  return rows;
}
