/**
 * The network conditions of the bench. `Network.emulateNetworkConditions` on a page's CDP session
 * covers only that page's renderer; the widget is a cross-site iframe (localhost in a 127.0.0.1
 * page), so Chromium runs it out of process and its fetches would go out unthrottled. The bench
 * therefore sets the same conditions on every frame target as it attaches — without holding the
 * frame (waitForDebuggerOnStart: false), so a frame's first requests may, in
 * principle, leave before the conditions arrive: docs/bench/first-items.md's emulation check
 * shows the shortest fetch each frame made, which says whether any did.
 */

/** No throttling: the same CDP set-up runs, so both conditions pay the same. */
export const LOOPBACK = {
  name: 'loopback',
  params: { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
};

/** The emulated network: 40 ms latency, 2.5 MB/s down, 1 MB/s up (bytes per second). */
export const EMULATED = {
  name: 'emulated',
  params: { offline: false, latency: 40, downloadThroughput: 2.5e6, uploadThroughput: 1e6 },
};
