// The single-page app: hash routes (#/overview, #/listeners, ...), the login page, and the nav bar.
'use strict';

(() => {
  const { h } = Ui;
  const pages = {
    overview: Overview.render,
    listeners: Listeners.render,
    bans: Bans.render,
    alarms: Alarms.render,
    websocket: WsClient.render,
  };
  let cleanup = null;
  let expiredMessage = null;

  function renderLogin(view) {
    const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true,
      value: 'admin' });
    const password = h('input', { id: 'login-password', name: 'password', type: 'password',
      autocomplete: 'current-password', required: true });
    const submit = h('button', { id: 'login-submit', type: 'submit' }, 'Log in');
    const form = h('form', { id: 'login-form' }, Ui.field('Username', username), Ui.field('Password', password),
      submit);
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      submit.setAttribute('aria-busy', 'true');
      try {
        await Api.login(username.value.trim(), password.value);
        Ui.notice(null);
        location.hash = '#/overview';
      } catch (e) {
        Ui.notice(e.status === 401 ? 'Wrong username or password.'
          : e.status === 429 ? 'Too many failed logins: wait and try again.' : e.message, 'error');
        password.value = '';
      } finally {
        submit.removeAttribute('aria-busy');
      }
    });
    view.append(h('article', { class: 'login' }, h('header', {}, h('h2', {}, 'Log in to Berth')), form,
      h('footer', {}, h('small', { class: 'muted' }, 'The administrator password is dashboard.default_password, ' +
        'or the one generated on first start (data_dir/management/initial_password).'))));
    if (expiredMessage) {
      Ui.notice(expiredMessage, 'error');
      expiredMessage = null;
    }
    username.value ? password.focus() : username.focus();
  }

  function route() {
    if (cleanup) {
      try { cleanup(); } catch (e) { /* a page's teardown must not stop navigation */ }
      cleanup = null;
    }
    const name = (location.hash.replace(/^#\/?/, '') || 'overview').split('/')[0];
    const view = document.getElementById('view');
    view.replaceChildren();
    const nav = document.getElementById('nav');
    if (!Api.loggedIn() || name === 'login') {
      nav.hidden = true;
      if (Api.loggedIn()) {
        location.hash = '#/overview';
        return;
      }
      if (name !== 'login') {
        history.replaceState(null, '', '#/login');
      }
      renderLogin(view);
      return;
    }
    nav.hidden = false;
    const user = Api.user();
    document.getElementById('who').textContent = user ? user.username + (user.role ? ' (' + user.role + ')' : '') : '';
    for (const a of nav.querySelectorAll('a[data-page]')) {
      if (a.dataset.page === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    const page = pages[name];
    if (!page) {
      view.append(h('h2', {}, 'Not found'), h('p', {}, 'No page ' + name + '.'));
      return;
    }
    Ui.notice(null);
    cleanup = page(view) || null;
  }

  Api.onExpired(message => {
    WsClient.disconnect();
    expiredMessage = 'Your session has ended (' + message + '): log in again.';
    if (location.hash !== '#/login') location.hash = '#/login';
    else route();
  });

  document.getElementById('logout').addEventListener('click', async () => {
    WsClient.disconnect();
    try { await Api.logout(); } catch (e) { /* the token is forgotten either way */ }
    location.hash = '#/login';
  });

  window.addEventListener('hashchange', route);
  route();
})();
