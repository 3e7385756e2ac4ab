// Overview: live numbers and charts, polled every two seconds. Connections and message counters come from the
// broker's meters (GET /metrics, Prometheus text, parsed here); rates are the counters' change per second.
'use strict';

const Overview = (() => {
  const { h } = Ui;
  const POLL_MS = 2000;
  const POINTS = 60;

  /** Prometheus text exposition -> { metric_name: summed value } (labels summed away). */
  function parseMetrics(text) {
    const values = {};
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
      if (!m) continue;
      const v = Number(m[3]);
      if (!Number.isFinite(v)) continue;
      values[m[1]] = (values[m[1]] || 0) + v;
    }
    return values;
  }

  function lineChart(canvas, labels) {
    return new Chart(canvas, {
      type: 'line',
      data: { labels: [], datasets: labels.map(l => ({ label: l, data: [], tension: 0.25, pointRadius: 0 })) },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function push(chart, label, values) {
    chart.data.labels.push(label);
    values.forEach((v, i) => chart.data.datasets[i].data.push(v));
    if (chart.data.labels.length > POINTS) {
      chart.data.labels.shift();
      chart.data.datasets.forEach(d => d.data.shift());
    }
    chart.update('none');
  }

  function card(id, title) {
    return h('article', {}, h('header', {}, title), h('div', { class: 'value', id }, '–'));
  }

  function render(view) {
    view.append(
      h('h2', {}, 'Overview'),
      h('div', { class: 'cards' },
        card('ov-connections', 'Connections'),
        card('ov-clients', 'Clients connected'),
        card('ov-in-rate', 'Messages in / s'),
        card('ov-out-rate', 'Messages out / s'),
        card('ov-listeners', 'Listeners running'),
        card('ov-alarms', 'Active alarms')),
      h('div', { class: 'charts' },
        h('article', {}, h('header', {}, 'Connections'),
          h('div', { style: 'height: 16rem' }, h('canvas', { id: 'ov-chart-connections' }))),
        h('article', {}, h('header', {}, 'Message rate (PUBLISH per second)'),
          h('div', { style: 'height: 16rem' }, h('canvas', { id: 'ov-chart-rates' })))),
      h('p', { class: 'muted' }, 'Updated every 2 seconds from ', h('a', { href: '/metrics' }, '/metrics'),
        ' and /api/v5/listeners.'));
    const connections = lineChart(document.getElementById('ov-chart-connections'), ['connections']);
    const rates = lineChart(document.getElementById('ov-chart-rates'), ['received / s', 'sent / s']);
    let previous = null;
    let stopped = false;

    const set = (id, v) => { document.getElementById(id).textContent = v; };

    async function poll() {
      if (stopped) return;
      try {
        const [text, listeners] = await Promise.all([Api.get('/metrics'), Api.get('/api/v5/listeners')]);
        if (stopped) return;
        const m = parseMetrics(text);
        const now = Date.now();
        const sample = {
          at: now,
          received: m.berth_messages_received_total || 0,
          sent: m.berth_messages_sent_total || 0,
        };
        const conns = m.berth_connections || 0;
        set('ov-connections', conns);
        set('ov-clients', m.berth_clients_connected || 0);
        set('ov-alarms', m.berth_alarms_active || 0);
        set('ov-listeners', listeners.filter(l => l.running).length + ' / ' + listeners.length);
        const label = new Date(now).toLocaleTimeString();
        push(connections, label, [conns]);
        if (previous) {
          const seconds = Math.max((now - previous.at) / 1000, 0.001);
          const inRate = Math.max(0, (sample.received - previous.received) / seconds);
          const outRate = Math.max(0, (sample.sent - previous.sent) / seconds);
          set('ov-in-rate', inRate.toFixed(1));
          set('ov-out-rate', outRate.toFixed(1));
          push(rates, label, [inRate, outRate]);
        }
        previous = sample;
      } catch (e) {
        if (e.status !== 401) Ui.error(e);
      }
    }

    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      connections.destroy();
      rates.destroy();
    };
  }

  return { render, parseMetrics };
})();
