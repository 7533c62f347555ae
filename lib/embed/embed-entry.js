/**
 * Script mode's entry (public/embed.js): mounts the widget in the help center page itself, in an
 * open shadow root in #hc-todo (or data-target), rather than in a frame: this script runs on the
 * help center's origin anyway, so a frame would add a process and a document, and protect nothing.
 * Three things start at once — the token request, the widget's module (public/embed/widget.js,
 * built from app/widget/_in-page/) and, as soon as the token is there, the user's list — and the
 * module mounts with whatever has arrived (app/widget/_in-page/mount.tsx).
 */
/* global tokenSource, anonymousUser, placeholder, realDocument, pageLocale */

function embed() {
  // Our own tag, found exactly: the running script, or the one the snippet marks. Never a
  // `src$="/embed.js"` guess, which another vendor's loader can match (its origin would get the
  // token), and never `document.currentScript` as the page sees it: `<img name="currentScript">`
  // anywhere in the page shadows it (DOM clobbering), and the token would go to that image's
  // origin. Unsure means no widget: fail closed, and say why.
  var script = realDocument('currentScript');
  if (!script) script = realDocument('querySelector', 'script[data-hc-todo-embed]');
  if (!(script instanceof HTMLScriptElement) || !script.src) {
    console.error('hc-todo: embed.js cannot find its own <script> tag; add data-hc-todo-embed');
    return;
  }
  var app = new URL(script.src, location.href);
  if (placeholder(app)) return;
  var key = '__hcTodo:' + app.origin;
  // Idempotent: a second copy of the script (or the same one twice) reuses the first mount.
  if (window[key]) return;
  window[key] = true;

  var data = script.dataset;
  var getToken = anonymousUser() ? null : tokenSource();
  // The widget waits for this very request too: asking again after a failure would only add a
  // round trip before it says so.
  var firstToken = getToken && getToken(false);
  // The list as soon as the token is there, with the token as the API expects it (the tutorial's
  // own call); `null` when either fails, and the widget asks again with its full error handling.
  // No `cache: 'no-store'`: the API's answers are no-store already, and Chromium would skip its
  // CORS preflight cache for it, costing every page view a round trip (Access-Control-Max-Age).
  var firstList =
    firstToken &&
    firstToken
      .then(function (token) {
        return fetch(app.origin + '/api/todo_items', {
          headers: { authorization: 'Bearer ' + token },
        });
      })
      .then(function (res) {
        // A token the API refused (a slow clock, a key not yet published) looks valid here: the
        // next one is asked for now, or the widget's own request would be refused too.
        if (res.status === 401) getToken(true).catch(function () {});
        // An error's body is read too: left unread, Chromium holds the request (and its
        // connection, which the widget's own request could use) open.
        return res.json().then(function (body) {
          return res.ok ? body : null;
        });
      })
      .catch(function () {
        return null;
      });
  var widget = import(app.origin + '/embed/widget.js');

  function mount() {
    var host = realDocument('querySelector', data.target || '#hc-todo');
    if (!host || host.shadowRoot) return;
    var shadow = host.attachShadow({ mode: 'open' });
    widget
      .then(function (module) {
        return module.mount(shadow, {
          v: 1,
          app: app.origin,
          getToken: getToken,
          firstToken: firstToken,
          firstList: firstList,
          locale: pageLocale(data.locale),
          accent: data.accent,
          font: data.font,
        });
      })
      .catch(function (error) {
        console.error('hc-todo: the widget could not load from ' + app.origin, error);
        var alert = document.createElement('p');
        alert.setAttribute('role', 'alert');
        alert.textContent = 'The to-do list could not load. Reload the page to try again.';
        shadow.replaceChildren(alert);
      });
  }

  // The snippet puts #hc-todo before the script, so it is usually there already: mounting at
  // once does not wait for the rest of a long help center page to be parsed. Otherwise, once the
  // document is.
  if (
    document.readyState !== 'loading' ||
    realDocument('querySelector', data.target || '#hc-todo')
  ) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }
}

embed();
