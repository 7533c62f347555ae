/**
 * Iframe mode's entry (the inline script of theme-snippet/todo-list-iframe.hbs): the iframe is
 * already in the page, and its data-* attributes carry the options.
 */
/* global handOff, widgetAddress, pageLocale */

function embedInFrame() {
  var frame = document.getElementById('hc-todo-frame');
  var options = {
    locale: pageLocale(frame.getAttribute('data-locale')),
    accent: frame.getAttribute('data-accent') || undefined,
    font: frame.getAttribute('data-font') || undefined,
  };
  handOff(frame, widgetAddress(frame.src, options), options);
}

embedInFrame();
