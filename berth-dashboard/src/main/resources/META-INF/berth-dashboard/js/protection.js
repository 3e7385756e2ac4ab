// Bans (list, add, lift) and alarms (active, then cleared history).
'use strict';

const Bans = (() => {
  const { h } = Ui;

  function render(view) {
    const list = h('div', { id: 'bans' });
    const as = h('select', { id: 'ban-as', 'aria-label': 'ban by' },
      h('option', { value: 'clientid' }, 'client id'),
      h('option', { value: 'username' }, 'username'),
      h('option', { value: 'peerhost' }, 'IP address or CIDR'));
    const who = h('input', { id: 'ban-who', required: true, placeholder: 'who' });
    const reason = h('input', { id: 'ban-reason', placeholder: 'reason' });
    const until = h('input', { id: 'ban-until', type: 'datetime-local' });
    const form = h('form', { id: 'ban-form' },
      h('fieldset', { class: 'grid' }, Ui.field('Ban by', as), Ui.field('Who', who), Ui.field('Reason', reason),
        Ui.field('Until (empty = for ever)', until)),
      h('button', { type: 'submit', id: 'ban-add' }, 'Add ban'));
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const ban = { as: as.value, who: who.value.trim(), reason: reason.value.trim(), by: (Api.user() || {}).username };
      if (until.value) ban.until = new Date(until.value).toISOString();
      try {
        await Api.post('/api/v5/banned', ban);
        Ui.notice('Banned ' + ban.as + ' ' + ban.who + '.', 'info');
        who.value = '';
        reason.value = '';
        load();
      } catch (e) {
        Ui.error(e);
      }
    });
    view.append(h('h2', {}, 'Bans'), form, list);

    async function lift(b) {
      try {
        await Api.del('/api/v5/banned/' + encodeURIComponent(b.as) + '/' + encodeURIComponent(b.who));
        Ui.notice('Lifted the ban of ' + b.as + ' ' + b.who + '.', 'info');
        load();
      } catch (e) {
        Ui.error(e);
      }
    }

    async function load() {
      try {
        const reply = await Api.get('/api/v5/banned');
        list.replaceChildren(Ui.table('bans-table', [
          { title: 'By', value: b => b.as },
          { title: 'Who', value: b => b.who },
          { title: 'Reason', value: b => b.reason },
          { title: 'Set by', value: b => b.by },
          { title: 'At', value: b => Ui.when(b.at) },
          { title: 'Until', value: b => b.until ? Ui.when(b.until) : 'for ever' },
          { title: '', value: b => h('button', { class: 'secondary', onclick: () => lift(b) }, 'Lift') },
        ], reply.data, 'No bans.'));
      } catch (e) {
        if (e.status !== 401) Ui.error(e);
      }
    }

    load();
  }

  return { render };
})();

const Alarms = (() => {
  const { h } = Ui;

  function render(view) {
    const list = h('div', { id: 'alarms' });
    view.append(h('h2', {}, 'Alarms'), list);
    let stopped = false;

    async function load() {
      try {
        const reply = await Api.get('/api/v5/alarms');
        if (stopped) return;
        list.replaceChildren(Ui.table('alarms-table', [
          { title: 'Alarm', value: a => a.name },
          { title: 'Severity', value: a => a.severity },
          { title: 'State', value: a => a.activated ? 'active' : 'cleared' },
          { title: 'Message', value: a => a.message },
          { title: 'Raised', value: a => Ui.when(a.activate_at) },
          { title: 'Cleared', value: a => Ui.when(a.deactivate_at) },
        ], reply.data, 'No alarms.'));
      } catch (e) {
        if (e.status !== 401) Ui.error(e);
      }
    }

    load();
    const timer = setInterval(load, 5000);
    return () => { stopped = true; clearInterval(timer); };
  }

  return { render };
})();
