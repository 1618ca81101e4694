/* 吉速问 catalog admin (/admin). Plain JS, no build step, no inline code (CSP script-src 'self').
 * Every piece of server data is rendered with textContent / createElement, never innerHTML.
 * The bearer token lives in sessionStorage ("jisuwen.admin"), shared with /admin/analytics.
 *
 * Stable element ids (for browser tests):
 *   login      #login-section, #login-form, #login-username, #login-password, #login-submit,
 *              #login-error
 *   top bar    #topnav, #user-info, #logout-btn, #analytics-link
 *   messages   #message  (data-kind="ok" | "error" | "info")
 *   list       #service-search, #show-deleted, #service-count, #new-service-btn,
 *              #service-list > li > button.service-item[data-slug] (aria-current="true" = open;
 *              .badge-deleted inside when soft-deleted)
 *   edit form  #service-form, #edit-title, #edit-version (data-version="N"), #edit-status,
 *              #edit-meta, #f-slug, #f-name, #f-category, #f-lead-unit, #f-aliases,
 *              #f-departments, #f-channels (textareas: one entry per line),
 *              #figures-time_limits, #figures-fees, #figures-materials, #figures-notes:
 *                each figure with its 第N条, basis and scheduled change (admin-figures.js)
 *              #f-howto, #f-citation-item, #f-citation-text
 *              field errors: p.field-error[data-error-for="<path>"], paths as the API reports
 *                them: "name", "aliases", "time_limits.0.amount", "fees.1.text", "citation.item"
 *              #form-error (errors with no field on the form), #save-btn, #cancel-btn,
 *              #delete-btn (click twice: the first click asks "确认删除？"), #restore-btn
 *   conflict   #conflict-box, #conflict-text, #conflict-fields, #conflict-reload-btn
 *   history    #history, #history-list > li.history-item (data-action, data-version)
 *   training   #training-status (data-state="stale" | "fresh" | "unknown"), #training-changes,
 *              #retrain-btn, #training-job (data-state="running" | "succeeded" | "failed"),
 *              #training-step, #training-progress (<progress> 0..5), #training-log
 *   transfer   #export-yaml-btn, #export-csv-btn, #import-file, #import-dry-run-btn,
 *              #import-apply-btn, #import-report
 *   staff      #staff-form, #staff-username, #staff-password, #staff-role, #staff-submit
 */
