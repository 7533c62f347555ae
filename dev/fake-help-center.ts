/**
 * The help center pages of the fake Zendesk origin, for the browser tests:
 *
 * - `/hc/todo?mode=script|iframe&app=<origin>[&locale=de][&lang=fr-FR]` — a Guide-like page
 *   embedding the real theme-snippet file, verbatim except for the app URL, with `HelpCenter.user`
 *   from the cookie; `locale` is the user's (an anonymous visitor's too), `locale=none` leaves
 *   `HelpCenter.user.locale` out, `lang` sets `<html lang>` (and `dir`).
 *   The same page answers at `/hc/<locale>/p/todo`, the path Guide serves custom pages at.
 *   `vendor=1` puts another vendor's loader, `/hc/vendor/embed.js`, first on the page;
 *   `unmarked=1` drops `data-hc-todo-embed` from the snippet's script tag; `formaction=self` sends
 *   a CSP that forbids the page to post forms to other origins; `clobber=1` puts elements named
 *   `currentScript` and with id `hc-todo-frame`, pointing at the help center's own origin, first on
 *   the page (DOM clobbering); `placeholder=1` serves the snippet exactly as shipped, with the
 *   placeholder app origin (then `app` is not used);
 * - `/hc/login?user=N` (also `/hc/signin`) — signs user N in (`user=anonymous` signs out);
 * - `/hc/tutorial?app=<origin>` — a page that calls the API the way the public Zendesk to-do
 *   tutorial's custom page does (see tutorial-page.ts);
 * - `/hc/floor?frame=<url>` — the bench's floor of a framed widget: the token fetched as the
 *   tutorial does, then posted into a cross-site frame that already holds the items (floor-page.ts);
 * - `POST /hc/pages` with a snippet as the body — what an admin pastes as a custom page (e.g.
 *   copied from the setup page) — answers `201 {"path"}`: a custom page path that serves the
 *   same Guide-like page around exactly that snippet.
 */
import type http from 'node:http';
import path from 'node:path';

import {
  APP_URL_PLACEHOLDER,
  readSnippet,
  renderHelpCenterPage,
  type EmbedMode,
  type MockUser,
} from '../lib/preview/help-center-page';
import { USER_COOKIE, type ExtraRoutes } from './fake-zendesk';
import { floorPage } from './floor-page';
import { tutorialPage } from './tutorial-page';

/**
 * The repository root, from __filename: the pages read theme-snippet/ from here whatever the
 * working directory (tsx's tsImport, used by the scripts, leaves __dirname at the caller).
 */
const ROOT = path.resolve(path.dirname(__filename), '..');

/** The signed-in user of a request, from the cookie the fake token endpoint also reads. */
function userOf(req: http.IncomingMessage, locale: string | undefined): MockUser | undefined {
  const id = new RegExp(`(?:^|;\\s*)${USER_COOKIE}=(\\d+)`).exec(req.headers.cookie ?? '')?.[1];
  return id ? { id: Number(id), name: `User ${id}`, locale } : undefined;
}

/** An http(s) origin from a query parameter, or undefined. */
function appOrigin(url: URL): string | undefined {
  const raw = url.searchParams.get('app') ?? '';
  if (!URL.canParse(raw)) return undefined;
  const parsed = new URL(raw);
  return /^https?:$/.test(parsed.protocol) ? parsed.origin : undefined;
}

function send(res: http.ServerResponse, status: number, body: string, type = 'text/html'): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * Markup an article or a comment could carry, shadowing what the loaders look up: by name,
 * `document.currentScript`; by id, the iframe snippet's frame. Both point at this origin.
 */
const CLOBBERING =
  '<img name="currentScript" src="/hc/clobber.gif" alt="">' +
  '<img id="hc-todo-frame" src="/hc/clobber.gif" alt="">';

/** A Guide custom page's path: `/hc/<locale>/p/<name>`. */
const CUSTOM_PAGE = /^\/hc\/[a-z]{2,3}(?:-[a-z0-9]+)*\/p\/todo$/;

