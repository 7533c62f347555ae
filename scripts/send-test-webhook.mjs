#!/usr/bin/env node
// @ts-check
/**
 * Sends a correctly signed Zendesk webhook delivery to a running hc-todo and prints the answer,
 * so an admin can check the webhook end to end without deleting anyone in Zendesk.
 *
 *   ZENDESK_WEBHOOK_SECRET=… npm run webhook:test -- --url https://app.example.com --user 12345
 *       a `zen:event-type:user.deleted` for user 12345: hc-todo ERASES that user's data.
 *   ZENDESK_WEBHOOK_SECRET=… npm run webhook:test -- --url https://app.example.com --check
 *       an event hc-todo ignores: proves the URL, the secret and the clocks, erases nothing.
 *
 * The secret is read from the environment only, never from the command line, where shell
 * history and `ps` would show it. Exits 0 on a 2xx answer, 1 otherwise.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const WEBHOOK_PATH = '/api/zendesk/webhook';
/** A type no Zendesk event has, so the check cannot trigger anything anywhere. */
const CHECK_TYPE = 'zen:event-type:hc_todo.signature_check';
const USAGE = `Usage: ZENDESK_WEBHOOK_SECRET=… npm run webhook:test -- --url <app URL> (--user <Zendesk user id> | --check)`;

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(message);
  process.exit(1);
}

/** @returns {{ url: string, user: string | undefined, check: boolean }} */
function readArgs() {
  if (process.argv.some((arg) => arg.startsWith('--secret'))) {
    fail('The secret is read from ZENDESK_WEBHOOK_SECRET only, never from the command line.');
  }
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string' },
        user: { type: 'string' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.url) fail(`--url is required.\n${USAGE}`);
  if (values.check === (values.user !== undefined)) {
    fail(`Give either --user <id> (erases that user) or --check (erases nothing).\n${USAGE}`);
  }
  if (values.user !== undefined && !/^[1-9][0-9]{0,15}$/.test(values.user)) {
    fail('--user must be a Zendesk user id: digits only, e.g. --user 6596848315901.');
  }
  return { url: values.url, user: values.user, check: values.check };
}

/** The webhook URL: an app origin gets the webhook path; a full webhook URL is kept. */
function webhookUrl(/** @type {string} */ raw) {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    fail(`--url must be an http(s) URL such as https://app.example.com, not "${raw}".`);
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = WEBHOOK_PATH;
  return url.href;
}

/** A delivery shaped like Zendesk's (developer.zendesk.com/api-reference/webhooks/event-types). */
function event(/** @type {string | undefined} */ user, /** @type {string} */ time) {
  const id = user ?? '1';
  return {
    type: user === undefined ? CHECK_TYPE : 'zen:event-type:user.deleted',
    id: randomUUID(),
    time,
    zendesk_event_version: '2022-06-20',
    subject: `zen:user:${id}`,
    detail: { id },
    event: {},
  };
}

const secret = process.env.ZENDESK_WEBHOOK_SECRET?.trim();
if (!secret) fail(`Set ZENDESK_WEBHOOK_SECRET to the webhook's signing secret.\n${USAGE}`);
const args = readArgs();
const url = webhookUrl(args.url);

// Zendesk's timestamp format: ISO-8601 in UTC to the second (2021-03-25T05:09:27Z).
const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const body = JSON.stringify(event(args.user, timestamp));
const signature = createHmac('sha256', secret)
  .update(timestamp + body)
  .digest('base64');

console.log(
  `POST ${url}\n  ${args.check ? `${CHECK_TYPE} (ignored by hc-todo)` : `zen:event-type:user.deleted for user ${args.user}`}`,
);
let response;
try {
  response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Zendesk-Webhook-Signature': signature,
      'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
} catch (error) {
  fail(`No answer: ${error instanceof Error ? (error.cause ?? error.message) : String(error)}`);
}
const text = await response.text();
console.log(`${response.status} ${response.statusText}\n${text}`);

/** @type {Record<number, string>} */
const HINTS = {
  401: 'The signature was refused: ZENDESK_WEBHOOK_SECRET differs from the server’s, or the clocks differ by more than 5 minutes.',
  404: 'Not found: the server has no ZENDESK_WEBHOOK_SECRET (the webhook is off), or the URL is wrong.',
};
const hint = HINTS[response.status];
if (hint) console.error(hint);
process.exit(response.ok ? 0 : 1);
