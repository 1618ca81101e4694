/* 吉速问 admin (/admin): the inbox of missed questions (待学习问题) and a service's example
 * questions (例句). A section of admin-core.js (JisuwenAdmin.section); plain JS, no inline code
 * (CSP script-src 'self'); server data is rendered with textContent only.
 *
 * Stable element ids (for browser tests):
 *   inbox     #inbox (section), #inbox-count, #inbox-refresh-btn, #inbox-days,
 *             #inbox-list > li.inbox-cluster[data-ids] (.inbox-text, .inbox-count, .inbox-kind,
 *               select.inbox-service, button.inbox-assign | .inbox-oos | .inbox-dismiss,
 *               details > ul > li.inbox-question[data-ids] with the same three buttons)
 *             #inbox-empty
 *   examples  #examples (section, shown with a service open), #examples-title, #examples-count,
 *             #examples-list > li.example-item[data-id][data-version] > button.example-remove,
 *             #example-form, #example-text, #example-add-btn, #example-error,
 *             #examples-export-btn, #examples-import-file, #examples-import-dry-run-btn,
 *             #examples-import-apply-btn, #examples-import-report
 */
(function () {
  'use strict';

  var A = window.JisuwenAdmin;
  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, str = D.str, clear = D.clear;
  var KIND_ZH = { fallback: '未听懂', out_of_scope: '超出范围', unsatisfied: '不满意',
    nomatch: '坐席无匹配' };
  var SOURCE_ZH = { seed: '初始', staff: '人工添加', inbox: '待学习问题', import: '导入' };
  var services = [];       // [{slug, name}] of active services, for the assign menus
  var openSlug = null;     // the service open in the editor (examples card)
  var importText = null;

  function canEdit() { return A.hasRole('editor'); }

  /* A.api, resolving to the body of a 2xx answer and rejecting with the message otherwise. */
  function api(method, path, body, raw) {
    var opts = raw !== undefined ? { raw: raw, contentType: 'application/x-yaml' }
      : body !== undefined ? { json: body } : {};
    return A.api(method, path, opts).then(function (r) {
      if (r.status >= 200 && r.status < 300) return r.body;
      // A 422 names the field's problem in `fields` (bot/validation_zh.py): show that.
      var fields = r.body && r.body.fields ? Object.keys(r.body.fields).map(function (k) {
        return str(r.body.fields[k]);
      }).join('；') : '';
      var err = new Error(fields || A.detailText(r.body, '请求失败（' + r.status + '）'));
      err.status = r.status;
      err.body = r.body;
      throw err;
    });
  }

  function changed() {
    if (A.training) A.training.refresh();  // the model is stale now: say so at once
  }

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? str(iso) : d.toLocaleString('zh-CN', { hour12: false });
  }

  /* ---------- inbox ---------- */

  function loadServices() {
    return api('GET', '/services').then(function (list) {
      services = list.filter(function (s) { return s.active; })
        .map(function (s) { return { slug: s.slug, name: s.name }; });
    });
  }

  function serviceSelect() {
    var sel = el('select', 'inbox-service');
    sel.setAttribute('aria-label', '归入事项');
    sel.appendChild(el('option', null, '选择事项…')).value = '';
    services.forEach(function (s) {
      var o = el('option', null, s.name);
      o.value = s.slug;
      sel.appendChild(o);
    });
    return sel;
  }

  function actionButtons(ids, select, primary) {
    var box = el('span', 'inbox-actions');
    var assign = el('button', 'btn btn-small inbox-assign' + (primary ? ' btn-primary' : ''),
      primary ? '整组归入' : '归入');
    var oos = el('button', 'btn btn-small inbox-oos', '超出范围');
    var dismiss = el('button', 'btn btn-small inbox-dismiss', '忽略');
    [assign, oos, dismiss].forEach(function (b) { b.type = 'button'; box.appendChild(b); });
    assign.title = '这些问题成为所选事项的例句，搜索立即生效';
    oos.title = '作为“超出范围”的训练例句';
    dismiss.title = '从列表中移除';
    assign.addEventListener('click', function () {
      if (!select.value) {
        D.showMessage('error', '请先选择要归入的事项');
        select.focus();
        return;
      }
      act('assign', ids, select.value, box);
    });
    oos.addEventListener('click', function () { act('out-of-scope', ids, null, box); });
    dismiss.addEventListener('click', function () { act('dismiss', ids, null, box); });
    return box;
  }

  function idsOf(node) {
    return str(node.getAttribute('data-ids')).split(',').map(Number).filter(Boolean);
  }

  function act(action, ids, slug, box) {
    box.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    var body = { ids: ids };
    if (slug) body.slug = slug;
    api('POST', '/inbox/' + action, body).then(function (out) {
      var name = (services.filter(function (s) { return s.slug === out.slug; })[0] || {}).name;
      var text = action === 'assign'
        ? '已归入“' + str(name || out.slug) + '”：' + out.examples_added.length +
          '条成为例句，搜索立即生效；重新训练后机器人也能识别'
        : action === 'out-of-scope' ? '已标为超出范围（' + out.handled + '条），重新训练后生效'
          : '已忽略' + out.handled + '条';
      if (out.skipped) text += '；' + out.skipped + '条过长或含特殊字符，未作为例句';
      D.showMessage('ok', text);
      changed();
      loadInbox();
    }).catch(function (err) {
      D.showMessage('error', err.message);
      if (err.status === 409) loadInbox();
      else box.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
    });
  }

  function kindBadges(kinds) {
    var box = el('span', 'inbox-kinds');
    Object.keys(kinds || {}).forEach(function (k) {
      var b = el('span', 'badge inbox-kind', (KIND_ZH[k] || k) + ' ' + kinds[k]);
      b.setAttribute('data-kind', k);
      box.appendChild(b);
    });
    return box;
  }

  function renderInbox(data) {
    var list = $('inbox-list');
    clear(list);
    $('inbox-count').textContent = '（' + data.total + '次提问，' + data.clusters.length + '组）';
    $('inbox-empty').hidden = data.clusters.length > 0;
    var editor = canEdit();
    data.clusters.forEach(function (c) {
      var li = el('li', 'inbox-cluster');
      li.setAttribute('data-ids', c.ids.join(','));
      var head = el('div', 'inbox-head');
      head.appendChild(el('span', 'inbox-text', c.text));
      head.appendChild(el('span', 'badge inbox-count', c.count + '次'));
      li.appendChild(head);
      var meta = el('div', 'inbox-meta');
      meta.appendChild(kindBadges(c.kinds));
      meta.appendChild(el('span', 'hint', '最近：' + when(c.latest_at)));
      li.appendChild(meta);
      var select = serviceSelect();
      if (editor) {
        var row = el('div', 'inbox-row');
        row.appendChild(select);
        row.appendChild(actionButtons(c.ids, select, true));
        li.appendChild(row);
      }
      var details = el('details', 'inbox-details');
      details.appendChild(el('summary', null, '本组' + c.questions.length + '个问法'));
      var ul = el('ul', 'inbox-questions');
      c.questions.forEach(function (q) {
        var qi = el('li', 'inbox-question');
        qi.setAttribute('data-ids', q.ids.join(','));
        qi.appendChild(el('span', 'inbox-qtext', q.text));
        qi.appendChild(el('span', 'hint', ' ×' + q.count));
        if (q.answered_slug) qi.appendChild(el('span', 'hint', ' 当时回答：' + q.answered_slug));
        if (editor) qi.appendChild(actionButtons(q.ids, select, false));
        ul.appendChild(qi);
      });
      details.appendChild(ul);
      li.appendChild(details);
      list.appendChild(li);
    });
  }

  function loadInbox() {
    var days = Number($('inbox-days').value) || 30;
    return api('GET', '/inbox?days=' + days).then(renderInbox).catch(function (err) {
      D.showMessage('error', '待学习问题加载失败：' + err.message);
    });
  }

  /* ---------- a service's example questions ---------- */

  function renderExamples(list) {
    var ul = $('examples-list');
    clear(ul);
    $('examples-count').textContent = '（' + list.length + '）';
    var editor = canEdit();
    list.forEach(function (e) {
      var li = el('li', 'example-item');
      li.setAttribute('data-id', e.id);
      li.setAttribute('data-version', e.version);
      li.appendChild(el('span', 'example-text', e.text));
      li.appendChild(el('span', 'badge example-source', SOURCE_ZH[e.source] || e.source));
      if (editor) {
        var rm = el('button', 'btn btn-small btn-danger example-remove', '删除');
        rm.type = 'button';
        rm.setAttribute('aria-label', '删除例句：' + e.text);
        rm.addEventListener('click', function () {
          rm.disabled = true;
          api('DELETE', '/examples/' + e.id + '?version=' + e.version).then(function () {
            D.showMessage('ok', '例句已删除，搜索立即生效；重新训练后机器人也不再学它');
            changed();
            loadExamples();
          }).catch(function (err) { D.showMessage('error', err.message); loadExamples(); });
        });
        li.appendChild(rm);
      }
      ul.appendChild(li);
    });
  }

  function loadExamples() {
    if (!openSlug) return Promise.resolve();
    var slug = openSlug;
    return api('GET', '/services/' + encodeURIComponent(slug) + '/examples').then(function (l) {
      if (slug === openSlug) renderExamples(l);
    }).catch(function (err) { D.showMessage('error', '例句加载失败：' + err.message); });
  }

  function showExamplesFor(slug) {
    if (slug === openSlug) return;
    openSlug = slug;
    $('examples').hidden = !slug;
    $('example-error').textContent = '';
    if (slug) loadExamples();
  }

  function addExample(ev) {
    ev.preventDefault();
    var input = $('example-text');
    $('example-error').textContent = '';
    input.removeAttribute('aria-invalid');
    api('POST', '/services/' + encodeURIComponent(openSlug) + '/examples',
      { text: input.value }).then(function () {
      input.value = '';
      D.showMessage('ok', '例句已添加，搜索立即生效；重新训练后机器人也能识别');
      changed();
      loadExamples();
    }).catch(function (err) {
      $('example-error').textContent = err.message;
      input.setAttribute('aria-invalid', 'true');
    });
  }

  function exportExamples() {
    api('GET', '/examples/export').then(function (text) {
      var a = el('a');
      a.href = URL.createObjectURL(new Blob([text], { type: 'application/x-yaml' }));
      a.download = 'examples.yaml';
      document.body.appendChild(a);
      a.click();
      a.remove();
    }).catch(function (err) { D.showMessage('error', err.message); });
  }

  function reportText(r) {
    var n = function (o) { return Object.keys(o).reduce(function (s, k) { return s + o[k]; }, 0); };
    return '新增' + n(r.added) + '条，改属' + n(r.moved) + '条，未变' + r.unchanged + '条' +
      (r.applied ? '（已导入）' : '（预览，尚未导入）');
  }

  function importExamples(apply) {
    if (importText === null) return;
    api('POST', '/examples/import' + (apply ? '?apply=true' : ''), undefined, importText)
      .then(function (r) {
        $('examples-import-report').textContent = reportText(r);
        var changes = Object.keys(r.added).length + Object.keys(r.moved).length;
        $('examples-import-apply-btn').disabled = apply || changes === 0;
        if (apply) {
          importText = null;
          changed();
          loadExamples();
        }
      }).catch(function (err) {
        var errors = (err.body && err.body.report && err.body.report.errors) || [];
        $('examples-import-report').textContent = err.message + (errors.length
          ? '：' + errors.slice(0, 5).map(function (e) { return str(e.message); }).join('；') : '');
        $('examples-import-apply-btn').disabled = true;
      });
  }

  /* ---------- wiring ---------- */

  /* The service open in the editor (admin-services.js), or null (none, or a new one). */
  function currentSlug() {
    var cur = A.state.current;
    return cur && !A.state.isNew && !$('service-form').hidden ? cur.slug : null;
  }

  function init() {
    $('inbox-refresh-btn').addEventListener('click', loadInbox);
    $('inbox-days').addEventListener('change', loadInbox);
    $('example-form').addEventListener('submit', addExample);
    $('examples-export-btn').addEventListener('click', exportExamples);
    $('examples-import-file').addEventListener('change', function () {
      var f = this.files && this.files[0];
      $('examples-import-apply-btn').disabled = true;
      $('examples-import-report').textContent = '';
      if (!f) { importText = null; $('examples-import-dry-run-btn').disabled = true; return; }
      f.text().then(function (t) {
        importText = t;
        $('examples-import-dry-run-btn').disabled = false;
      });
    });
    $('examples-import-dry-run-btn').addEventListener('click', function () { importExamples(false); });
    $('examples-import-apply-btn').addEventListener('click', function () { importExamples(true); });
    // The examples card follows the service editor: shown with a service open.
    new MutationObserver(function () { showExamplesFor(currentSlug()); })
      .observe($('service-form'), { attributes: true, attributeFilter: ['hidden'] });
    new MutationObserver(function () { showExamplesFor(currentSlug()); })
      .observe($('edit-title'), { childList: true, characterData: true, subtree: true });
  }

  A.examples = { load: loadExamples };
  A.section({
    init: init,
    show: function () { loadServices().then(loadInbox); showExamplesFor(currentSlug()); },
    logout: function () { openSlug = null; clear($('inbox-list')); }
  });
})();
