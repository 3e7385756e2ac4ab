// Listeners: every listener with its state and connection count; start, stop, restart, and edit of bind and
// max_connections (PUT /api/v5/listeners/{id}). Refreshed every 3 seconds while nothing is being edited.
'use strict';

const Listeners = (() => {
  const { h } = Ui;
  const POLL_MS = 3000;

  function render(view) {
    const body = h('div', { id: 'listeners' });
    view.append(h('h2', {}, 'Listeners'), body);
    let editing = null;
    let stopped = false;
    let busy = false;

    async function load() {
      if (stopped || editing || busy) return;
      try {
        const all = await Api.get('/api/v5/listeners');
        if (!stopped && !editing && !busy) draw(all);
      } catch (e) {
        if (e.status !== 401) Ui.error(e);
      }
    }

    async function act(id, action) {
      busy = true;
      try {
        await Api.post('/api/v5/listeners/' + encodeURIComponent(id) + '/' + action);
        Ui.notice('Listener ' + id + ': ' + action + ' done.', 'info');
      } catch (e) {
        Ui.error(e);
      } finally {
        busy = false;
        load();
      }
    }

    async function save(l, bind, max) {
      const changes = {};
      if (bind !== l.bind) changes.bind = bind;
      if (String(max) !== String(l.max_connections)) changes.max_connections = /^\d+$/.test(max) ? Number(max) : max;
      editing = null;
      busy = true;
      try {
        if (Object.keys(changes).length) {
          await Api.put('/api/v5/listeners/' + encodeURIComponent(l.id), changes);
          Ui.notice('Listener ' + l.id + ' updated.', 'info');
        }
      } catch (e) {
        Ui.error(e);
      } finally {
        busy = false;
        load();
      }
    }

    function actions(l) {
      const slug = l.id.replace(':', '-');
      if (editing === l.id) {
        const bind = h('input', { id: 'edit-bind-' + slug, value: l.bind, 'aria-label': 'bind' });
        const max = h('input', { id: 'edit-max-' + slug, value: l.max_connections, 'aria-label': 'max connections' });
        return h('div', { class: 'actions' }, bind, max,
          h('button', { id: 'save-' + slug, onclick: () => save(l, bind.value.trim(), max.value.trim()) }, 'Save'),
          h('button', { class: 'secondary', onclick: () => { editing = null; load(); } }, 'Cancel'));
      }
      return h('div', { class: 'actions' },
        h('button', { id: 'start-' + slug, disabled: l.running, onclick: () => act(l.id, 'start') }, 'Start'),
        h('button', { id: 'stop-' + slug, class: 'contrast', disabled: !l.running, onclick: () => act(l.id, 'stop') },
          'Stop'),
        h('button', { id: 'restart-' + slug, class: 'secondary', onclick: () => act(l.id, 'restart') }, 'Restart'),
        h('button', { id: 'edit-' + slug, class: 'secondary outline',
          onclick: () => { editing = l.id; draw(last); } }, 'Edit'));
    }

    let last = [];
    function draw(all) {
      last = all;
      body.replaceChildren(Ui.table('listeners-table', [
        { title: 'Listener', key: l => l.id, value: l => l.id },
        { title: 'State', value: l => h('span', { class: l.running ? 'state-running' : 'state-stopped',
          id: 'state-' + l.id.replace(':', '-') }, l.running ? 'running' : 'stopped') },
        { title: 'Bind', value: l => l.bind },
        { title: 'Port', value: l => l.port },
        { title: 'Connections', value: l => h('span', { id: 'conns-' + l.id.replace(':', '-') },
          String(l.current_connections)) },
        { title: 'Max connections', value: l => String(l.max_connections) },
        { title: 'TLS', value: l => String(l.tls) },
        { title: '', value: actions },
      ], all, 'No listeners.'));
    }

    load();
    const timer = setInterval(load, POLL_MS);
    return () => { stopped = true; clearInterval(timer); };
  }

  return { render };
})();
