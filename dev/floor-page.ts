/**
 * The floor of a framed widget, for `npm run bench`: a help center page that fetches
 * the user's token with the tutorial's own call (tutorial-page.ts) and then opens a cross-site
 * frame whose HTML already holds the items — no framework, no staging page, nothing to hydrate.
 * The frame (scripts/first-items/floor-frame.mjs) is served by the bench; the token travels in a
 * text/plain form POST, as hc-todo's hand-off sends it. Unlike the tutorial, the fetch starts as
 * soon as the script runs rather than at `load`: a floor is the best a framed widget could do.
 */
import { helpCenterUser, scriptJson } from '../lib/preview/help-center-page';

/** The page's HTML; `frameUrl` answers GET and POST with the items' HTML. */
export function floorPage(frameUrl: string, signedIn: boolean): string {
  const user = helpCenterUser(
    signedIn ? { id: 0, name: 'Floor user', locale: 'en-us' } : undefined,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>To-do list (framed floor)</title>
<script>window.HelpCenter = { user: ${scriptJson(user)} };</script></head>
<body>
<h1>To-do list</h1>
<iframe name="floor" title="To-do list" style="display:block;width:100%;height:400px;border:0"></iframe>
<script>
fetch('/api/v2/help_center/integration/token').then(function (res) { return res.json(); })
  .then(function (body) {
    var form = document.createElement('form');
    form.method = 'post';
    form.enctype = 'text/plain';
    form.action = ${scriptJson(frameUrl)};
    form.target = 'floor';
    var field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'token';
    field.value = body.token;
    form.appendChild(field);
    document.body.appendChild(form);
    form.submit();
    form.remove();
  });
</script>
</body>
</html>`;
}
