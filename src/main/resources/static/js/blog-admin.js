// The blog editor's image upload: sends the chosen file and puts the returned Markdown line into the text at the
// cursor. Without this script the form still posts and a page shows the line to copy. No inline script (CSP).
(function () {
  'use strict';
  document.querySelectorAll('form.media-form').forEach(function (form) {
    var status = form.querySelector('.media-status');
    form.addEventListener('submit', function (event) {
      var target = document.querySelector(form.dataset.target);
      var file = form.querySelector('input[type=file]');
      if (!target || !file.files.length || !window.fetch) {
        return;
      }
      event.preventDefault();
      var csrf = form.querySelector('input[name=_csrf]');
      status.textContent = form.dataset.uploading;
      fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        headers: Object.assign({ 'Accept': 'application/json' }, csrf ? { 'X-CSRF-TOKEN': csrf.value } : {}),
        credentials: 'same-origin'
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.detail || form.dataset.failed);
          }
          return body;
        });
      }).then(function (stored) {
        var at = target.selectionStart != null ? target.selectionStart : target.value.length;
        var before = target.value.slice(0, at);
        var line = (before && !before.endsWith('\n') ? '\n\n' : '') + stored.markdown + '\n\n';
        target.value = before + line + target.value.slice(at);
        target.focus();
        target.selectionStart = target.selectionEnd = at + line.length;
        status.textContent = stored.markdown;
        file.value = '';
      }).catch(function (error) {
        status.textContent = error.message || form.dataset.failed;
      });
    });
  });
})();
