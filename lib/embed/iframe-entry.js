/**
 * Iframe mode's entry (the inline script of theme-snippet/todo-list-iframe.hbs): the iframe is
 * already in the page, right before this script, and its data-* attributes carry the options.
 */
/* global handOff, widgetAddress, pageLocale, realDocument */

function embedInFrame() {
  // The iframe right before this very script: never `getElementById('hc-todo-frame')`, which
  // returns the first element with that id, and any element earlier in the page (an `<img
  // id="hc-todo-frame" src="https://elsewhere/">` in an article) would take the token to its
  // origin. `document.currentScript` is read through the real getter for the same reason.
  var script = realDocument('currentScript');
  var frame = script && script.previousElementSibling;
  if (!(frame instanceof HTMLIFrameElement) || frame.id !== 'hc-todo-frame') {
    console.error('hc-todo: keep the <iframe id="hc-todo-frame"> right before this script');
    return;
  }
  var options = {
    locale: pageLocale(frame.getAttribute('data-locale')),
    accent: frame.getAttribute('data-accent') || undefined,
    font: frame.getAttribute('data-font') || undefined,
  };
  handOff(frame, widgetAddress(frame.src, options), options);
}

embedInFrame();
