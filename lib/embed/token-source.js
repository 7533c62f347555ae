/**
 * What both help center hand-offs share (scripts/build-embed.mjs puts it in front of each entry):
 * the user's token, the page's locale and `document` as the browser defines it. Plain ES2019 that
 * runs in any help center page: no modules, no globals.
 */

/**
 * The signed-in user's help center JWT: `getToken(fresh)` fetches it from the help center's own
 * origin (its session cookie authenticates the request), caches it until 60 s before its `exp`
 * and shares one request between concurrent callers; `fresh` skips the cache. A failure is an
 * Error with `code` `unavailable` (404: the plan has no help center JWTs) or `failed`.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the entries
function tokenSource() {
  var cached = null; // { token, until }
  var inFlight = null;

  function failure(code, status) {
    var error = new Error('hc-todo: no help center token (' + code + ')');
    error.code = code;
    error.status = status;
    return error;
  }

  // Milliseconds since the epoch at which the token expires; 0 (never cached) when unreadable.
  function expiry(token) {
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var exp = JSON.parse(atob(part)).exp;
      return typeof exp === 'number' ? exp * 1000 : 0;
    } catch {
      return 0;
    }
  }

  return function getToken(fresh) {
    if (!fresh && cached && Date.now() < cached.until) return Promise.resolve(cached.token);
    if (inFlight) return inFlight; // concurrent callers share one request
    cached = null;
    inFlight = fetch('/api/v2/help_center/integration/token', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then(
        function (res) {
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

/** Whether the help center user is signed out: then no token is ever asked for. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the entries
function anonymousUser() {
  var user = (window.HelpCenter && window.HelpCenter.user) || { role: 'anonymous' };
  return user.role === 'anonymous';
}

/**
 * The snippets ship with a placeholder origin under .invalid, which never resolves: unchanged,
 * they must send nothing anywhere, and say what to change.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the entries
function placeholder(url) {
  if (!/\.invalid$/i.test(url.hostname)) return false;
  console.error('hc-todo: ' + url.origin + " is a placeholder: put your deployment's URL instead");
  return true;
}

/**
 * `document[name]` (called with `arg` when a method) as the browser defines it, not as the page
 * may have shadowed it: an element with `name="currentScript"` (or `body`, `querySelector`, …)
 * replaces that property of `document` (DOM clobbering, whatwg/html#10687).
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the entries
function realDocument(name, arg) {
  var property = Object.getOwnPropertyDescriptor(Document.prototype, name);
  return property.get ? property.get.call(document) : property.value.call(document, arg);
}

/** Guide's `HelpCenter.user.locale` may be missing: the page's language, then its URL. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the entries
function pageLocale(explicit) {
  var user = (window.HelpCenter && window.HelpCenter.user) || {};
  var path = /^\/hc\/([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\//i.exec(location.pathname);
  return (
    explicit ||
    user.locale ||
    document.documentElement.lang ||
    (path && path[1]) ||
    'en'
  ).toLowerCase();
}
