// Two-click embeds: nothing is loaded from the provider until the reader asks for it. No inline scripts (CSP).
(function () {
  'use strict';
  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.content : '';
  }
  document.querySelectorAll('figure.embed[data-embed-src]').forEach(function (figure) {
    var provider = figure.dataset.embedProvider;
    var notice = document.createElement('p');
    notice.className = 'embed-notice';
    notice.textContent = meta('rapport-embed-notice').split('{0}').join(provider);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'embed-load';
    button.textContent = meta('rapport-embed-load') + ' (' + provider + ')';
    button.addEventListener('click', function () {
      var frame = document.createElement('iframe');
      frame.src = figure.dataset.embedSrc;
      frame.title = provider;
      frame.loading = 'lazy';
      frame.allow = 'fullscreen; picture-in-picture';
      frame.referrerPolicy = 'no-referrer';
      figure.replaceChildren(frame);
    });
    figure.insertBefore(button, figure.firstChild);
    figure.insertBefore(notice, figure.firstChild);
  });
})();
