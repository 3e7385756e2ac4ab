// DOM helpers. Every text from the broker goes in with textContent, never as HTML.
'use strict';

const Ui = (() => {
  /** h('td', {class: 'x', onclick: fn}, 'text', childNode, ...) */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.substring(2), v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function notice(message, kind) {
    const el = document.getElementById('notice');
    if (!message) {
      el.hidden = true;
      el.textContent = '';
      return;
    }
    el.className = kind || 'info';
    el.textContent = message;
    el.hidden = false;
  }

  function error(e) {
    notice(e instanceof Error ? e.message : String(e), 'error');
  }

  /** A table: columns [{title, value: row => text|Node}], rows. */
  function table(id, columns, rows, empty) {
    if (!rows.length) return h('p', { id, class: 'muted' }, empty || 'None.');
    return h('figure', {},
      h('table', { id, class: 'striped' },
        h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c.title)))),
        h('tbody', {}, rows.map(r => h('tr', { 'data-key': columns[0].key ? columns[0].key(r) : null },
          columns.map(c => h('td', {}, c.value(r))))))));
  }

  function field(label, input) {
    return h('label', {}, label, input);
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '';
  }

  return { h, notice, error, table, field, when };
})();
