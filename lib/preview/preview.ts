/**
 * The dev preview's mock help center: its users and the cookie that says who is signed in. The
 * routes are gated by lib/dev-preview.ts, and ALSO test `process.env.NODE_ENV` inline so that a
 * production build drops their code entirely.
 */
import { devPreviewPort } from '../config';

import type { EmbedMode, MockUser } from './help-center-page';

/** The mock help center's session cookie: the signed-in user's id, absent when anonymous. */
export const PREVIEW_USER_COOKIE = 'hc_todo_preview_user';

export const PREVIEW_USERS: readonly MockUser[] = [
  { id: 1, name: 'Ada Lovelace', locale: 'en-us' },
  { id: 2, name: 'Grace Hopper', locale: 'en-us' },
];

/** The mock help center's origin (127.0.0.1) and the widget's (localhost): distinct on purpose. */
export function previewOrigins(): { helpCenter: string; app: string } {
  const port = devPreviewPort();
  return { helpCenter: `http://127.0.0.1:${port}`, app: `http://localhost:${port}` };
}

/** The user a cookie value names, if any. */
export function previewUser(cookie: string | undefined): MockUser | undefined {
  return PREVIEW_USERS.find((user) => String(user.id) === cookie);
}

export function parseMode(value: string | null): EmbedMode {
  return value === 'iframe' ? 'iframe' : 'script';
}
