/**
 * Test-only preload for `next start` (NODE_OPTIONS=--require): lets a test move the server's
 * `Date.now()` forward, so the key set's 30 s cooldown and 10 min max age can be crossed over
 * HTTP without real waiting. Nothing in the app reads this: it is the test's clock, not a knob.
 *
 * On SIGUSR2 the offset (ms) is read from the file named by HC_TODO_TEST_CLOCK_FILE and echoed
 * to `<file>.ack`, so the test can wait until the server has taken it.
 */
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS
const fs = require('node:fs');

const file = process.env.HC_TODO_TEST_CLOCK_FILE;
if (file) {
  const realNow = Date.now.bind(Date);
  let offset = 0;
  Date.now = () => realNow() + offset;
  process.on('SIGUSR2', () => {
    offset = Number(fs.readFileSync(file, 'utf8')) || 0;
    fs.writeFileSync(`${file}.ack`, String(offset));
  });
}
