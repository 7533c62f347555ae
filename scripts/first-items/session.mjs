/**
 * One measured browser context over raw CDP (cdp.mjs): a fresh context with the user's session
 * cookie, one page, the network conditions on the page and on every frame target as it attaches
 * (never paused), and the probe (probe.mjs) in every document. `visit(url)` navigates and
 * resolves with the view's numbers once the first item is painted and the network is quiet.
 */
import { BINDING, PROBE_SOURCE, TIMELINE_SOURCE, TOKEN_PATH, timelineRows } from './probe.mjs';

const QUIET_MS = 400;
const MAX_SETTLE_MS = 5_000;

/** Opens the context; `close()` it when done. `stats` counts frame targets and errors. */
export async function openSession(cdp, { cookie, network, helpCenter, stats, timeoutMs = 30_000 }) {
  const { browserContextId } = await cdp.send('Target.createBrowserContext', {
    disposeOnDetach: true,
  });
  await cdp.send('Storage.setCookies', { cookies: [cookie], browserContextId });
  const { targetId } = await cdp.send('Target.createTarget', {
    url: 'about:blank',
    browserContextId,
  });
  const { sessionId: page } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const sessions = new Set([page]);
  let tokenRequests = 0;
  let inFlight = 0;
  let lastNetwork = performance.now();
  let onSeen = () => {};
  let interactive = null;
  /** This visit's first report of each kind: `element` and `frame` (probe.mjs). */
  let paints = {};

  const off = cdp.on((method, params, sessionId) => {
    if (!sessionId || !(sessions.has(sessionId) || method === 'Target.attachedToTarget')) return;
    if (method === 'Runtime.bindingCalled' && params.name === BINDING) {
      const report = JSON.parse(params.payload);
      if (report.interactive !== undefined) interactive ??= report.interactive;
      else if (!paints[report.how]) {
        paints[report.how] = report;
        onSeen();
      }
    } else if (method === 'Network.requestWillBeSent') {
      inFlight += 1;
      lastNetwork = performance.now();
      const url = new URL(params.request.url);
      if (sessionId === page && url.origin === helpCenter && url.pathname === TOKEN_PATH) {
        tokenRequests += 1;
      }
    } else if (method === 'Network.loadingFinished' || method === 'Network.loadingFailed') {
      inFlight -= 1;
      lastNetwork = performance.now();
    } else if (method === 'Target.attachedToTarget' && sessions.has(sessionId)) {
      attachFrame(params.sessionId, params.targetInfo);
    } else if (method === 'Target.detachedFromTarget') {
      sessions.delete(params.sessionId);
    }
  });

  /** A new frame (or worker) target: conditions, probe and counters, all sent at once. */
  function attachFrame(child, info) {
    sessions.add(child);
    if (info.type !== 'iframe') return;
    const ignoreGone = (error) => {
      if (!/not found|closed|detached/i.test(error.message)) stats.errors.push(error.message);
    };
    cdp
      .send('Network.emulateNetworkConditions', network.params, child)
      .then(() => (stats.frames += 1), ignoreGone);
    cdp.send('Network.enable', {}, child).catch(ignoreGone);
    // Init scripts need the Page domain, binding calls the Runtime domain, enabled.
    cdp.send('Page.enable', {}, child).catch(ignoreGone);
    cdp.send('Runtime.enable', {}, child).catch(ignoreGone);
    cdp.send('Runtime.addBinding', { name: BINDING }, child).catch(ignoreGone);
    cdp
      .send('Page.addScriptToEvaluateOnNewDocument', { source: PROBE_SOURCE }, child)
      .catch(ignoreGone);
    // The document already there (the probe's element observer is buffered).
    cdp.send('Runtime.evaluate', { expression: PROBE_SOURCE }, child).catch(ignoreGone);
  }

  await Promise.all([
    cdp.send('Network.enable', {}, page),
    cdp.send('Network.emulateNetworkConditions', network.params, page),
    cdp.send('Page.enable', {}, page),
    cdp.send('Runtime.enable', {}, page),
    cdp.send('Runtime.addBinding', { name: BINDING }, page),
    cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: PROBE_SOURCE }, page),
    cdp.send(
      'Target.setAutoAttach',
      { autoAttach: true, waitForDebuggerOnStart: false, flatten: true },
      page,
    ),
  ]);

  async function settle() {
    const until = performance.now() + MAX_SETTLE_MS;
    while (performance.now() < until) {
      if (inFlight <= 0 && performance.now() - lastNetwork >= QUIET_MS) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function timeline(navStart) {
    const rows = [];
    for (const sessionId of sessions) {
      const doc = await cdp
        .send('Runtime.evaluate', { expression: TIMELINE_SOURCE, returnByValue: true }, sessionId)
        .then(
          (r) => r.result.value,
          () => null,
        );
      if (doc && doc.entries) rows.push(...timelineRows(doc, navStart));
    }
    return rows.sort((a, b) => a.start - b.start);
  }

  return {
    async visit(url) {
      tokenRequests = 0;
      interactive = null;
      paints = {};
      let timer;
      const seen = new Promise((resolve, reject) => {
        onSeen = resolve;
        timer = setTimeout(
          () => reject(new Error(`no item within ${timeoutMs} ms: ${url}`)),
          timeoutMs,
        );
      });
      await cdp.send('Page.navigate', { url }, page);
      await seen.finally(() => clearTimeout(timer));
      onSeen = () => {};
      // Late requests (and HTTP cache writes) finish, so the next visit starts from rest; the
      // other way of timing the paint reports meanwhile, if it can.
      await settle();
      // Element Timing where the browser gives it, else the rendered frame (script mode).
      const report = paints.element ?? paints.frame;
      const navStart = await cdp
        .send(
          'Runtime.evaluate',
          { expression: 'performance.timeOrigin', returnByValue: true },
          page,
        )
        .then((r) => r.result.value);
      return {
        navStart,
        ms: report.at - navStart,
        inDomMs: report.inDom === null ? undefined : report.inDom - navStart,
        how: report.how,
        elementMs: paints.element && paints.element.at - navStart,
        frameMs: paints.frame && paints.frame.at - navStart,
        // The time the user can add to the list they see: the later of its paint and the add
        // form's handlers (a page without the mark, the tutorial's, has them before its list).
        interactiveMs: Math.max(report.at, interactive ?? 0) - navStart,
        shownIn: report.top ? 'page' : 'widget frame',
        tokenRequests,
        timeline: await timeline(navStart),
      };
    },
    async close() {
      off();
      await cdp.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
    },
  };
}
