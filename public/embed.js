/*!
 * hc-todo embed loader — mounts the to-do widget into #hc-todo and hands it the help center
 * user's JWT. Plain ES2019, no dependencies, nothing global but one idempotence marker.
 *
 * Options are data-* attributes on this script tag:
 *   data-locale  widget language (default HelpCenter.user.locale, then <html lang>, then the
 *                /hc/<locale>/ path, then English)
 *   data-accent  brand colour as #rgb or #rrggbb (default Copenhagen's #17494d)
 *   data-font    CSS font-family list (default the system font stack)
 *   data-target  CSS selector of the mount element (default #hc-todo)
 *   data-hc-todo-embed  marks this tag, for when document.currentScript is unavailable
 *
 * Protocol (v1): the widget says hc-todo:ready / hc-todo:token-request / hc-todo:resize; this
 * answers hc-todo:config, hc-todo:token or hc-todo:token-error. Messages are accepted only from
 * the widget's own window and origin, and posted only to that origin — never '*'. The token stays
 * in memory: never in a URL, storage or the console.
 */
(function () {
  'use strict';
  // Our own tag, found exactly: the running script, or the one the snippet marks. Never a
  // `src$="/embed.js"` guess, which another vendor's loader can match (its origin would get the
  // token). Unsure means no widget: fail closed, and say why.
  var script = document.currentScript || document.querySelector('script[data-hc-todo-embed]');
  if (!script || !script.src) {
    console.error('hc-todo: embed.js cannot find its own <script> tag; add data-hc-todo-embed');
    return;
  }
  var origin = new URL(script.src, location.href).origin;
  var key = '__hcTodo:' + origin;
  // Idempotent: a second copy of the script (or the same one twice) reuses the first mount.
  if (window[key]) return;
  window[key] = true;

  var data = script.dataset;
  var user = (window.HelpCenter && window.HelpCenter.user) || { role: 'anonymous' };
  var anonymous = user.role === 'anonymous';

  // Guide's `HelpCenter.user.locale` may be missing: the page's language, then its URL.
  function pageLocale() {
    var path = /^\/hc\/([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\//i.exec(location.pathname);
    return (document.documentElement.lang || (path && path[1]) || 'en').toLowerCase();
  }

  function failure(code, status) {
    var error = new Error('hc-todo: no help center token (' + code + ')');
    error.code = code;
    error.status = status;
    return error;
  }

  function tokenSource() {
    var cached = null; // { token, until } — until 60 s before the token's exp
    var inFlight = null;
    function expiry(token) {
      try {
        var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        return JSON.parse(atob(part)).exp * 1000;
      } catch {
        return 0;
      }
    }
    return function get(fresh) {
      if (!fresh && cached && Date.now() < cached.until) return Promise.resolve(cached.token);
      if (inFlight) return inFlight; // concurrent callers share one request
      cached = null;
      inFlight = fetch('/api/v2/help_center/integration/token', {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
        .then(
          function (res) {
            // 404: the plan has no help center JWTs (Guide Enterprise only).
            if (!res.ok) throw failure(res.status === 404 ? 'unavailable' : 'failed', res.status);
            return res.json();
          },
          function () {
            throw failure('failed');
          },
        )
        .then(function (body) {
          if (!body || typeof body.token !== 'string') throw failure('failed');
          cached = { token: body.token, until: expiry(body.token) - 60000 };
          return body.token;
        })
        .finally(function () {
          inFlight = null;
        });
      return inFlight;
    };
  }

  function mount() {
    var host = document.querySelector(data.target || '#hc-todo');
    if (!host || host.querySelector('iframe[data-hc-todo]')) return;
    var getToken = tokenSource();
    if (!anonymous) getToken().catch(function () {}); // start while the iframe loads

    var params = new URLSearchParams();
    var locale = data.locale || user.locale || pageLocale();
    params.set('locale', locale);
    if (data.accent) params.set('accent', data.accent);
    if (data.font) params.set('font', data.font);
    var frame = document.createElement('iframe');
    frame.src = origin + '/widget' + (params.toString() ? '?' + params : '');
    frame.title = data.title || 'To-do list';
    frame.setAttribute('data-hc-todo', '');
    frame.setAttribute('scrolling', 'no');
    // The widget keeps 4px around its content for focus rings; the negative margin lines its
    // text up with the page's.
    frame.style.cssText =
      'display:block;width:calc(100% + 8px);margin:0 -4px;height:160px;border:0;overflow:hidden';

    function post(message) {
      message.v = 1;
      if (frame.contentWindow) frame.contentWindow.postMessage(message, origin);
    }
    function sendToken(fresh) {
      if (anonymous) return post({ type: 'hc-todo:token-error', code: 'anonymous' });
      getToken(fresh).then(
        function (token) {
          post({ type: 'hc-todo:token', token: token });
        },
        function (error) {
          post({ type: 'hc-todo:token-error', code: error.code || 'failed', status: error.status });
        },
      );
    }
    window.addEventListener('message', function (event) {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      var message = event.data || {};
      if (message.v !== 1) return;
      if (message.type === 'hc-todo:ready') {
        post({
          type: 'hc-todo:config',
          locale: locale,
          accent: data.accent,
          font: data.font,
          signInUrl: '/hc/signin?return_to=' + encodeURIComponent(location.href),
        });
        sendToken(false);
      } else if (message.type === 'hc-todo:token-request') {
        sendToken(true);
      } else if (message.type === 'hc-todo:resize' && message.height > 0) {
        frame.style.height = Math.min(Math.ceil(message.height), 100000) + 'px';
      }
    });
    host.appendChild(frame);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
