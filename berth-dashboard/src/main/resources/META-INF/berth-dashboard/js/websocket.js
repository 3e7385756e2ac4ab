// WebSocket test client: MQTT.js in the browser connects straight to a ws or wss listener (not through the
// management endpoint), subscribes, publishes and shows what arrives. The connection, its subscriptions and the
// received messages outlive a visit to another page; they end with Disconnect, log out or closing the tab.
'use strict';

const WsClient = (() => {
  const { h } = Ui;
  const MAX_MESSAGES = 500;
  const state = { client: null, status: 'disconnected', url: '', subs: [], messages: [], redraw: null };

  function setStatus(status, detail) {
    state.status = status + (detail ? ': ' + detail : '');
    if (state.redraw) state.redraw();
  }

  function randomId() {
    return 'berth-dashboard-' + Math.random().toString(16).substring(2, 10);
  }

  /** "a=1\nb=2" -> {a: '1', b: '2'} (a name given twice keeps a list, as MQTT allows). */
  function userProperties(text) {
    const props = {};
    for (const line of text.split('\n')) {
      const i = line.indexOf('=');
      if (i <= 0) continue;
      const k = line.substring(0, i).trim();
      const v = line.substring(i + 1).trim();
      if (props[k] === undefined) props[k] = v;
      else props[k] = [].concat(props[k], v);
    }
    return props;
  }

  function connect(opts) {
    disconnect();
    state.url = opts.url;
    state.subs = [];
    const client = mqtt.connect(opts.url, {
      clientId: opts.clientId, username: opts.username || undefined, password: opts.password || undefined,
      protocolVersion: opts.version, clean: opts.clean, keepalive: opts.keepalive,
      reconnectPeriod: 0, connectTimeout: 10000,
    });
    state.client = client;
    setStatus('connecting');
    client.on('connect', () => setStatus('connected'));
    client.on('error', e => setStatus('error', e.message));
    client.on('close', () => {
      if (state.client === client && !state.status.startsWith('error')) setStatus('disconnected');
    });
    client.on('message', (topic, payload, packet) => {
      const props = (packet.properties && packet.properties.userProperties) || {};
      state.messages.unshift({
        at: new Date(), topic, qos: packet.qos, retain: packet.retain,
        payload: new TextDecoder().decode(payload), props,
      });
      state.messages.length = Math.min(state.messages.length, MAX_MESSAGES);
      if (state.redraw) state.redraw();
    });
  }

  function disconnect() {
    const c = state.client;
    state.client = null;
    state.subs = [];
    if (c) c.end(true);
    setStatus('disconnected');
  }

  function connected() {
    return state.client !== null && state.client.connected;
  }

  async function defaultUrl() {
    try {
      const all = await Api.get('/api/v5/listeners');
      const l = all.find(x => x.running && x.type === 'ws') || all.find(x => x.running && x.type === 'wss');
      if (l) return l.type + '://' + location.hostname + ':' + l.port + '/mqtt';
    } catch (e) {
      if (e.status !== 401) Ui.error(e);
    }
    return 'ws://' + location.hostname + ':8083/mqtt';
  }

  function render(view) {
    const url = h('input', { id: 'ws-url', value: state.url, placeholder: 'ws://host:8083/mqtt' });
    const clientId = h('input', { id: 'ws-client-id', value: randomId() });
    const username = h('input', { id: 'ws-username', autocomplete: 'off' });
    const password = h('input', { id: 'ws-password', type: 'password', autocomplete: 'new-password' });
    const version = h('select', { id: 'ws-version' }, h('option', { value: '5' }, 'MQTT 5.0'),
      h('option', { value: '4' }, 'MQTT 3.1.1'));
    const keepalive = h('input', { id: 'ws-keepalive', type: 'number', min: 0, value: 60 });
    const clean = h('input', { id: 'ws-clean', type: 'checkbox', role: 'switch', checked: true });
    const status = h('strong', { id: 'ws-status' });
    const connectBtn = h('button', { id: 'ws-connect', type: 'submit' }, 'Connect');
    const disconnectBtn = h('button', { id: 'ws-disconnect', type: 'button', class: 'secondary',
      onclick: () => disconnect() }, 'Disconnect');
    const connForm = h('form', { id: 'ws-connect-form' },
      Ui.field('URL', url),
      h('div', { class: 'grid' }, Ui.field('Client id', clientId), Ui.field('Protocol', version)),
      h('div', { class: 'grid' }, Ui.field('Username', username), Ui.field('Password', password)),
      h('div', { class: 'grid' }, Ui.field('Keep alive (s)', keepalive), h('label', {}, clean, 'Clean start')),
      h('div', { class: 'grid' }, connectBtn, disconnectBtn),
      h('p', {}, 'Status: ', status));
    connForm.addEventListener('submit', ev => {
      ev.preventDefault();
      Ui.notice(null);
      try {
        connect({ url: url.value.trim(), clientId: clientId.value.trim(), username: username.value,
          password: password.value, version: Number(version.value), clean: clean.checked,
          keepalive: Number(keepalive.value) });
      } catch (e) {
        setStatus('error', e.message);
      }
    });

    const subTopic = h('input', { id: 'ws-sub-topic', value: 'test/#' });
    const subQos = qosSelect('ws-sub-qos');
    const subList = h('ul', { id: 'ws-subscriptions' });
    const subBtn = h('button', { id: 'ws-subscribe', type: 'submit' }, 'Subscribe');
    const subForm = h('form', { id: 'ws-subscribe-form' },
      h('div', { class: 'grid' }, Ui.field('Topic filter', subTopic), Ui.field('QoS', subQos)), subBtn, subList);
    subForm.addEventListener('submit', ev => {
      ev.preventDefault();
      const topic = subTopic.value.trim();
      const qos = Number(subQos.value);
      const client = state.client;
      client.subscribe(topic, { qos }, (err, granted) => {
        if (err) return setStatus('error', 'subscribe failed: ' + err.message);
        const g = granted && granted[0] ? granted[0].qos : qos;
        if (g >= 128) return Ui.error('The broker refused the subscription to ' + topic + ' (reason ' + g + ').');
        state.subs = state.subs.filter(s => s.topic !== topic).concat([{ topic, qos: g }]);
        state.redraw();
      });
    });

    const pubTopic = h('input', { id: 'ws-pub-topic', value: 'test/dashboard' });
    const pubPayload = h('textarea', { id: 'ws-pub-payload', rows: 3 }, '{"hello": "berth"}');
    const pubQos = qosSelect('ws-pub-qos');
    const pubRetain = h('input', { id: 'ws-pub-retain', type: 'checkbox', role: 'switch' });
    const pubProps = h('textarea', { id: 'ws-pub-props', rows: 2, placeholder: 'name=value, one per line (MQTT 5)' });
    const pubBtn = h('button', { id: 'ws-publish', type: 'submit' }, 'Publish');
    const pubForm = h('form', { id: 'ws-publish-form' },
      h('div', { class: 'grid' }, Ui.field('Topic', pubTopic), Ui.field('QoS', pubQos)),
      Ui.field('Payload', pubPayload), Ui.field('User properties', pubProps),
      h('label', {}, pubRetain, 'Retain'), pubBtn);
    pubForm.addEventListener('submit', ev => {
      ev.preventDefault();
      const opts = { qos: Number(pubQos.value), retain: pubRetain.checked };
      const props = userProperties(pubProps.value);
      if (Object.keys(props).length && state.client.options.protocolVersion === 5) {
        opts.properties = { userProperties: props };
      }
      state.client.publish(pubTopic.value.trim(), pubPayload.value, opts, err => {
        if (err) Ui.error('Publish failed: ' + err.message);
        else Ui.notice('Published to ' + pubTopic.value.trim() + '.', 'info');
      });
    });

    const messages = h('div', { id: 'ws-messages' });
    const clearBtn = h('button', { type: 'button', class: 'secondary outline', id: 'ws-clear',
      onclick: () => { state.messages = []; state.redraw(); } }, 'Clear');

    view.append(h('h2', {}, 'WebSocket test client'),
      h('div', { class: 'ws-grid' },
        h('article', {}, h('header', {}, 'Connection'), connForm),
        h('article', {}, h('header', {}, 'Subscribe'), subForm),
        h('article', {}, h('header', {}, 'Publish'), pubForm)),
      h('article', {}, h('header', {}, 'Messages received ', clearBtn), messages));

    state.redraw = () => {
      const on = connected();
      status.textContent = state.status;
      connectBtn.disabled = state.status === 'connecting';
      disconnectBtn.disabled = state.client === null;
      subBtn.disabled = !on;
      pubBtn.disabled = !on;
      subList.replaceChildren(...state.subs.map(s => h('li', { 'data-topic': s.topic }, s.topic + ' (QoS ' + s.qos + ') ',
        h('a', { href: '#', onclick: ev => { ev.preventDefault(); unsubscribe(s.topic); } }, 'unsubscribe'))));
      messages.replaceChildren(Ui.table('ws-messages-table', [
        { title: 'Time', value: m => m.at.toLocaleTimeString() },
        { title: 'Topic', value: m => m.topic },
        { title: 'QoS', value: m => String(m.qos) },
        { title: 'Retain', value: m => m.retain ? 'yes' : '' },
        { title: 'Payload', value: m => h('span', { class: 'payload' }, m.payload) },
        { title: 'User properties', value: m => Object.entries(m.props).map(([k, v]) => k + '=' + v).join(', ') },
      ], state.messages, 'No messages yet.'));
    };
    state.redraw();
    if (!state.url) defaultUrl().then(u => { if (!url.value) url.value = u; });
    return () => { state.redraw = null; };
  }

  function unsubscribe(topic) {
    if (!state.client) return;
    state.client.unsubscribe(topic, err => {
      if (err) return Ui.error('Unsubscribe failed: ' + err.message);
      state.subs = state.subs.filter(s => s.topic !== topic);
      if (state.redraw) state.redraw();
    });
  }

  function qosSelect(id) {
    return h('select', { id }, [0, 1, 2].map(q => h('option', { value: q }, 'QoS ' + q)));
  }

  return { render, disconnect };
})();