/** A pasted custom page's path: `/hc/<locale>/p/pasted-<n>`. */
const PASTED_PAGE = /^\/hc\/[a-z]{2,3}(?:-[a-z0-9]+)*\/p\/(pasted-\d+)$/;

/** Reads a request body (test pages only: small and trusted). */
async function readText(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Routes for `startFakeZendesk({ routes })`. */
export function helpCenterPages(): ExtraRoutes {
  const pasted = new Map<string, string>();
  return async (req, res, url) => {
    const pastedName = PASTED_PAGE.exec(url.pathname)?.[1];
    if (pastedName !== undefined && pasted.has(pastedName)) {
      const user = userOf(req, 'en-us');
      send(res, 200, renderHelpCenterPage({ snippet: pasted.get(pastedName)!, user }));
      return true;
    }
    if (url.pathname === '/hc/pages' && req.method === 'POST') {
      const name = `pasted-${pasted.size + 1}`;
      pasted.set(name, await readText(req));
      send(res, 201, JSON.stringify({ path: `/hc/en-us/p/${name}` }), 'application/json');
      return true;
    }
    const pathname = CUSTOM_PAGE.test(url.pathname) ? '/hc/todo' : url.pathname;
    switch (pathname) {
      case '/hc/todo': {
        const app = appOrigin(url);
        if (!app) return (send(res, 400, 'app=<origin> is required', 'text/plain'), true);
        const mode: EmbedMode = url.searchParams.get('mode') === 'iframe' ? 'iframe' : 'script';
        const param = url.searchParams.get('locale') ?? 'en-us';
        const locale = param === 'none' ? undefined : param;
        const user = userOf(req, locale);
        const lang = url.searchParams.get('lang') ?? undefined;
        const placeholder = url.searchParams.get('placeholder') === '1';
        let snippet = await readSnippet(mode, placeholder ? APP_URL_PLACEHOLDER : app, ROOT);
        if (url.searchParams.get('unmarked') === '1') {
          snippet = snippet.replace(/(<script[^>]*) data-hc-todo-embed/, '$1');
        }
        if (url.searchParams.get('vendor') === '1') {
          snippet = `<script src="/hc/vendor/embed.js"></script>\n${snippet}`;
        }
        if (url.searchParams.get('clobber') === '1') {
          snippet = `${CLOBBERING}\n${snippet}`;
        }
        // `formaction=self`: a help center whose CSP forbids posting forms to other origins.
        if (url.searchParams.get('formaction') === 'self') {
          res.setHeader('content-security-policy', "form-action 'self'");
        }
        send(res, 200, renderHelpCenterPage({ snippet, user, lang, anonymousLocale: locale }));
        return true;
      }
      case '/hc/vendor/embed.js':
        send(res, 200, 'window.vendorRan = true;', 'text/javascript');
        return true;
      case '/hc/login':
      case '/hc/signin': {
        const user = url.searchParams.get('user') ?? '';
        const cookie = /^\d+$/.test(user)
          ? `${USER_COOKIE}=${user}; Path=/; HttpOnly; SameSite=Lax`
          : `${USER_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
        const returnTo = url.searchParams.get('return_to') ?? '';
        res.writeHead(303, {
          'set-cookie': cookie,
          location: /^\/(?!\/)/.test(returnTo) ? returnTo : '/hc/done',
        });
        res.end();
        return true;
      }
      case '/hc/done':
        send(res, 200, '<!DOCTYPE html><title>Signed in</title><p>Done.</p>');
        return true;
      case '/hc/tutorial': {
        const app = appOrigin(url);
        if (!app) return (send(res, 400, 'app=<origin> is required', 'text/plain'), true);
        send(res, 200, tutorialPage(app, userOf(req, 'en-us') !== undefined));
        return true;
      }
      case '/hc/floor': {
        const frame = url.searchParams.get('frame') ?? '';
        if (!/^https?:\/\//.test(frame) || !URL.canParse(frame)) {
          return (send(res, 400, 'frame=<url> is required', 'text/plain'), true);
        }
        send(res, 200, floorPage(new URL(frame).href, userOf(req, 'en-us') !== undefined));
        return true;
      }
      default:
        return false;
    }
  };
}
