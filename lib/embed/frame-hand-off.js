/**
 * Iframe mode's side of the hand-off (the inline script of theme-snippet/todo-list-iframe.hbs,
 * generated with token-source.js and iframe-entry.js by scripts/build-embed.mjs; a unit test
 * fails when the committed copy is out of date).
 *
 * handOff(frame, widgetUrl, options) hands the user's token (token-source.js) to the widget in
 * `frame` two ways:
 * - first paint: the frame is navigated with a form POST whose body carries the token (never a
 *   URL), so /widget answers HTML that already lists the user's items;
 * - afterwards, and whenever the widget asks: the postMessage protocol (lib/widget/protocol.ts),
 *   posting only to the widget's origin, never '*'.
 */
/* global tokenSource, anonymousUser, placeholder, realDocument */

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the entry
function handOff(frame, widgetUrl, options) {
  var origin = new URL(widgetUrl).origin;
  if (placeholder(new URL(widgetUrl))) return;
  var anonymous = anonymousUser();
  var getToken = tokenSource();

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

  // A POST into the frame: text/plain, because Next.js reads a urlencoded or multipart POST to a
  // page as a Server Action. The field exists only for the duration of submit().
  function openWith(token) {
    var form = document.createElement('form');
    form.method = 'post';
    form.enctype = 'text/plain';
    form.action = widgetUrl;
    form.target = frame.name;
    form.style.display = 'none';
    var field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'token';
    field.value = token;
    form.appendChild(field);
    var body = realDocument('body');
    body.appendChild(form);
    form.submit();
    body.removeChild(form);
  }

  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow || event.origin !== origin) return;
    var message = event.data || {};
    if (message.v !== 1) return;
    if (message.type === 'hc-todo:ready') {
      post({
        type: 'hc-todo:config',
        locale: options.locale,
        accent: options.accent,
        font: options.font,
        signInUrl: '/hc/signin?return_to=' + encodeURIComponent(location.href),
      });
      sendToken(false);
    } else if (message.type === 'hc-todo:token-request') {
      sendToken(true);
    } else if (message.type === 'hc-todo:resize' && message.height > 0) {
      frame.style.height = Math.min(Math.ceil(message.height), 100000) + 'px';
    }
  });

  // Anonymous: the widget as it is (the iframe snippet's src), and no token is ever asked for.
  if (anonymous) {
    if (!frame.getAttribute('src')) frame.src = widgetUrl;
    return;
  }
  // Signed in: the frame stays empty (about:blank, committed at once) while the token is
  // fetched, and the POST navigates it as soon as the token is there — the floor of a framed
  // widget. It used to load a static staging page first, and the POST had to wait
  // for that page's load (Chromium drops a form navigation that meets a pending first load):
  // on a cold visit that load finished well after the token. The connection is set up in
  // parallel instead (preconnect); the frame's process starts with the POST's navigation.
  // Chromium reads a frame's name only when the frame is inserted, so a frame already in the
  // page (the iframe snippet's, with the widget on its way) is swapped for a fresh, named,
  // empty copy.
  // The token request first: swapping out a frame whose navigation is under way (below) costs
  // the page tens of milliseconds of synchronous work, measured, which the request need not wait
  // for.
  var token = getToken(false);
  preconnect(origin);
  var placed = frame.isConnected ? frame : null;
  if (placed) {
    frame = placed.cloneNode(false);
    frame.removeAttribute('src');
  }
  if (placed || !frame.name) frame.name = 'hc-todo-' + Math.random().toString(36).slice(2);
  if (placed) placed.parentNode.replaceChild(frame, placed);
  // A help center whose CSP forbids posting forms to us (form-action) gets the plain widget.
  document.addEventListener('securitypolicyviolation', function (event) {
    if (event.violatedDirective === 'form-action' && event.blockedURI.indexOf(origin) === 0) {
      frame.src = widgetUrl;
    }
  });
  // Always settled after the entry has inserted the frame: a promise callback runs at the
  // earliest after the current script.
  token.then(openWith, function () {
    // Without a token the widget opens plain, and its hand-off says why.
    frame.src = widgetUrl;
  });
}

/** Opens the connection to the app while the token is on its way. */
function preconnect(origin) {
  var link = document.createElement('link');
  link.rel = 'preconnect';
  link.href = origin;
  (realDocument('head') || realDocument('body')).appendChild(link);
}

/** The widget's URL with its presentation options: not secret, and the server renders them. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the entries
function widgetAddress(base, options) {
  var url = new URL(base);
  url.pathname = '/widget';
  ['locale', 'accent', 'font'].forEach(function (name) {
    if (options[name]) url.searchParams.set(name, options[name]);
  });
  return url.href;
}
