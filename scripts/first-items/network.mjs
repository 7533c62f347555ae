/**
 * Network conditions for one page *and every frame it creates*. `Network.emulateNetworkConditions`
 * on the page's CDP session covers only the page's own renderer: the widget is a cross-site
 * iframe (localhost in a 127.0.0.1 page), so Chromium runs it out of process (OOPIF) and its
 * chunks and API calls would go out unthrottled — measured: with 500 ms latency set on the page,
 * the frame's `/api/todo_items` still took 37 ms and most chunks less than 500 ms. So we also
 * auto-attach to every child target with `waitForDebuggerOnStart`, set the same conditions
 * there, and only then let it run. Playwright's CDPSession cannot address flattened child sessions, so this uses the
 * non-flattened form (`Target.sendMessageToTarget`), which Chromium still supports for
 * page-level auto-attach. One level deep: the widget has no frames of its own.
 */

/** No throttling: the same CDP set-up runs, so both conditions pay the same pause per frame. */
export const LOOPBACK = {
  name: 'loopback',
  params: { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
};

/** The emulated network: 40 ms latency, 2.5 MB/s down, 1 MB/s up (bytes per second). */
export const EMULATED = {
  name: 'emulated',
  params: { offline: false, latency: 40, downloadThroughput: 2.5e6, uploadThroughput: 1e6 },
};

/**
 * Applies `network` to `page` and to each frame target attached from now on. Returns counters,
 * live: how many frame targets got the conditions, the longest time from a target's attach to
 * our resume command being sent (our own hold on it) and to the renderer acknowledging it (it
 * is held for Playwright's own set-up of every new frame too), each frame's hold as epoch
 * times, and any errors.
 */
export async function emulateNetwork(context, page, network) {
  const cdp = await context.newCDPSession(page);
  const pending = new Map();
  const stats = { frames: 0, longestSendMs: 0, longestResumeMs: 0, errors: [], holds: [] };
  let nextId = 0;

  /** A command to a child target; resolves with its reply (routed back through the page). */
  function sendToChild(sessionId, method, params) {
    return new Promise((resolve, reject) => {
      const id = (nextId += 1);
      pending.set(id, { resolve, reject });
      const message = JSON.stringify({ id, method, params });
      cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(reject);
    });
  }

  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    const waiter = pending.get(reply.id);
    if (!waiter) return; // an event, not a reply
    pending.delete(reply.id);
    if (reply.error) waiter.reject(new Error(reply.error.message));
    else waiter.resolve(reply.result);
  });

  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }) => {
    const attached = performance.now();
    // Sent back to back, not awaited in turn: the child session handles them in order, and the
    // Network handler lives in the browser process, so the conditions are in place before the
    // frame runs — and we hold the frame for no round trip of our own.
    const emulated =
      targetInfo.type === 'iframe'
        ? sendToChild(sessionId, 'Network.emulateNetworkConditions', network.params)
        : Promise.resolve();
    // Every auto-attached target (workers too) waits for this, whatever the type.
    const resumed = waitingForDebugger
      ? sendToChild(sessionId, 'Runtime.runIfWaitingForDebugger', {})
      : Promise.resolve();
    stats.longestSendMs = Math.max(stats.longestSendMs, performance.now() - attached);
    try {
      await emulated;
      if (targetInfo.type === 'iframe') stats.frames += 1;
    } catch (error) {
      stats.errors.push(`${targetInfo.type} ${targetInfo.url}: ${error.message}`);
    }
    await resumed.catch(() => {}); // a frame that went away meanwhile
    const now = performance.now();
    stats.longestResumeMs = Math.max(stats.longestResumeMs, now - attached);
    // On the epoch clock, like the page's timings, for the critical path.
    const epoch = (t) => performance.timeOrigin + t;
    if (targetInfo.type === 'iframe') stats.holds.push({ start: epoch(attached), end: epoch(now) });
  });

  await cdp.send('Network.emulateNetworkConditions', network.params);
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: false,
  });
  return stats;
}
