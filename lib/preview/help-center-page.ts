/**
 * A page that looks like a Zendesk Guide page in the default Copenhagen theme (header, breadcrumbs,
 * container) around a theme snippet, with `window.HelpCenter.user` defined as Guide does. Used by
 * the dev preview's mock help center and by the browser tests' fake help center, so both embed
 * the real files from theme-snippet/ exactly as a help center would serve them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { localeDirection } from '../widget/locale';

/** The placeholder the snippets ship with (docs/embedding.md). */
export const APP_URL_PLACEHOLDER = 'https://YOUR-APP.invalid';

export type EmbedMode = 'script' | 'iframe';

/** A signed-in end user, or `undefined` for an anonymous visitor. */
export interface MockUser {
  id: number;
  name: string;
  /**
   * Guide may leave `HelpCenter.user.locale` out; the embeds then fall back (docs/embedding.md).
   */
  locale?: string;
}

export interface HelpCenterPageOptions {
  /** Snippet markup, inserted verbatim (it is a theme file, trusted like one). */
  snippet: string;
  user: MockUser | undefined;
  /** Trusted markup for the preview's controls, shown above the page. */
  toolbar?: string;
  title?: string;
  /** The page's `<html lang>`; its `dir` follows, as in Copenhagen. @default 'en-US' */
  lang?: string;
  /** `HelpCenter.user.locale` of an anonymous visitor: the help center's. @default 'en-us' */
  anonymousLocale?: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** JSON that is safe inside an inline `<script>` (no `</script>` or `<!--` can form). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, ' ');
}

/** Reads a snippet from theme-snippet/ as shipped and points it at `appOrigin`. */
export async function readSnippet(
  mode: EmbedMode,
  appOrigin: string,
  root: string = process.cwd(),
): Promise<string> {
  const file = mode === 'iframe' ? 'todo-list-iframe.hbs' : 'todo-list.hbs';
  const text = await readFile(path.join(root, 'theme-snippet', file), 'utf8');
  return text.split(APP_URL_PLACEHOLDER).join(appOrigin);
}

/** `HelpCenter.user` as Guide defines it for this visitor. */
export function helpCenterUser(
  user: MockUser | undefined,
  anonymousLocale = 'en-us',
): Record<string, unknown> {
  if (!user) return { role: 'anonymous', locale: anonymousLocale };
  return {
    role: 'end-user',
    name: user.name,
    email: `user${user.id}@example.com`,
    locale: user.locale,
    organizations: [],
    tags: [],
  };
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;color:#2f3941;font-size:15px;line-height:1.5;background:#fff}
a{color:#1f73b7}
.header{max-width:1160px;margin:0 auto;padding:0 5%;height:71px;display:flex;align-items:center;justify-content:space-between}
.logo{display:flex;align-items:center;gap:10px;font-weight:600;color:#17494d;text-decoration:none;font-size:18px}
.logo span{width:32px;height:32px;border-radius:6px;background:#17494d;display:inline-block}
.nav{display:flex;gap:24px;align-items:center}
.nav a{text-decoration:none}
.user{font-weight:600}
.toolbar{background:#f8f9f9;border-bottom:1px solid #e9ebed;padding:8px 5%;font-size:13px}
.toolbar a[aria-current]{font-weight:700;color:#2f3941;text-decoration:none}
.container{max-width:1160px;margin:0 auto;padding:0 5%}
.sub-nav{max-width:1160px;margin:0 auto;padding:24px 5% 16px}
.breadcrumbs{margin:0;padding:0;list-style:none;display:flex;gap:4px;font-size:13px}
.breadcrumbs li+li:before{content:'>';margin:0 4px;color:#68737d}
.footer{max-width:1160px;margin:48px auto 0;padding:30px 5%;border-top:1px solid #e9ebed;color:#68737d;font-size:13px}
`;

/** The whole page as an HTML string. */
export function renderHelpCenterPage(options: HelpCenterPageOptions): string {
  const { user, snippet, toolbar = '', title = 'To-do list', lang = 'en-US' } = options;
  const hcUser = helpCenterUser(user, options.anonymousLocale);
  const account = user
    ? `<span class="user">${escapeHtml(user.name)}</span>`
    : '<a href="/hc/signin">Sign in</a>';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}" dir="${localeDirection(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} – Acme Help Center</title>
<style>${STYLE}</style>
<script>window.HelpCenter = { user: ${scriptJson(hcUser)} };</script>
</head>
<body>
${toolbar}
<header class="header">
  <a class="logo" href="#"><span aria-hidden="true"></span>Acme Help Center</a>
  <nav class="nav" aria-label="Help center"><a href="#">Submit a request</a>${account}</nav>
</header>
<main>
<div class="sub-nav">
  <ol class="breadcrumbs" aria-label="Breadcrumbs"><li><a href="#">Acme Help Center</a></li><li>${escapeHtml(title)}</li></ol>
</div>
${snippet}
</main>
<footer class="footer">Acme Help Center · mock page for hc-todo</footer>
</body>
</html>`;
}
