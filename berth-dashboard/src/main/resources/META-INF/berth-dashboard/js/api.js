// The management REST API as the dashboard calls it. The login token lives in sessionStorage (gone when the tab
// closes) and goes out as "Authorization: Bearer <token>"; no cookie is ever set, so other sites cannot make
// requests on the user's behalf (CSRF).
'use strict';

const Api = (() => {
  const TOKEN = 'berth.token';
  const USER = 'berth.user';
  const listeners = new Set();

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message || code || ('HTTP ' + status));
      this.status = status;
      this.code = code;
    }
  }

  function token() { return sessionStorage.getItem(TOKEN); }
  function user() {
    const raw = sessionStorage.getItem(USER);
    return raw ? JSON.parse(raw) : null;
  }
  function loggedIn() { return token() !== null; }

  function forget() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
  }

  /** Called with the reason when the server says the token is no longer good (401). */
  function onExpired(fn) { listeners.add(fn); }

  async function request(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (token()) headers['Authorization'] = 'Bearer ' + token();
    const init = { method, headers, credentials: 'omit', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    const text = await res.text();
    let json = null;
    if (text && (res.headers.get('Content-Type') || '').startsWith('application/json')) {
      try { json = JSON.parse(text); } catch (e) { json = null; }
    }
    if (res.status === 401 && path !== '/api/v5/login') {
      forget();
      listeners.forEach(fn => fn((json && json.message) || 'your session has ended'));
      throw new ApiError(401, json && json.code, 'your session has ended: log in again');
    }
    if (!res.ok) {
      throw new ApiError(res.status, json && json.code, (json && json.message) || text || ('HTTP ' + res.status));
    }
    return json !== null ? json : text;
  }

  async function login(username, password) {
    const reply = await request('POST', '/api/v5/login', { username, password });
    if (!reply || typeof reply.token !== 'string') {
      throw new ApiError(500, 'BAD_REPLY', 'the login answer has no token');
    }
    sessionStorage.setItem(TOKEN, reply.token);
    sessionStorage.setItem(USER, JSON.stringify({ username, role: reply.role || '' }));
    return reply;
  }

  async function logout() {
    try {
      if (token()) await request('POST', '/api/v5/logout');
    } finally {
      forget();
    }
  }

  return {
    ApiError, login, logout, loggedIn, user, onExpired,
    get: path => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    del: path => request('DELETE', path),
  };
})();
