// The contact page keeps its forms in <details>. A link to a form inside one (#reminder-form, #edit-form, #gift-form)
// opens it; Chromium does so by itself, other browsers need this. Without JavaScript the disclosure is one click away.
(function () {
  'use strict';

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var opened = false;
    for (var d = target.closest('details'); d; d = d.parentElement ? d.parentElement.closest('details') : null) {
      if (!d.open) { d.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView({block: 'start'});
  }

  window.addEventListener('hashchange', reveal);
  reveal();
})();
