/**
 * The versioned `postMessage` protocol between the widget (in its iframe) and the help center
 * page that embeds it (public/embed.js or the iframe snippet's inline script).
 *
 * | direction       | message                                                         | meaning |
 * |-----------------|-----------------------------------------------------------------|---------|
 * | widget → parent | `{type: 'hc-todo:ready', v: 1}`                                 | listening; send config and a token |
 * | widget → parent | `{type: 'hc-todo:token-request', v: 1}`                         | the token was refused or is about to expire: fetch a fresh one |
 * | widget → parent | `{type: 'hc-todo:resize', v: 1, height}`                        | content height in CSS pixels, for the iframe |
 * | parent → widget | `{type: 'hc-todo:config', v: 1, locale?, accent?, font?, signInUrl?}` | presentation options, sent on every `ready` |
 * | parent → widget | `{type: 'hc-todo:token', v: 1, token}`                          | the user's help center JWT |
 * | parent → widget | `{type: 'hc-todo:token-error', v: 1, code, status?}`            | `anonymous` (no request made), `unavailable` (404: plan without the feature), `failed` |
 *
 * Deny by default: a message is read only when it comes from the expected window and origin and
 * has a known `type` with `v: 1`; anything else is ignored silently.
 */

import { MAX_TOKEN_LENGTH } from '../limits';

export const PROTOCOL_VERSION = 1;

/**
 * Set on the widget's `window` once its React height reporter (use-resize-report.ts) runs, so the
 * early one that /widget inlines after the server-rendered list (lib/widget-server/early-resize.ts)
 * stops: one reporter at a time.
 */
export const EARLY_RESIZE_FLAG = '__hcTodoSized';

export type TokenErrorCode = 'anonymous' | 'unavailable' | 'failed';

export interface ConfigMessage {
  type: 'hc-todo:config';
  v: 1;
  locale?: string;
  accent?: string;
  font?: string;
  signInUrl?: string;
}

export interface TokenMessage {
  type: 'hc-todo:token';
  v: 1;
  token: string;
}

export interface TokenErrorMessage {
  type: 'hc-todo:token-error';
  v: 1;
  code: TokenErrorCode;
  status?: number;
}

export type ParentMessage = ConfigMessage | TokenMessage | TokenErrorMessage;

export type WidgetMessage =
  | { type: 'hc-todo:ready'; v: 1 }
  | { type: 'hc-todo:token-request'; v: 1 }
  | { type: 'hc-todo:resize'; v: 1; height: number };

const TOKEN_ERROR_CODES: readonly string[] = ['anonymous', 'unavailable', 'failed'];

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= 2048 ? value : undefined;

/** Reads a parent message, or `undefined` for anything not exactly of this protocol. */
export function parseParentMessage(data: unknown): ParentMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message.v !== PROTOCOL_VERSION) return undefined;
  switch (message.type) {
    case 'hc-todo:config':
      return {
        type: 'hc-todo:config',
        v: 1,
        locale: optionalString(message.locale),
        accent: optionalString(message.accent),
        font: optionalString(message.font),
        signInUrl: optionalString(message.signInUrl),
      };
    case 'hc-todo:token':
      // A help center JWT is a few hundred bytes; the API refuses anything over 8 KiB anyway.
      if (typeof message.token !== 'string' || message.token.length > MAX_TOKEN_LENGTH)
        return undefined;
      return { type: 'hc-todo:token', v: 1, token: message.token };
    case 'hc-todo:token-error': {
      if (typeof message.code !== 'string' || !TOKEN_ERROR_CODES.includes(message.code)) {
        return undefined;
      }
      const status = typeof message.status === 'number' ? message.status : undefined;
      return { type: 'hc-todo:token-error', v: 1, code: message.code as TokenErrorCode, status };
    }
    default:
      return undefined;
  }
}

/** The `exp` claim of a JWT in epoch seconds, read without verifying (the API verifies). */
export function readTokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}
