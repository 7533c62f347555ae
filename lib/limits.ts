/**
 * The contract's numeric limits and the one text rule both sides apply (docs/api.md), in a module
 * with no dependencies so that the widget (client code) and the server import the very same
 * numbers. Messages take these as parameters; no catalogue spells out a limit itself.
 */

/** The longest to-do text, in Unicode code points after trimming. @default 500 */
export const MAX_VALUE_LENGTH = 500;

/** How many items one user may keep (409 `limit_reached` past it). @default 500 */
export const MAX_ITEMS_PER_USER = 500;

/**
 * A token longer than this is refused without parsing (docs/api.md, tokens: 8 KiB). @default 8192
 */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * An `Idempotency-Key`: 1–64 characters of `A–Z a–z 0–9 _ -` — a UUID fits, and nothing that
 * could confuse a key. The widget makes its keys by it; the API refuses anything else.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The format of "Download my data" (`GET /api/me/export`); bump it when the shape changes. */
export const EXPORT_FORMAT = 'hc-todo-export/1';

/** The file name the server suggests for the export; the widget saves it under the same. */
export const EXPORT_FILE_NAME = 'hc-todo-export.json';

/** A to-do text as the server stores it: trimmed (String.prototype.trim, as the API does). */
export function normaliseValue(raw: string): string {
  return raw.trim();
}

/** Length as the API counts it: code points, not UTF-16 units. */
export function codePointLength(value: string): number {
  return [...value].length;
}
