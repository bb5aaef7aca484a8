// Careline help center: progressive enhancement only; every page works without this file.
// 1. Type-ahead on search boxes (input[data-suggest]): an ARIA 1.2 combobox with a listbox fed
//    by GET /api/v1/helpcenter/suggest; arrow keys, Enter, Escape, mouse.
// 2. Live suggestions in the contact form (input[data-contact-suggest]) from the search API,
//    linking with ?from=contact&cs=… so the deflection funnel sees articles opened.
// 3. A form that came back with errors moves focus to its error summary.
(function () {
  'use strict';

  var SUGGEST_API = '/api/v1/helpcenter/suggest';
  var SEARCH_API = '/api/v1/helpcenter/search';
  var MAX_QUERY = 200;
  var counter = 0;

  function articlePath(pageLocale, slug) {
    return (pageLocale === 'en' ? '' : '/' + pageLocale) + '/articles/' + encodeURIComponent(slug);
  }

  /** Fetches JSON, cancelling the previous request of the same caller; resolves null on any failure. */
  function fetcher() {
    var controller = null;
    return function (url) {
      if (controller) controller.abort();
      controller = new AbortController();
      return fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : null; })
        .catch(function () { return null; });
    };
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function combobox(input) {
    var locale = input.getAttribute('data-suggest') || 'en';
    var id = 'suggest-' + (++counter);
    var list = document.createElement('ul');
    var status = document.createElement('div');
    var get = fetcher();
    var items = [];
    var active = -1;
    list.id = id;
    list.className = 'listbox';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', input.getAttribute('data-suggest-label') || 'Suggestions');
    list.hidden = true;
    status.className = 'sr-only';
    status.setAttribute('role', 'status');
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', id);
    input.setAttribute('aria-expanded', 'false');

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) { li.setAttribute('aria-selected', i === index ? 'true' : 'false'); });
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', id + '-' + index);
        list.children[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function go(index) {
      var item = items[index];
      if (item) window.location.assign(articlePath(locale, item.slug));
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = '';
      suggestions.forEach(function (s, i) {
        var li = document.createElement('li');
        li.id = id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = s.title;
        if (s.locale !== locale) li.lang = s.locale;
        li.addEventListener('mousedown', function (event) { event.preventDefault(); go(i); });
        list.appendChild(li);
      });
      if (suggestions.length === 0) {
        close();
        status.textContent = '';
        return;
      }
      list.hidden = false;
      active = -1;
      input.setAttribute('aria-expanded', 'true');
      status.textContent = suggestions.length === 1 ? '1 suggestion' : suggestions.length + ' suggestions';
    }

    var update = debounce(function () {
      var q = input.value.trim().slice(0, MAX_QUERY);
      if (q.length < 2) { render([]); return; }
      get(SUGGEST_API + '?limit=6&locale=' + encodeURIComponent(locale) + '&q=' + encodeURIComponent(q)).then(function (body) {
        if (body && Array.isArray(body.suggestions) && input.value.trim().slice(0, MAX_QUERY) === q) render(body.suggestions);
      });
    }, 120);

    input.addEventListener('input', update);
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    input.addEventListener('keydown', function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (!open && items.length > 0) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
        if (items.length > 0) highlight((active + 1) % items.length);
      } else if (event.key === 'ArrowUp' && open) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === 'Enter' && open && active >= 0) {
        event.preventDefault();
        go(active);
      } else if (event.key === 'Escape' && open) {
        event.preventDefault();
        close();
      }
    });
  }

  /** Copies an HTML-safe snippet into a node keeping only text and <mark>. */
  function appendSnippet(target, snippet) {
    var doc = new DOMParser().parseFromString('<p>' + snippet + '</p>', 'text/html');
    Array.prototype.forEach.call(doc.body.firstChild.childNodes, function (node) {
      if (node.nodeName === 'MARK') {
        var mark = document.createElement('mark');
        mark.textContent = node.textContent;
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function contactSuggestions(input) {
    var region = document.getElementById('contact-suggestions');
    var session = input.getAttribute('data-contact-session') || '';
    var locale = input.getAttribute('data-contact-locale') || 'en';
    var contactPath = input.getAttribute('data-contact-path') || '/contact';
    var get = fetcher();
    if (!region) return;
    var headingText = region.getAttribute('data-heading') || 'These articles may answer your question';
    var noneText = region.getAttribute('data-none') || 'We found no article for that. Choose a topic below and tell us more.';

    function render(results) {
      region.textContent = '';
      if (results === null) return;
      if (results.length === 0) {
        var none = document.createElement('p');
        none.textContent = noneText;
        region.appendChild(none);
        return;
      }
      var heading = document.createElement('h2');
      heading.textContent = headingText;
      var list = document.createElement('ul');
      list.className = 'suggestions';
      results.forEach(function (r) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = articlePath(locale, r.slug) + '?from=contact&cs=' + encodeURIComponent(session);
        if (r.locale && r.locale !== locale) li.lang = r.locale;
        a.textContent = r.title;
        li.appendChild(a);
        if (r.snippet) {
          var p = document.createElement('p');
          appendSnippet(p, r.snippet);
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      region.appendChild(heading);
      region.appendChild(list);
    }

    input.addEventListener('input', debounce(function () {
      var q = input.value.trim().slice(0, MAX_QUERY);
      // Keep the question in the URL: Back from a suggested article or a reload shows it again.
      history.replaceState(null, '', contactPath + '?cs=' + encodeURIComponent(session) + (q ? '&q=' + encodeURIComponent(q) : ''));
      if (q.length < 3) { render(null); return; }
      get(SEARCH_API + '?limit=5&locale=' + encodeURIComponent(locale) + '&session=' + encodeURIComponent(session) + '&q=' + encodeURIComponent(q)).then(function (body) {
        if (body && Array.isArray(body.results) && input.value.trim().slice(0, MAX_QUERY) === q) render(body.results);
      });
    }, 300));
  }

  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
  Array.prototype.forEach.call(document.querySelectorAll('input[data-suggest]'), combobox);
  Array.prototype.forEach.call(document.querySelectorAll('input[data-contact-suggest]'), contactSuggestions);
})();
