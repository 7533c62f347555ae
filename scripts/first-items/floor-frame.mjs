/**
 * The floor's frame (dev/floor-page.ts): a static page on the app's site (localhost, its own
 * port — cross-site to the help center on 127.0.0.1, so out of process like the widget) that
 * answers GET and the hand-off's form POST alike with HTML already holding the items. Nothing
 * to fetch, run or hydrate: what a framed widget could at best paint once its document arrives.
 */
import http from 'node:http';

const escape = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The frame's HTML for `values`, each marked for Element Timing like the widget's items. */
function frameHtml(values) {
  const items = values
    .map((value) => `<li elementtiming="todo-item">${escape(value)}</li>`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>To-do list</title>
<style>body{margin:0;font:16px system-ui,sans-serif}ul{margin:0;padding:0;list-style:none}li{padding:8px 0;border-bottom:1px solid #ddd}</style>
</head><body><ul aria-label="To-do list">${items}</ul></body></html>`;
}

/** Starts the frame's server on localhost; resolves with its URL and `close()`. */
export async function startFloorFrame(values) {
  const html = frameHtml(values);
  const server = http.createServer((req, res) => {
    req.resume(); // the posted token is not read: the items are already in the page
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(html);
    });
  });
  await new Promise((resolve) => server.listen(0, 'localhost', resolve));
  return {
    url: `http://localhost:${server.address().port}/floor`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
