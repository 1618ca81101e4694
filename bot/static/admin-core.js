/* 吉速问 catalog admin (/admin): the shared core. Plain JS, no build step, no inline code (CSP
 * script-src 'self'). Every piece of server data is rendered with textContent / createElement,
 * never innerHTML. The bearer token lives in sessionStorage ("jisuwen.admin"), shared with
 * /admin/analytics.
 *
 * The page is one file per section, loaded by admin.html in order (all `defer`):
 *   dom.js, admin-core.js (this: state, helpers, api(), login, the section registry),
 *   admin-services.js (list + edit form), admin-history.js, admin-training.js,
 *   admin-transfer.js, admin-staff.js.
 * A section file calls JisuwenAdmin.section({init, show, logout}) and may publish functions
 * other sections call at run time (JisuwenAdmin.services.loadList, .training.refresh, ...).
 * To add a section: write admin-<name>.js, add its <script> to admin.html before </head>.
 *
 * Stable element ids (for browser tests):
 *   login      #login-section, #login-form, #login-username, #login-password, #login-submit,
 *              #login-error
 *   top bar    #topnav, #user-info, #logout-btn, #analytics-link
 *   messages   #message  (data-kind="ok" | "error" | "info"; a toast over the page, so it
 *              never moves the list under the mouse)
 *   (the other sections list theirs at the top of their file)
 */
