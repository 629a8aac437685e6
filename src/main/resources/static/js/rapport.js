// Keyboard shortcuts (Gmail/Front habits), the canned-reply picker and small helpers. No inline scripts (CSP).
(function () {
  'use strict';

  function typing(el) {
    return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
  }

  function items() { return Array.from(document.querySelectorAll('.conv-list li')); }

  // On a phone the top bar's navigation scrolls sideways: show where one is, the current section in the middle.
  var currentSection = document.querySelector('.topbar nav a.active');
  if (currentSection) {
    var navigation = currentSection.parentElement;
    // the browser keeps scrollLeft within what the navigation can scroll: nothing moves where it does not scroll
    navigation.scrollLeft = currentSection.offsetLeft - (navigation.clientWidth - currentSection.offsetWidth) / 2;
  }

  function move(delta) {
    var list = items();
    if (!list.length) return;
    var i = list.findIndex(function (li) { return li.classList.contains('selected'); });
    var next = Math.max(0, Math.min(list.length - 1, (i < 0 ? (delta > 0 ? -1 : list.length) : i) + delta));
    list.forEach(function (li) { li.classList.remove('selected'); });
    list[next].classList.add('selected');
    var a = list[next].querySelector('a');
    a.focus();
  }

  function focus(selector) {
    var el = document.querySelector(selector);
    if (el) { el.focus(); if (el.scrollIntoView) el.scrollIntoView({block: 'nearest'}); }
    return el;
  }

  function submit(selector) {
    var form = document.querySelector(selector);
    if (form) form.requestSubmit ? form.requestSubmit() : form.submit();
  }

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && typing(document.activeElement)) {
        var form = document.activeElement.form;
        if (form) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.submit(); }
      }
      return;
    }
    var help = document.getElementById('kbd-help');
    if (e.key === 'Escape') {
      if (help && !help.hidden) { help.hidden = true; return; }
      if (typing(document.activeElement)) document.activeElement.blur();
      return;
    }
    if (typing(document.activeElement)) return;
    switch (e.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'Enter': {
        var sel = document.querySelector('.conv-list li.selected a');
        if (sel && document.activeElement !== sel) { sel.click(); } else { return; }
        break;
      }
      case 'r': chooseKind('reply'); focus('#composer-body'); break;
      case 'n': chooseKind('note'); focus('#composer-body'); break;
      case 'e': submit('#form-done'); break;
      case 'x': if (!toggleFocused()) return; break;
      case 'U': submit('#form-unread'); break;
      case 'a': focus('#assign-select'); break;
      case 's': focus('#snooze-until'); break;
      case 'l': focus('#labels-input'); break;
      case '/': focus('#search'); break;
      case '?': if (help) help.hidden = !help.hidden; break;
      default: return;
    }
    e.preventDefault();
  });

  function chooseKind(kind) {
    var radio = document.querySelector('input[name=kind][value=' + kind + ']');
    if (radio) { radio.checked = true; radio.dispatchEvent(new Event('change', {bubbles: true})); }
  }

  // The composer shows where a reply goes, and that a note stays internal.
  document.addEventListener('change', function (e) {
    if (e.target.name === 'kind') {
      var composer = e.target.closest('.composer');
      if (composer) composer.classList.toggle('is-note', e.target.value === 'note');
      var via = document.getElementById('composer-via');
      if (via) via.textContent = e.target.value === 'note' ? via.dataset.note : via.dataset.reply;
      // A note keeps files of any kind; a reply only the kinds its channel carries.
      var files = document.getElementById('composer-files');
      if (files && files.dataset.replyAccept) {
        if (e.target.value === 'note') files.removeAttribute('accept');
        else files.setAttribute('accept', files.dataset.replyAccept);
      }
    }
  });

  // Canned replies: type "/" at the start of the composer to pick one.
  var body = document.getElementById('composer-body');
  var picker = document.getElementById('canned');
  if (body && picker) {
    var replies = [];
    var active = 0;
    var loading = null;
    var load = function () {
      if (!loading) {
        loading = fetch(picker.dataset.src, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (list) { replies = list; });
      }
      return loading;
    };
    var render = function (query) {
      var matches = replies.filter(function (c) { return (c.shortcut + ' ' + c.title).toLowerCase().indexOf(query) >= 0; });
      picker.innerHTML = '';
      matches.slice(0, 8).forEach(function (c, i) {
        var li = document.createElement('li');
        li.textContent = '/' + c.shortcut + ' — ' + c.title;
        li.dataset.body = c.body;
        li.setAttribute('role', 'option');
        if (i === active) li.classList.add('active');
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(li); });
        picker.appendChild(li);
      });
      picker.hidden = matches.length === 0;
    };
    var choose = function (li) {
      body.value = li.dataset.body;
      picker.hidden = true;
      body.focus();
    };
    body.addEventListener('input', function () {
      var m = /^\/(\S*)$/.exec(body.value);
      if (m) { active = 0; load().then(function () { render(m[1].toLowerCase()); }); } else { picker.hidden = true; }
    });
    body.addEventListener('keydown', function (e) {
      if (picker.hidden) return;
      var options = picker.querySelectorAll('li');
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
        options.forEach(function (li, i) { li.classList.toggle('active', i === active); });
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        if (options[active]) choose(options[active]);
      } else if (e.key === 'Escape') {
        picker.hidden = true;
      }
    });
  }

  // Mentions in a note: type "@" and the start of a name to pick a member of the team; they are notified.
  var mentionList = document.getElementById('mentions');
  var mentionNames = document.getElementById('mention-members');
  if (body && mentionList && mentionNames) {
    var names = Array.from(mentionNames.content.querySelectorAll('li')).map(function (li) { return li.textContent.trim(); });
    var mentionActive = 0;
    var mentionAt = -1;
    var isNote = function () { var r = document.querySelector('input[name=kind][value=note]'); return r && r.checked; };
    var closeMentions = function () { mentionList.hidden = true; mentionAt = -1; body.removeAttribute('aria-activedescendant'); };
    var pickMention = function (name) {
      var caret = body.selectionStart;
      body.value = body.value.slice(0, mentionAt) + '@' + name + ' ' + body.value.slice(caret);
      var after = mentionAt + name.length + 2;
      closeMentions();
      body.focus();
      body.setSelectionRange(after, after);
    };
    var showMentions = function () {
      var before = body.value.slice(0, body.selectionStart);
      var m = /(^|[^\p{L}\p{N}])@([\p{L}\p{N}._-]*)$/u.exec(before);
      if (!m || !isNote()) { closeMentions(); return; }
      var query = m[2].toLowerCase();
      var matches = names.filter(function (n) {
        return n.toLowerCase().split(/\s+/).some(function (part) { return part.indexOf(query) === 0; }) || n.toLowerCase().indexOf(query) === 0;
      }).slice(0, 8);
      if (matches.length === 0) { closeMentions(); return; }
      mentionAt = before.length - m[2].length - 1;
      mentionActive = Math.min(mentionActive, matches.length - 1);
      mentionList.innerHTML = '';
      matches.forEach(function (name, i) {
        var li = document.createElement('li');
        li.textContent = '@' + name;
        li.id = 'mention-' + i;
        li.dataset.name = name;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', i === mentionActive ? 'true' : 'false');
        if (i === mentionActive) li.classList.add('active');
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); pickMention(name); });
        mentionList.appendChild(li);
      });
      mentionList.hidden = false;
      body.setAttribute('aria-activedescendant', 'mention-' + mentionActive);
    };
    body.addEventListener('input', function () { mentionActive = 0; showMentions(); });
    body.addEventListener('keydown', function (e) {
      if (mentionList.hidden) return;
      var options = mentionList.querySelectorAll('li');
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        mentionActive = (mentionActive + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
        showMentions();
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        if (options[mentionActive]) pickMention(options[mentionActive].dataset.name);
      } else if (e.key === 'Escape') {
        closeMentions();
      }
    });
    body.addEventListener('blur', function () { setTimeout(closeMentions, 150); });
  }

  // Tell colleagues whether this person is typing, for the collision warning.
  var presence = document.getElementById('collision');
  if (presence && body) {
    body.addEventListener('input', function () { presence.dataset.composing = body.value.length > 0 ? 'true' : 'false'; });
  }
  document.addEventListener('htmx:configRequest', function (e) {
    if (e.target.id === 'collision') e.detail.parameters.composing = e.target.dataset.composing || 'false';
  });

  // On a phone the inbox opens on its list: views, channels and labels fold behind one menu.
  if (window.matchMedia && window.matchMedia('(max-width: 900px)').matches) {
    document.querySelectorAll('details.nav-menu, details.list-filters, details.onboarding-more').forEach(function (menu) { menu.open = false; });
  }

  // Bulk triage: rows ticked in the list (kept while the list refreshes itself), a bar with the actions.
  var picked = new Set();
  function boxes() { return Array.from(document.querySelectorAll('#conv-list input[name=ids]')); }
  function showPicked() {
    var form = document.getElementById('bulk-form');
    if (!form) return;
    var all = boxes();
    all.forEach(function (box) { box.checked = picked.has(box.value); });
    var count = document.getElementById('bulk-count');
    if (count) count.textContent = picked.size ? count.dataset.template.replace('{n}', picked.size) : '';
    var actions = document.getElementById('bulk-actions');
    if (actions) actions.hidden = picked.size === 0;
    var selectAll = document.getElementById('select-all');
    if (selectAll) {
      selectAll.checked = all.length > 0 && all.every(function (box) { return box.checked; });
      selectAll.indeterminate = !selectAll.checked && all.some(function (box) { return box.checked; });
    }
    // ticked rows that scrolled out of the list (another page, or no longer in the view) are still sent
    Array.from(form.querySelectorAll('input[data-picked]')).forEach(function (el) { el.remove(); });
    var shown = new Set(all.map(function (box) { return box.value; }));
    picked.forEach(function (id) {
      if (shown.has(id)) return;
      var hidden = document.createElement('input');
      hidden.type = 'hidden'; hidden.name = 'ids'; hidden.value = id; hidden.dataset.picked = '1';
      form.appendChild(hidden);
    });
  }
  function toggleFocused() {
    var li = document.activeElement && document.activeElement.closest ? document.activeElement.closest('.conv-list li') : null;
    if (!li) li = document.querySelector('.conv-list li.selected');
    var box = li && li.querySelector('input[name=ids]');
    if (!box) return false;
    if (picked.has(box.value)) picked.delete(box.value); else picked.add(box.value);
    showPicked();
    return true;
  }
  document.addEventListener('change', function (e) {
    if (e.target.id === 'select-all') {
      boxes().forEach(function (box) { if (e.target.checked) picked.add(box.value); else picked.delete(box.value); });
      showPicked();
    } else if (e.target.name === 'ids' && e.target.closest('#conv-list')) {
      if (e.target.checked) picked.add(e.target.value); else picked.delete(e.target.value);
      showPicked();
    }
  });
  showPicked();

  // The open inbox refreshes its list every two seconds (htmx); the tab's title carries the unread count, and the
  // views of open and unread conversations beside the list count what the refreshed list counted.
  function showOpenCount() {
    var list = document.getElementById('conv-list');
    if (!list) return;
    var n = parseInt(list.dataset.unreadCount || '0', 10);
    var base = document.title.replace(/^\(\d+\) /, '');
    document.title = n > 0 ? '(' + (n >= 100 ? '99+' : n) + ') ' + base : base;
    var unread = document.getElementById('count-unread');
    if (unread) unread.textContent = n >= 100 ? '99+' : String(n);
    var open = document.getElementById('count-open');
    if (open && list.dataset.openCount) open.textContent = list.dataset.openCount;
  }
  // Search results: the words searched for are marked in names, subjects and previews.
  function highlight() {
    var count = document.querySelector('.result-count[data-highlight]');
    if (!count) return;
    var words = count.dataset.highlight.split(/\s+/).filter(function (w) { return w.length > 1; })
      .map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); });
    if (!words.length) return;
    var pattern = new RegExp('(' + words.join('|') + ')', 'gi');
    document.querySelectorAll('.conv-who, .conv-subject, .conv-preview').forEach(function (el) {
      if (el.querySelector('mark')) return;
      var text = el.textContent;
      if (!pattern.test(text)) return;
      pattern.lastIndex = 0;
      el.textContent = '';
      var last = 0;
      text.replace(pattern, function (match, _w, at) {
        el.appendChild(document.createTextNode(text.slice(last, at)));
        var mark = document.createElement('mark');
        mark.textContent = match;
        el.appendChild(mark);
        last = at + match.length;
      });
      el.appendChild(document.createTextNode(text.slice(last)));
    });
  }
  highlight();
  showOpenCount();
  document.addEventListener('htmx:afterSwap', function () { showOpenCount(); highlight(); showPicked(); });
  // A session that ended meanwhile answers with the login page: load it as a page, not into the list.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var url = e.detail.xhr && e.detail.xhr.responseURL;
    if (url && url.indexOf('/login') >= 0) {
      e.detail.shouldSwap = false;
      window.location.reload();
    }
  });

  // Browser notifications: this browser shows new notifications of the bell while Rapport is open, once each.
  var notifyKey = 'rapport.browserNotifications';
  var notifyButton = document.querySelector('[data-browser-notifications]');
  var notifyState = document.getElementById('browser-notifications-state');
  var notifyOn = function () {
    try { return window.Notification && Notification.permission === 'granted' && localStorage.getItem(notifyKey) === 'on'; }
    catch (err) { return false; }
  };
  var showNotifyState = function () {
    if (!notifyButton) return;
    if (!window.Notification) { notifyButton.disabled = true; notifyState.textContent = notifyButton.dataset.unsupported; return; }
    notifyButton.textContent = notifyOn() ? notifyButton.dataset.on : notifyButton.dataset.off;
    notifyButton.setAttribute('aria-pressed', notifyOn() ? 'true' : 'false');
    notifyState.textContent = Notification.permission === 'denied' ? notifyButton.dataset.denied : '';
  };
  if (notifyButton) {
    showNotifyState();
    notifyButton.addEventListener('click', function () {
      if (notifyOn()) { localStorage.setItem(notifyKey, 'off'); showNotifyState(); return; }
      Notification.requestPermission().then(function (permission) {
        localStorage.setItem(notifyKey, permission === 'granted' ? 'on' : 'off');
        showNotifyState();
      });
    });
  }
  var announce = function (badge) {
    if (!badge || !badge.dataset.latestId || !notifyOn()) return;
    var shownKey = 'rapport.notificationShown';
    if (localStorage.getItem(shownKey) === badge.dataset.latestId) return;
    localStorage.setItem(shownKey, badge.dataset.latestId);
    var shown = new Notification('Rapport', {body: badge.dataset.latestText, tag: badge.dataset.latestId});
    shown.onclick = function () { window.focus(); window.location.href = badge.dataset.latestHref; };
  };
  // What is unread when a page opens was seen there; only what arrives while it is open is announced.
  var firstBadge = document.getElementById('notification-badge');
  if (firstBadge && firstBadge.dataset.latestId) {
    try { localStorage.setItem('rapport.notificationShown', firstBadge.dataset.latestId); } catch (err) { /* private mode */ }
  }
  document.addEventListener('htmx:afterSettle', function () { announce(document.getElementById('notification-badge')); });

  // Copy buttons for snippets.
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var source = document.getElementById(button.dataset.copy);
      if (navigator.clipboard && source) navigator.clipboard.writeText(source.textContent);
    });
  });

  // Language switch and workspace switch submit on change.
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });
})();