(function () {
  'use strict';

  var STORE_KEY = 'jisuwen.admin';
  var API = '/api/admin';
  var RANK = { agent: 0, viewer: 1, editor: 2, admin: 3 };
  var ROLE_ZH = { agent: '坐席', viewer: '查看', editor: '编辑', admin: '管理员' };
  var UNITS = ['工作日', '日', '小时'];
  var POLL_MS = 2000;
  var STEPS = ['queued', 'gen-nlu', 'train', 'load', 'mark', 'done'];
  var STEP_ZH = {
    queued: '排队中', 'gen-nlu': '生成 NLU 数据', train: '训练模型（几分钟）',
    load: '加载到机器人（不停机）', mark: '记录训练版本', done: '完成'
  };
  var ACTION_ZH = { create: '新建', update: '修改', delete: '删除', restore: '恢复', import: '导入' };
  var FIELD_ZH = {
    slug: 'slug', name: '事项名称', category: '类别', lead_unit: '牵头单位', departments: '部门',
    aliases: '别名', time_limits: '办理时限', fees: '收费', channels: '办理渠道',
    materials: '所需材料', notes: '备注', howto: '怎么办', citation: '政策依据',
    items: '方案条目', active: '状态', version: '版本'
  };
  var FIGURES = ['time_limits', 'fees', 'materials', 'notes'];  // edited by admin-figures.js
  var FORM_FIELDS = ['name', 'category', 'lead_unit', 'aliases', 'departments', 'channels',
    'time_limits', 'fees', 'materials', 'notes', 'howto', 'citation'];

  var state = {
    auth: null,        // {token, role, username, expires_at}
    services: [],      // last list from the server
    current: null,     // the service open in the form, as the server returned it
    isNew: false,
    dirty: false,
    searchSeq: 0,
    searchTimer: null,
    pollTimer: null,
    importText: null,
    importFormat: null
  };

  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, str = D.str, clear = D.clear, showMessage = D.showMessage;

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
    } else if (field === 'time_limits') {
      s = v.map(limitText).join('；');
    } else if (field === 'fees' || field === 'materials' || field === 'notes') {
      s = v.map(function (f) { return str(f && f.text); }).join('；');
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
    if (state.pollTimer) clearTimeout(state.pollTimer);
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
    showEmpty();
    loadList();
    refreshTraining();
    if (hasRole('admin')) loadStaff();
  }

  /* ---------- list ---------- */
  function loadList() {
    var seq = ++state.searchSeq;
    var q = $('service-search').value.trim();
    api('GET', '/services' + (q ? '?q=' + encodeURIComponent(q) : '')).then(function (r) {
      if (seq !== state.searchSeq || r.status !== 200) return;
      state.services = r.body;
      renderList();
    });
  }

  function renderList() {
    var list = $('service-list');
    var showDeleted = $('show-deleted').checked;
    var shown = state.services.filter(function (s) { return s.active || showDeleted; });
    clear(list);
    shown.forEach(function (s) {
      var li = el('li');
      var b = el('button', 'service-item');
      b.type = 'button';
      b.setAttribute('data-slug', s.slug);
      b.appendChild(el('span', 'item-name', s.name));
      b.appendChild(el('span', 'item-slug', s.slug));
      if (!s.active) b.appendChild(el('span', 'badge badge-deleted', '已删除'));
      if (state.current && !state.isNew && state.current.slug === s.slug) {
        b.setAttribute('aria-current', 'true');
      }
      li.appendChild(b);
      list.appendChild(li);
    });
    $('service-count').textContent = '（' + shown.length + '）';
    if (!shown.length) list.appendChild(el('li', 'empty', '没有符合条件的事项'));
  }

  function onListClick(ev) {
    var b = ev.target.closest('button.service-item');
    if (!b) return;
    var slug = b.getAttribute('data-slug');
    if (state.dirty && !(state.current && state.current.slug === slug && !state.isNew)) {
      showMessage('info', '当前事项有未保存的修改：请先保存，或点击“放弃修改”。');
      return;
    }
    openService(slug);
  }

  /* ---------- edit form ---------- */
  function showEmpty() {
    $('empty-edit').hidden = false;
    $('service-form').hidden = true;
    $('history').hidden = true;
  }

  function openService(slug) {
    return api('GET', '/services/' + encodeURIComponent(slug)).then(function (r) {
      if (r.status === 200) {
        hideMessage();
        fillForm(r.body, false);
        loadHistory(slug);
      } else if (r.status === 404) {
        showMessage('error', detailText(r.body, '事项不存在'));
        loadList();
      }
    });
  }

  function fillForm(s, isNew) {
    state.current = isNew ? null : s;
    state.isNew = isNew;
    state.dirty = false;
    clearErrors();
    $('conflict-box').hidden = true;
    $('empty-edit').hidden = true;
    $('service-form').hidden = false;
    $('edit-title').textContent = isNew ? '新建事项' : s.name;
    $('edit-version').textContent = isNew ? '未保存' : '第' + s.version + '版';
    $('edit-version').setAttribute('data-version', isNew ? '' : String(s.version));
    $('edit-status').hidden = isNew || s.active;
    $('edit-meta').textContent = isNew ? '' :
      '最后修改：' + when(s.updated_at) + ' · ' + str(s.updated_by);
    $('f-slug').value = str(s.slug);
    $('f-slug').readOnly = !isNew;
    $('f-name').value = str(s.name);
    $('f-category').value = str(s.category);
    $('f-lead-unit').value = str(s.lead_unit);
    $('f-aliases').value = (s.aliases || []).join('\n');
    $('f-departments').value = (s.departments || []).join('\n');
    $('f-channels').value = (s.channels || []).join('\n');
    var canEdit = hasRole('editor');
    FIGURES.forEach(function (k) { window.AdminFigures.fill($('figures-' + k), s[k], canEdit); });
    $('f-howto').value = str(s.howto);
    $('f-citation-item').value = str(s.citation && s.citation.item);
    $('f-citation-text').value = str(s.citation && s.citation.text);

    $('service-form').querySelectorAll('input, select, textarea').forEach(function (n) {
      if (n.id !== 'f-slug') n.disabled = !canEdit;
    });
    $('delete-btn').hidden = isNew || !s.active || !hasRole('admin');
    $('restore-btn').hidden = isNew || s.active || !hasRole('admin');
    resetDeleteButton();
    $('history').hidden = isNew;
    renderList();
  }

  function numberOrNull(v) {
    v = str(v).trim();
    return v === '' ? null : Number(v);
  }

  function collectForm() {
    var collect = window.AdminFigures.collect;
    return {
      name: $('f-name').value.trim(),
      category: $('f-category').value.trim(),
      lead_unit: $('f-lead-unit').value.trim(),
      aliases: lines($('f-aliases').value),
      departments: lines($('f-departments').value),
      channels: lines($('f-channels').value),
      time_limits: collect($('figures-time_limits')),
      fees: collect($('figures-fees')),
      materials: collect($('figures-materials')),
      notes: collect($('figures-notes')),
      howto: $('f-howto').value.trim(),
      citation: { item: numberOrNull($('f-citation-item').value),
                  text: $('f-citation-text').value.trim() }
    };
  }

  function clearErrors() {
    $('service-form').querySelectorAll('.field-error').forEach(function (p) { p.textContent = ''; });
    $('service-form').querySelectorAll('[aria-invalid]').forEach(function (n) {
      n.removeAttribute('aria-invalid');
    });
    $('form-error').hidden = true;
    $('form-error').textContent = '';
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

  function onSave(ev) {
    ev.preventDefault();
    if (!hasRole('editor')) return;
    clearErrors();
    $('conflict-box').hidden = true;
    var fields = collectForm();
    var req;
    if (state.isNew) {
      fields.slug = $('f-slug').value.trim();
      req = api('POST', '/services', { json: fields });
    } else {
      fields.version = state.current.version;
      req = api('PATCH', '/services/' + encodeURIComponent(state.current.slug), { json: fields });
    }
    $('save-btn').disabled = true;
    req.then(function (r) {
      $('save-btn').disabled = false;
      if (r.status === 200 || r.status === 201) {
        var unchanged = r.status === 200 && r.body.version === fields.version;
        fillForm(r.body, false);
        showMessage('ok', unchanged ? '没有修改需要保存。' :
          '已保存：' + r.body.name + '（第' + r.body.version + '版）。公开接口和机器人答复已更新。');
        loadHistory(r.body.slug);
        loadList();
        refreshTraining();
      } else if (r.status === 409 && r.body && r.body.current) {
        showConflict(r.body, fields);
      } else if (r.status === 422) {
        showFieldErrors($('service-form'), r.body && r.body.fields, $('form-error'));
        showMessage('error', '保存失败：请修改标红的字段。');
      } else if (r.status === 403) {
        showMessage('error', detailText(r.body, '权限不足'));
      } else if (r.status) {
        $('form-error').textContent = detailText(r.body, '保存失败（' + r.status + '）');
        $('form-error').hidden = false;
        showMessage('error', '保存失败。');
      }
    });
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  /* The same value whatever the order of its keys (the form and the API list them differently). */
  function canonical(v) {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.keys(v).sort().map(function (k) { return [k, canonical(v[k])]; });
    }
    return v === undefined ? null : v;
  }

  function comparable(field, v) {
    if (FIGURES.indexOf(field) >= 0) return canonical(v || []);  // every field of a figure
    if (field === 'citation') return v ? [v.item, v.text] : null;
    return v === undefined ? null : v;
  }

  function showConflict(body, draft) {
    var current = body.current;
    $('conflict-text').textContent = '保存失败：其他人已修改此事项。您编辑的是第' + draft.version +
      '版，当前是第' + current.version + '版。您的修改仍保留在表单中；下列字段与最新版本不同：';
    var ul = $('conflict-fields');
    clear(ul);
    FORM_FIELDS.forEach(function (f) {
      if (!same(comparable(f, draft[f]), comparable(f, current[f]))) {
        ul.appendChild(el('li', '', (FIELD_ZH[f] || f) + '：最新为“' + summarize(f, current[f]) + '”'));
      }
    });
    $('conflict-box').setAttribute('data-current-version', String(current.version));
    $('conflict-box').hidden = false;
    showMessage('error', '版本冲突：请加载最新版本后再修改。');
  }

  function onCancel() {
    state.dirty = false;
    hideMessage();
    if (state.isNew || !state.current) {
      state.isNew = false;
      state.current = null;
      showEmpty();
      renderList();
    } else {
      openService(state.current.slug);
    }
  }

  function resetDeleteButton() {
    var b = $('delete-btn');
    b.removeAttribute('data-confirm');
    b.textContent = '删除事项';
  }

  function onDelete() {
    var b = $('delete-btn');
    if (!state.current) return;
    if (!b.hasAttribute('data-confirm')) {  // two clicks instead of a blocking confirm() dialog
      b.setAttribute('data-confirm', '1');
      b.textContent = '确认删除？';
      setTimeout(resetDeleteButton, 5000);
      return;
    }
    resetDeleteButton();
    var s = state.current;
    api('DELETE', '/services/' + encodeURIComponent(s.slug) + '?version=' + s.version)
      .then(function (r) { afterActive(r, '已删除：' + s.name + '（可恢复）。'); });
  }

  function onRestore() {
    var s = state.current;
    if (!s) return;
    api('POST', '/services/' + encodeURIComponent(s.slug) + '/restore?version=' + s.version)
      .then(function (r) { afterActive(r, '已恢复：' + s.name + '。'); });
  }

  function afterActive(r, okText) {
    if (r.status === 200) {
      fillForm(r.body, false);
      showMessage('ok', okText);
      loadHistory(r.body.slug);
      loadList();
      refreshTraining();
    } else if (r.status === 409 && r.body && r.body.current) {
      var draft = collectForm();
      draft.version = state.current.version;
      showConflict(r.body, draft);
    } else if (r.status === 422) {
      showFieldErrors($('service-form'), r.body && r.body.fields, $('form-error'));
      showMessage('error', '操作失败。');
    } else if (r.status) {
      showMessage('error', detailText(r.body, '操作失败（' + r.status + '）'));
    }
  }

  /* ---------- history ---------- */
  function loadHistory(slug) {
    api('GET', '/audit?limit=50&slug=' + encodeURIComponent(slug)).then(function (r) {
      if (r.status !== 200 || !state.current || state.current.slug !== slug) return;
      var ol = $('history-list');
      clear(ol);
      r.body.forEach(function (e) {
        var li = el('li', 'history-item');
        li.setAttribute('data-action', e.action);
        li.setAttribute('data-version', String(e.version));
        var head = el('p', 'history-head');
        head.appendChild(el('strong', '', ACTION_ZH[e.action] || e.action));
        head.appendChild(el('span', '', ' 第' + e.version + '版 · ' + e.actor + ' · ' + when(e.at)));
        li.appendChild(head);
        if (e.action !== 'create') {
          var ul = el('ul', 'history-changes');
          Object.keys(e.changes || {}).forEach(function (f) {
            var c = e.changes[f];
            var item = el('li');
            item.appendChild(el('span', 'change-field', (FIELD_ZH[f] || f) + '：'));
            item.appendChild(el('span', 'change-before', summarize(f, c.before)));
            item.appendChild(el('span', 'change-arrow', ' → '));
            item.appendChild(el('span', 'change-after', summarize(f, c.after)));
            ul.appendChild(item);
          });
          li.appendChild(ul);
        }
        ol.appendChild(li);
      });
      if (!r.body.length) ol.appendChild(el('li', 'empty', '暂无记录'));
    });
  }

  /* ---------- training ---------- */
  function describeChange(c) {
    var parts = [];
    if (c.name_before) parts.push('原名：' + c.name_before);
    if (c.aliases_added && c.aliases_added.length) parts.push('新增别名：' + c.aliases_added.join('、'));
    if (c.aliases_removed && c.aliases_removed.length) {
      parts.push('删除别名：' + c.aliases_removed.join('、'));
    }
    var kind = { added: '新增', removed: '删除', changed: '修改' }[c.kind] || c.kind;
    return kind + '：' + str(c.name) + (parts.length ? '（' + parts.join('；') + '）' : '');
  }

  function refreshTraining() {
    if (state.pollTimer) { clearTimeout(state.pollTimer); state.pollTimer = null; }
    if (!state.auth) return;
    api('GET', '/training').then(function (r) {
      if (r.status !== 200) return;
      renderTraining(r.body);
      if (r.body.job.state === 'running') state.pollTimer = setTimeout(refreshTraining, POLL_MS);
    });
  }

  function renderTraining(t) {
    var status = $('training-status');
    status.setAttribute('data-state', t.stale ? 'stale' : 'fresh');
    status.textContent = t.stale ?
      '名称或别名已修改，需要重新训练，机器人才能识别新说法' +
        (t.changes.length ? '（' + t.changes.length + '项）' : '') + '。' :
      '模型已是最新。';
    var ul = $('training-changes');
    clear(ul);
    t.changes.slice(0, 10).forEach(function (c) { ul.appendChild(el('li', '', describeChange(c))); });
    if (t.changes.length > 10) ul.appendChild(el('li', '', '……另有' + (t.changes.length - 10) + '项'));

    var job = t.job;
    var box = $('training-job');
    box.hidden = job.state === 'idle';
    box.setAttribute('data-state', job.state);
    var stepText = STEP_ZH[job.step] || job.step;
    if (job.state === 'running') {
      $('training-step').textContent = '正在训练：' + stepText + '（开始于 ' + when(job.started_at) + '）';
    } else if (job.state === 'succeeded') {
      $('training-step').textContent = '训练完成：' + when(job.finished_at) + (job.model ? '，模型 ' + job.model : '');
    } else if (job.state === 'failed') {
      $('training-step').textContent = '训练失败（' + stepText + '）：' + str(job.error) +
        '。机器人仍使用原模型。';
    }
    var idx = STEPS.indexOf(job.step);
    $('training-progress').value = job.state === 'succeeded' ? 5 : Math.max(0, idx);
    $('training-log').textContent = (job.log_tail || []).join('\n');
    $('retrain-btn').disabled = job.state === 'running';
  }

  function onRetrain() {
    $('retrain-btn').disabled = true;
    api('POST', '/training').then(function (r) {
      if (r.status === 202) {
        showMessage('info', '已开始重新训练，期间机器人照常服务。');
        renderTraining(r.body);
        state.pollTimer = setTimeout(refreshTraining, POLL_MS);
      } else if (r.status === 409) {
        showMessage('info', detailText(r.body, '已有训练在进行。'));
        refreshTraining();
      } else if (r.status) {
        $('retrain-btn').disabled = false;
        showMessage('error', detailText(r.body, '无法开始训练（' + r.status + '）'));
      }
    });
  }

  /* ---------- import / export ---------- */
  function filenameOf(r, fallback) {
    var cd = r.response.headers.get('content-disposition') || '';
    var m = /filename="([^"]+)"/.exec(cd);
    return m ? m[1] : fallback;
  }

  function download(path, fallbackName) {
    api('GET', path, { blob: true }).then(function (r) {
      if (r.status !== 200) {
        if (r.status) showMessage('error', detailText(r.body, '下载失败（' + r.status + '）'));
        return;
      }
      var blob = r.body instanceof Blob ? r.body : new Blob([r.body]);
      var url = URL.createObjectURL(blob);
      var a = el('a');
      a.href = url;
      a.download = filenameOf(r, fallbackName);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    });
  }

  function onImportFile() {
    var file = $('import-file').files[0];
    state.importText = null;
    $('import-apply-btn').disabled = true;
    $('import-dry-run-btn').disabled = true;
    clear($('import-report'));
    if (!file) return;
    state.importFormat = /\.csv$/i.test(file.name) ? 'csv' : 'yaml';
    file.text().then(function (text) {
      state.importText = text;
      $('import-dry-run-btn').disabled = false;
    });
  }

  function renderReport(r, applied) {
    var box = $('import-report');
    clear(box);
    var body = r.body || {};
    var report = r.status === 200 ? body : body.report;
    if (r.status !== 200) {
      box.appendChild(el('p', 'field-error', detailText(body, '导入失败（' + r.status + '）')));
    }
    if (!report) return;
    var ul = el('ul');
    var updated = Object.keys(report.updated || {});
    ul.appendChild(el('li', '', '新增 ' + report.created.length + ' 项' +
      (report.created.length ? '：' + report.created.join('、') : '')));
    ul.appendChild(el('li', '', '修改 ' + updated.length + ' 项' + (updated.length ? '：' +
      updated.map(function (s) {
        return s + '（' + report.updated[s].map(function (f) { return FIELD_ZH[f] || f; }).join('、') + '）';
      }).join('；') : '')));
    ul.appendChild(el('li', '', '未变化 ' + report.unchanged + ' 项'));
    box.appendChild(ul);
    if (report.errors && report.errors.length) {
      var errs = el('ul', 'import-errors');
      report.errors.forEach(function (e) {
        var where = e.index === null || e.index === undefined ? '' : '第' + (e.index + 1) + '条';
        (e.errors || []).forEach(function (x) {
          errs.appendChild(el('li', 'field-error', where + (e.slug ? '（' + e.slug + '）' : '') + ' ' +
            (x.field ? x.field + '：' : '') + x.message));
        });
      });
      box.appendChild(errs);
    }
    box.appendChild(el('p', 'hint', applied ? '已导入。' : r.status === 200 ?
      '以上为预览，尚未做任何更改。' : '文件有误，未做任何更改。'));
  }

  function importRequest(apply) {
    if (state.importText === null) return null;
    var type = state.importFormat === 'csv' ? 'text/csv; charset=utf-8' :
      'application/x-yaml; charset=utf-8';
    return api('POST', '/import?format=' + state.importFormat + '&apply=' + apply,
               { raw: state.importText, contentType: type });
  }

  function onDryRun() {
    var req = importRequest(false);
    if (!req) return;
    req.then(function (r) {
      renderReport(r, false);
      $('import-apply-btn').disabled = r.status !== 200;
    });
  }

  function onApply() {
    var req = importRequest(true);
    if (!req) return;
    $('import-apply-btn').disabled = true;
    req.then(function (r) {
      renderReport(r, r.status === 200);
      if (r.status === 200) {
        showMessage('ok', '导入完成：新增' + r.body.created.length + '项，修改' +
          Object.keys(r.body.updated).length + '项。');
        loadList();
        refreshTraining();
        if (state.current && !state.isNew) openService(state.current.slug);
      }
    });
  }

  /* ---------- staff ---------- */
  function onStaff(ev) {
    ev.preventDefault();
    var form = $('staff-form');
    form.querySelectorAll('.field-error').forEach(function (p) { p.textContent = ''; });
    var body = { username: $('staff-username').value.trim(), password: $('staff-password').value,
                 role: $('staff-role').value };
    api('POST', '/staff', { json: body }).then(function (r) {
      if (r.status === 201) {
        showMessage('ok', '已创建账号 ' + r.body.username + '（' + ROLE_ZH[r.body.role] + '）。');
        form.reset();
        loadStaff();
      } else if (r.status === 422) {
        showFieldErrors(form, r.body && r.body.fields, null);
      } else if (r.status) {
        showMessage('error', detailText(r.body, '创建失败（' + r.status + '）'));
      }
    });
  }

  /* Staff list: role, deactivate/activate, reset password, delete (admin only). */
  function loadStaff() {
    api('GET', '/staff').then(function (r) {
      if (r.status !== 200) return;
      var ul = $('staff-list');
      D.clear(ul);
      r.body.forEach(function (u) {
        var li = el('li', 'staff-row');
        li.setAttribute('data-username', u.username);
        li.setAttribute('data-active', u.active ? 'true' : 'false');
        li.appendChild(el('span', 'staff-name', u.username + (u.active ? '' : '（已停用）')));
        var role = el('select', 'staff-role-select');
        role.setAttribute('aria-label', u.username + ' 的角色');
        Object.keys(RANK).forEach(function (k) {
          var o = el('option', '', ROLE_ZH[k]);
          o.value = k;
          o.selected = k === u.role;
          role.appendChild(o);
        });
        li.appendChild(role);
        [['toggle', u.active ? '停用' : '启用'], ['reset', '重置密码'], ['delete', '删除']]
          .forEach(function (a) {
            var b = el('button', 'btn btn-small' + (a[0] === 'delete' ? ' btn-danger' : ''), a[1]);
            b.type = 'button';
            b.setAttribute('data-action', a[0]);
            li.appendChild(b);
          });
        ul.appendChild(li);
      });
    });
  }

  function staffDone(r, text) {
    if (r.status === 200 || r.status === 204) {
      showMessage('ok', text);
    } else if (r.status) {
      showMessage('error', detailText(r.body, '操作失败（' + r.status + '）'));
    }
    loadStaff();
  }

  function onStaffList(ev) {
    var li = ev.target.closest('.staff-row');
    if (!li) return;
    var name = li.getAttribute('data-username');
    var path = '/staff/' + encodeURIComponent(name);
    if (ev.type === 'change' && ev.target.classList.contains('staff-role-select')) {
      var role = ev.target.value;
      api('PATCH', path, { json: { role: role } }).then(function (r) {
        staffDone(r, name + ' 的角色已改为' + ROLE_ZH[role] + '。');
      });
      return;
    }
    var b = ev.target.closest('button[data-action]');
    if (!b || ev.type !== 'click') return;
    var action = b.getAttribute('data-action');
    if (action === 'toggle') {
      var active = li.getAttribute('data-active') !== 'true';
      api('PATCH', path, { json: { active: active } }).then(function (r) {
        staffDone(r, name + (active ? ' 已启用。' : ' 已停用，其登录立即失效。'));
      });
    } else if (action === 'reset') {
      var form = $('staff-reset-form');
      form.hidden = false;
      form.setAttribute('data-username', name);
      $('staff-reset-name').textContent = name;
      $('staff-reset-password').value = '';
      $('staff-reset-password').focus();
    } else if (action === 'delete') {
      if (!b.hasAttribute('data-confirm')) {  // two clicks instead of a confirm() dialog
        b.setAttribute('data-confirm', '1');
        b.textContent = '确认删除';
        return;
      }
      api('DELETE', path).then(function (r) { staffDone(r, '已删除账号 ' + name + '。'); });
    }
  }

  function onStaffReset(ev) {
    ev.preventDefault();
    var form = $('staff-reset-form');
    var name = form.getAttribute('data-username');
    form.querySelectorAll('.field-error').forEach(function (p) { p.textContent = ''; });
    api('POST', '/staff/' + encodeURIComponent(name) + '/password',
        { json: { password: $('staff-reset-password').value } }).then(function (r) {
      if (r.status === 422) {
        showFieldErrors(form, r.body && r.body.fields, null);
        return;
      }
      if (r.status === 200) form.hidden = true;
      staffDone(r, name + ' 的密码已重置，其登录立即失效。');
    });
  }

  /* ---------- wiring ---------- */
  function init() {
    $('login-form').addEventListener('submit', onLogin);
    $('logout-btn').addEventListener('click', function () { logout('已退出登录。'); });
    $('service-search').addEventListener('input', function () {
      clearTimeout(state.searchTimer);
      state.searchTimer = setTimeout(loadList, 200);
    });
    $('show-deleted').addEventListener('change', renderList);
    $('service-list').addEventListener('click', onListClick);
    $('new-service-btn').addEventListener('click', function () {
      if (state.dirty) {
        showMessage('info', '当前事项有未保存的修改：请先保存，或点击“放弃修改”。');
        return;
      }
      hideMessage();
      fillForm({ slug: '', name: '', aliases: [], departments: [], channels: [], time_limits: [],
                 fees: [], howto: '', citation: null, active: true }, true);
      $('f-slug').focus();
    });
    var form = $('service-form');
    form.addEventListener('submit', onSave);
    form.addEventListener('input', function () { state.dirty = true; });
    FIGURES.forEach(function (k) { window.AdminFigures.mount($('figures-' + k), k); });
    $('cancel-btn').addEventListener('click', onCancel);
    $('delete-btn').addEventListener('click', onDelete);
    $('restore-btn').addEventListener('click', onRestore);
    $('conflict-reload-btn').addEventListener('click', function () {
      state.dirty = false;
      if (state.current) openService(state.current.slug);
    });
    $('retrain-btn').addEventListener('click', onRetrain);
    $('export-yaml-btn').addEventListener('click', function () {
      download('/export?format=yaml', 'catalog.yaml');
    });
    $('export-csv-btn').addEventListener('click', function () {
      download('/export?format=csv', 'catalog.csv');
    });
    $('import-file').addEventListener('change', onImportFile);
    $('import-dry-run-btn').addEventListener('click', onDryRun);
    $('import-apply-btn').addEventListener('click', onApply);
    $('staff-form').addEventListener('submit', onStaff);
    $('staff-list').addEventListener('click', onStaffList);
    $('staff-list').addEventListener('change', onStaffList);
    $('staff-reset-form').addEventListener('submit', onStaffReset);
    $('staff-reset-cancel').addEventListener('click', function () {
      $('staff-reset-form').hidden = true;
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

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
