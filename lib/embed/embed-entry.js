/**
 * Script mode's entry (public/embed.js): finds its own <script> tag, creates the widget's iframe
 * in #hc-todo (or data-target) and hands it the token (hand-off.js).
 */
/* global handOff, widgetAddress, pageLocale, realDocument */

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
  var appOrigin = new URL(script.src, location.href).origin;
  var key = '__hcTodo:' + appOrigin;
  // Idempotent: a second copy of the script (or the same one twice) reuses the first mount.
  if (window[key]) return;
  window[key] = true;

  var data = script.dataset;
  var options = { locale: pageLocale(data.locale), accent: data.accent, font: data.font };

  function mount() {
    var host = realDocument('querySelector', data.target || '#hc-todo');
    if (!host || host.querySelector('iframe[data-hc-todo]')) return;
    var frame = document.createElement('iframe');
    frame.title = data.title || 'To-do list';
    frame.setAttribute('data-hc-todo', '');
    frame.setAttribute('scrolling', 'no');
    // The widget keeps 4px around its content for focus rings; the negative margin lines its
    // text up with the page's. 224px holds the title, the add form and the first item (issue
    // #16), so that item paints with the frame's first paint instead of after a resize; /widget
    // reports its exact height as soon as its list is parsed.
    frame.style.cssText =
      'display:block;width:calc(100% + 8px);margin:0 -4px;height:224px;border:0;overflow:hidden';
    // Before insertion: the hand-off decides what the frame loads first.
    handOff(frame, widgetAddress(appOrigin, options), options);
    host.appendChild(frame);
  }

  // The snippet puts #hc-todo before the script, so it is usually there already: mounting at
  // once starts the token request and the frame without waiting for the rest of a long help
  // center page to be parsed. Otherwise, once the document is.
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
