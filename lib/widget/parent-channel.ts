/**
 * The widget's side of the hand-off: it talks only to `window.parent`, only with an origin from
 * ALLOWED_ORIGINS (rendered into the page by the server), and pins the first origin that answers.
 * The token lives in this object's memory only — never in a URL, storage or a log.
 */
import {
  parseParentMessage,
  readTokenExpiry,
  type ParentMessage,
  type TokenErrorCode,
  type WidgetMessage,
} from './protocol';

/** A token could not be obtained; `code` says why, for the message shown. */
export class TokenUnavailableError extends Error {
  constructor(readonly code: TokenErrorCode | 'timeout') {
    super(`help center token unavailable: ${code}`);
    this.name = 'TokenUnavailableError';
  }
}

/** Ask for a new token when the one held expires within this many seconds. */
const REFRESH_MARGIN_SECONDS = 60;
/** The parent fetches from Zendesk, which can be slow; past this the action fails visibly. */
const TOKEN_WAIT_MS = 15_000;
const READY_RETRY_MS = 1_000;
const READY_RETRIES = 5;

interface Pending {
  promise: Promise<string>;
  resolve: (token: string) => void;
  reject: (error: TokenUnavailableError) => void;
}

export interface ParentChannel {
  /** True when the page is framed at all; the widget cannot work stand-alone. */
  readonly embedded: boolean;
  /** The current token, or a fresh one when `fresh` is set or the current one is about to expire. */
  getToken(options?: { fresh?: boolean }): Promise<string>;
  post(message: WidgetMessage): void;
  close(): void;
}

/** Starts listening and says `ready`; `onMessage` sees every accepted parent message. */
export function connectToParent(
  allowedOrigins: readonly string[],
  onMessage: (message: ParentMessage, origin: string) => void,
): ParentChannel {
  const parent = window.parent;
  const embedded = parent !== window;
  // Where the browser tells us the embedder's origin, talk to it alone (and not at all when it is
  // not allowed: the CSP should have refused the frame anyway); otherwise try each allowed origin —
  // postMessage drops a message whose target origin does not match the recipient.
  const ancestor = window.location.ancestorOrigins?.[0];
  let targets: readonly string[] =
    ancestor === undefined ? allowedOrigins : allowedOrigins.filter((o) => o === ancestor);
  let pinned: string | undefined;
  let token: string | undefined;
  let pending: Pending | undefined;
  // The `ready` message asks for the first token, so no separate request is due until it arrives.
  let awaitingFirst = true;

  const post = (message: WidgetMessage): void => {
    if (!embedded) return;
    for (const origin of pinned ? [pinned] : targets) parent.postMessage(message, origin);
  };

  const settle = (outcome: { token: string } | { error: TokenUnavailableError }): void => {
    const current = pending;
    pending = undefined;
    if (!current) return;
    if ('token' in outcome) current.resolve(outcome.token);
    else current.reject(outcome.error);
  };

  const onWindowMessage = (event: MessageEvent): void => {
    if (event.source !== parent || !embedded) return;
    if (pinned ? event.origin !== pinned : !targets.includes(event.origin)) return;
    const message = parseParentMessage(event.data);
    if (!message) return;
    pinned = event.origin;
    targets = [event.origin];
    if (message.type === 'hc-todo:token') {
      awaitingFirst = false;
      token = message.token;
      settle({ token: message.token });
    } else if (message.type === 'hc-todo:token-error') {
      awaitingFirst = false;
      settle({ error: new TokenUnavailableError(message.code) });
    }
    onMessage(message, event.origin);
  };

  const isFresh = (value: string): boolean => {
    const exp = readTokenExpiry(value);
    return exp === undefined || exp - Date.now() / 1000 > REFRESH_MARGIN_SECONDS;
  };

  const getToken = ({ fresh = false } = {}): Promise<string> => {
    if (!fresh && token !== undefined && isFresh(token)) return Promise.resolve(token);
    if (pending) return pending.promise;
    let resolve!: (value: string) => void;
    let reject!: (error: TokenUnavailableError) => void;
    const promise = new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const entry: Pending = { promise, resolve, reject };
    pending = entry;
    const timer = setTimeout(() => {
      if (pending === entry) settle({ error: new TokenUnavailableError('timeout') });
    }, TOKEN_WAIT_MS);
    promise.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
    if (!awaitingFirst) post({ type: 'hc-todo:token-request', v: 1 });
    return promise;
  };

  window.addEventListener('message', onWindowMessage);
  post({ type: 'hc-todo:ready', v: 1 });
  // A parent whose script started late missed the first `ready`; say it again a few times.
  let retries = 0;
  const readyTimer = setInterval(() => {
    if (pinned || ++retries > READY_RETRIES) clearInterval(readyTimer);
    else post({ type: 'hc-todo:ready', v: 1 });
  }, READY_RETRY_MS);

  return {
    embedded,
    getToken,
    post,
    close: () => {
      clearInterval(readyTimer);
      window.removeEventListener('message', onWindowMessage);
      settle({ error: new TokenUnavailableError('timeout') });
    },
  };
}

/**
 * Where the widget's API client gets tokens: the channel once connected. It exists before the
 * channel does, so a list rendered by the server can be given an API client from the start.
 */
export class ChannelSlot {
  private channel: ParentChannel | undefined;

  attach(channel: ParentChannel): void {
    this.channel = channel;
  }

  detach(): void {
    this.channel = undefined;
  }

  readonly getToken = (options?: { fresh?: boolean }): Promise<string> =>
    this.channel
      ? this.channel.getToken(options)
      : Promise.reject(new TokenUnavailableError('timeout'));

  readonly post = (message: WidgetMessage): void => this.channel?.post(message);
}