(function () {
  'use strict';

  var STORE_KEY = 'jisuwen.admin';
  var API = '/api/admin';
  var RANK = { agent: 0, viewer: 1, editor: 2, admin: 3 };
  var ROLE_ZH = { agent: '坐席', viewer: '查看', editor: '编辑', admin: '管理员' };
  var ACTION_ZH = { create: '新建', update: '修改', delete: '删除', restore: '恢复', import: '导入',
                    restore_version: '恢复历史版本' };
  var FIELD_ZH = {
    slug: 'slug', name: '事项名称', category: '类别', lead_unit: '牵头单位', departments: '部门',
    aliases: '别名', time_limits: '办理时限', fees: '收费', channels: '办理渠道',
    materials: '所需材料', notes: '备注', howto: '怎么办', citation: '政策依据',
    items: '方案条目', active: '状态', version: '版本'
  };

  var state = {
    auth: null,        // {token, role, username, expires_at}
    services: [],      // last list from the server
    current: null,     // the service open in the form, as the server returned it
    isNew: false,
    dirty: false
  };
  var sections = [];   // {init, show, logout}, in load order

  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, str = D.str, showMessage = D.showMessage;

  /* ---------- small helpers (el, str, clear, showMessage: dom.js) ---------- */
  function lines(text) {
    var out = [];
    str(text).split(/\r?\n/).forEach(function (l) {
      l = l.trim();
      if (l && out.indexOf(l) < 0) out.push(l);
    });
    return out;
  }
  function when(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return isNaN(d.getTime()) ? str(iso) : d.toLocaleString('zh-CN', { hour12: false });
  }
  function limitText(tl) {
    if (!tl) return '';
    var t = tl.unit === '工作日' ? tl.amount + '个工作日' : str(tl.amount) + str(tl.unit);
    return tl.condition ? t + '（' + tl.condition + '）' : t;
  }
  function summarize(field, v) {
    var s;
    if (v === null || v === undefined || (Array.isArray(v) && !v.length) || v === '') {
      s = '（空）';
    } else if (window.AdminFigures && window.AdminFigures.kinds[field]) {
      // each figure with its basis and a scheduled change, when it has one
      s = v.map(function (f) { return window.AdminFigures.describe(field, f); }).join('；');
    } else if (field === 'citation') {
      s = '第' + str(v.item) + '条：' + str(v.text);
    } else if (field === 'active') {
      s = v ? '在用' : '已删除';
    } else if (Array.isArray(v)) {
      s = v.map(function (x) { return typeof x === 'object' ? JSON.stringify(x) : str(x); })
        .join('、');
    } else if (typeof v === 'object') {
      s = JSON.stringify(v);
    } else {
      s = str(v);
    }
    return s.length > 300 ? s.slice(0, 300) + '…' : s;
  }
  function hasRole(role) { return !!state.auth && RANK[state.auth.role] >= RANK[role]; }

  function hideMessage() { $('message').hidden = true; }

  function detailText(body, fallback) {
    if (body && typeof body.detail === 'string') return body.detail;
    if (body && body.message) return body.message;
    return fallback;
  }

  function errorTarget(form, path) {
    var nodes = form.querySelectorAll('.field-error[data-error-for]');
    var parts = path.split('.');
    while (parts.length) {
      var key = parts.join('.');
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].getAttribute('data-error-for') === key) return nodes[i];
      }
      parts.pop();
    }
    return null;
  }

  /* Shows the API's {fields: {path: message}} next to the fields; the rest in #form-error. */
  function showFieldErrors(form, fields, generalBox) {
    var unplaced = [];
    Object.keys(fields || {}).forEach(function (path) {
      var target = errorTarget(form, path);
      if (target) {
        target.textContent = target.textContent ? target.textContent + '；' + fields[path] :
          fields[path];
        var input = target.previousElementSibling;
        if (input && /^(INPUT|SELECT|TEXTAREA)$/.test(input.tagName)) {
          input.setAttribute('aria-invalid', 'true');
        }
      } else {
        unplaced.push((FIELD_ZH[path.split('.')[0]] || path) + '：' + fields[path]);
      }
    });
    if (generalBox && unplaced.length) {
      generalBox.textContent = unplaced.join('；');
      generalBox.hidden = false;
    }
  }

  /* ---------- auth ---------- */
  function loadAuth() {
    var a = D.loadAuth(STORE_KEY);
    if (!a) sessionStorage.removeItem(STORE_KEY);  // corrupt or expired: log in again
    return a;
  }

  function logout(message) {
    sessionStorage.removeItem(STORE_KEY);
    state.auth = null;
    state.current = null;
    state.dirty = false;
    sections.forEach(function (s) { if (s.logout) s.logout(); });
    $('app-section').hidden = true;
    $('topnav').hidden = true;
    $('login-section').hidden = false;
    $('login-password').value = '';
    $('login-error').textContent = message || '';
    hideMessage();
    $('login-username').focus();
  }

  /* Calls the admin API; resolves to {status, body, response}. A 401 logs out. */
  function api(method, path, opts) {
    opts = opts || {};
    var headers = {};
    if (state.auth) headers.Authorization = 'Bearer ' + state.auth.token;
    var body;
    if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.raw !== undefined) {
      headers['Content-Type'] = opts.contentType || 'text/plain; charset=utf-8';
      body = opts.raw;
    }
    return fetch(API + path, { method: method, headers: headers, body: body, cache: 'no-store',
                               credentials: 'same-origin' })
      .then(function (response) {
        var type = response.headers.get('content-type') || '';
        var parse = type.indexOf('application/json') >= 0 ? response.json() :
          opts.blob ? response.blob() : response.text();
        return parse.then(function (parsed) {
          if (response.status === 401 && path !== '/login') {
            logout('登录已过期，请重新登录。');
          }
          return { status: response.status, body: parsed, response: response };
        });
      }, function () {
        showMessage('error', '无法连接服务器，请检查网络后重试。');
        return { status: 0, body: null, response: null };
      });
  }

  function onLogin(ev) {
    ev.preventDefault();
    var username = $('login-username').value.trim();
    var password = $('login-password').value;
    $('login-error').textContent = '';
    if (!username || !password) {
      $('login-error').textContent = '请输入用户名和密码。';
      return;
    }
    $('login-submit').disabled = true;
    api('POST', '/login', { json: { username: username, password: password } }).then(function (r) {
      $('login-submit').disabled = false;
      if (r.status === 200) {
        state.auth = { token: r.body.access_token, role: r.body.role, username: r.body.username,
                       expires_at: r.body.expires_at };
        sessionStorage.setItem(STORE_KEY, JSON.stringify(state.auth));
        $('login-password').value = '';
        showApp();
      } else if (r.status === 401) {
        $('login-error').textContent = '用户名或密码错误。';
      } else if (r.status) {
        $('login-error').textContent = detailText(r.body, '登录失败（' + r.status + '）');
      }
    });
  }

  function showApp() {
    if (!hasRole('viewer')) {  // an agent account: the console is its page, not the admin
      logout('坐席账号请使用坐席助手（/agent）。');
      return;
    }
    $('login-section').hidden = true;
    $('app-section').hidden = false;
    $('topnav').hidden = false;
    $('user-info').textContent = state.auth.username + '（' + (ROLE_ZH[state.auth.role] || '') + '）';
    $('analytics-link').hidden = !hasRole('editor');
    document.querySelectorAll('[data-min-role]').forEach(function (n) {
      n.hidden = !hasRole(n.getAttribute('data-min-role'));
    });
    sections.forEach(function (s) { if (s.show) s.show(); });
  }

  /* ---------- wiring ---------- */
  function boot() {
    $('login-form').addEventListener('submit', onLogin);
    $('logout-btn').addEventListener('click', function () { logout('已退出登录。'); });
    sections.forEach(function (s) { if (s.init) s.init(); });
    // Closing the tab, reloading or following a link with unsaved edits: the browser asks.
    window.addEventListener('beforeunload', function (ev) {
      if (!state.dirty) return undefined;
      ev.preventDefault();
      ev.returnValue = '';
      return '';
    });

    state.auth = loadAuth();
    if (state.auth) {
      showApp();
      api('GET', '/me').then(function (r) {  // the role may have changed since login
        if (r.status === 200 && r.body.role !== state.auth.role) {
          state.auth.role = r.body.role;
          sessionStorage.setItem(STORE_KEY, JSON.stringify(state.auth));
          showApp();
        }
      });
    } else {
      logout('');
    }
  }

  window.JisuwenAdmin = {
    RANK: RANK, ROLE_ZH: ROLE_ZH, ACTION_ZH: ACTION_ZH, FIELD_ZH: FIELD_ZH,
    state: state,
    lines: lines, when: when, limitText: limitText, summarize: summarize, hasRole: hasRole,
    hideMessage: hideMessage, detailText: detailText, showFieldErrors: showFieldErrors,
    api: api,
    /* Registers a section: init() wires its elements once, show() runs after every login,
     * logout() when the user logs out (stop timers). */
    section: function (s) { sections.push(s); }
  };

  // Deferred scripts all run before DOMContentLoaded: every section has registered by then.
  document.addEventListener('DOMContentLoaded', boot);
})();
