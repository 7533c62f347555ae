/**
 * The inline script /widget puts right after the widget's root element, so the embedding page
 * sizes the iframe as soon as the server-rendered list has been parsed — not after React has
 * loaded and hydrated (issue #16: the list was in the frame's DOM at ~460 ms but sat below the
 * frame's initial 160 px, clipped, until hydration asked for a resize).
 *
 * It runs before any of the page's scripts (they are async, in <head>), after the stylesheets
 * (an inline script waits for them), so the height it reads is the height that will be painted.
 * It keeps reporting changes (a font swap, the layout settling) until the widget's own reporter
 * (lib/widget/use-resize-report.ts) is up; both send the same message, which the parent dedupes
 * by simply setting the same height again. A height is not secret, but it still goes only to the
 * allowed origins: postMessage with any other target origin is dropped by the browser.
 */
import { EARLY_RESIZE_FLAG, PROTOCOL_VERSION } from '@/lib/widget/protocol';

/** A JSON value safe inside an inline <script> (no `</script>`, no line separators). */
function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, ' ');
}

/** The script's text, for `allowedOrigins` (the parents the widget may talk to). */
export function earlyResizeScript(allowedOrigins: readonly string[]): string {
  return `(function(){
var root=document.currentScript&&document.currentScript.previousElementSibling;
var origins=${inlineJson(allowedOrigins)};
if(!root||window.parent===window||!origins.length)return;
var last=-1,observer;
function report(){
if(window.${EARLY_RESIZE_FLAG}){if(observer)observer.disconnect();return;}
var height=Math.ceil(root.getBoundingClientRect().height);
if(height===last||height<=0)return;
last=height;
for(var i=0;i<origins.length;i++)window.parent.postMessage({type:'hc-todo:resize',v:${PROTOCOL_VERSION},height:height},origins[i]);
}
report();
if(window.ResizeObserver){observer=new ResizeObserver(report);observer.observe(root);}
})();`;
}
