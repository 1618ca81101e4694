/* 吉速问 admin: the service list and the edit form (save, conflict, delete, restore).
 *
 * Stable element ids (for browser tests):
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
 */
(function () {
  'use strict';

  var A = window.JisuwenAdmin;
  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, str = D.str, clear = D.clear, showMessage = D.showMessage;
  var state = A.state, hasRole = A.hasRole, hideMessage = A.hideMessage;
  var detailText = A.detailText, showFieldErrors = A.showFieldErrors, when = A.when;
  var lines = A.lines, summarize = A.summarize, FIELD_ZH = A.FIELD_ZH, api = A.api;
  var FIGURES = ['time_limits', 'fees', 'materials', 'notes'];  // edited by admin-figures.js
  var FORM_FIELDS = ['name', 'category', 'lead_unit', 'aliases', 'departments', 'channels',
    'time_limits', 'fees', 'materials', 'notes', 'howto', 'citation'];
  var searchSeq = 0;
  var searchTimer = null;

  function loadHistory(slug) { A.history.load(slug); }
  function refreshTraining() { A.training.refresh(); }

  /* ---------- list ---------- */
  function loadList() {
    var seq = ++searchSeq;
    var q = $('service-search').value.trim();
    api('GET', '/services' + (q ? '?q=' + encodeURIComponent(q) : '')).then(function (r) {
      if (seq !== searchSeq) return;
      $('service-list').removeAttribute('aria-busy');
      if (r.status !== 200) return;
      state.services = r.body;
      renderList();
    });
  }

  function renderList() {
    var list = $('service-list');
    var showDeleted = $('show-deleted').checked;
    var shown = state.services.filter(function (s) { return s.active || showDeleted; });
    var open = state.current && !state.isNew ? state.current.slug : '';
    // An answer that lists the same services keeps the same buttons: a rebuild under the
    // mouse would drop the click a user is making (a search answer lands at any time).
    var key = JSON.stringify(shown.map(function (s) { return [s.slug, s.name, s.active]; }));
    if (list.getAttribute('data-key') === key) {
      list.querySelectorAll('button.service-item').forEach(function (b) {
        if (b.getAttribute('data-slug') === open) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      });
      return;
    }
    list.setAttribute('data-key', key);
    clear(list);
    shown.forEach(function (s) {
      var li = el('li');
      var b = el('button', 'service-item');
      b.type = 'button';
      b.setAttribute('data-slug', s.slug);
      b.appendChild(el('span', 'item-name', s.name));
      b.appendChild(el('span', 'item-slug', s.slug));
      if (!s.active) b.appendChild(el('span', 'badge badge-deleted', '已删除'));
      if (s.slug === open) b.setAttribute('aria-current', 'true');
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

  /* ---------- wiring ---------- */
  function init() {
    $('service-search').addEventListener('input', function () {
      // Busy from the keystroke until the answer for the last one is shown.
      $('service-list').setAttribute('aria-busy', 'true');
      clearTimeout(searchTimer);
      searchTimer = setTimeout(loadList, 200);
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
  }

  A.services = { loadList: loadList, renderList: renderList, openService: openService,
                 fillForm: fillForm, collectForm: collectForm, showConflict: showConflict };
  A.section({ init: init, show: function () { showEmpty(); loadList(); } });
})();
