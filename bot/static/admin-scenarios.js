/* 吉速问 admin: scenarios (life events, “一件事”): list, create, edit, delete.
 *
 * A scenario is an ordered list of existing services; the bot answers "我想开个饭馆，要办哪些
 * 手续" with each service's time limit and 第N条 from the catalog. The server refuses unknown
 * services and figures in the scenario's texts (422, shown next to the fields) and stale
 * versions (409: reload the current one).
 *
 * Stable element ids (for browser tests):
 *   scenarios  #scenarios, #scenario-count, #new-scenario-btn,
 *              #scenario-list > li > button.scenario-item[data-slug],
 *              #scenario-form, #scenario-edit-title, #scenario-version, #s-slug, #s-name,
 *              #s-aliases, #s-description, #s-services, #s-services-preview,
 *              #scenario-save-btn, #scenario-cancel-btn, #scenario-delete-btn,
 *              #scenario-conflict, #scenario-conflict-text, #scenario-reload-btn, #scenario-error
 */
(function () {
  'use strict';

  var A = window.JisuwenAdmin;
  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, clear = D.clear, showMessage = D.showMessage;
  var api = A.api, lines = A.lines, detailText = A.detailText, showFieldErrors = A.showFieldErrors;

  var scn = { list: [], current: null, isNew: false, names: null };

  // slug → service name, for the preview of the linked services. Loaded when the section shows
  // and again whenever a form opens (a service may have been added since); until a load has
  // succeeded the preview names no service unknown.
  function loadNames() {
    return api('GET', '/services').then(function (r) {
      if (r.status !== 200) return;
      scn.names = {};
      r.body.forEach(function (s) { if (s.active) scn.names[s.slug] = s.name; });
      renderPreview();
    });
  }

  function loadList(select) {
    return api('GET', '/scenarios').then(function (r) {
      if (r.status !== 200) return;
      scn.list = r.body;
      $('scenario-count').textContent = '（' + r.body.length + '）';
      var ul = $('scenario-list');
      clear(ul);
      r.body.forEach(function (s) {
        var li = el('li');
        var b = el('button', 'service-item scenario-item');
        b.type = 'button';
        b.setAttribute('data-slug', s.slug);
        b.appendChild(el('span', 'item-name', s.name));
        b.appendChild(el('span', 'item-slug', s.slug + ' · ' + s.services.length + '项'));
        if (scn.current && scn.current.slug === s.slug) b.setAttribute('aria-current', 'true');
        li.appendChild(b);
        ul.appendChild(li);
      });
      if (!r.body.length) ul.appendChild(el('li', 'empty', '暂无场景'));
      if (select) open(select);
    });
  }

  function servicesText(links) {
    return links.map(function (l) { return l.note ? l.slug + ' ' + l.note : l.slug; }).join('\n');
  }

  function parseServices(text) {
    return lines(text).map(function (line) {
      var m = /^(\S+)\s*(.*)$/.exec(line);
      return { slug: m[1], note: m[2].trim() };
    });
  }

  function renderPreview() {
    var ol = $('s-services-preview');
    clear(ol);
    parseServices($('s-services').value).forEach(function (l) {
      var note = l.note ? '（' + l.note + '）' : '';
      if (!scn.names) { ol.appendChild(el('li', 'pending', l.slug + note)); return; }
      var name = scn.names[l.slug];
      ol.appendChild(el('li', name ? '' : 'unknown', name ? name + note :
        l.slug + '：没有这个事项'));
    });
  }

  function clearErrors() {
    var form = $('scenario-form');
    form.querySelectorAll('.field-error').forEach(function (p) { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (n) {
      n.removeAttribute('aria-invalid');
    });
    $('scenario-error').hidden = true;
    $('scenario-conflict').hidden = true;
  }

  function fill(s) {
    scn.current = s;
    scn.isNew = !s;
    clearErrors();
    var form = $('scenario-form');
    form.hidden = false;
    $('scenario-edit-title').textContent = s ? s.name : '新建场景';
    $('scenario-version').textContent = s ? '第' + s.version + '版' : '';
    $('s-slug').value = s ? s.slug : '';
    $('s-slug').readOnly = !!s;
    $('s-name').value = s ? s.name : '';
    $('s-aliases').value = s ? s.aliases.join('\n') : '';
    $('s-description').value = s ? s.description : '';
    $('s-services').value = s ? servicesText(s.services) : '';
    $('scenario-delete-btn').hidden = !s || !A.hasRole('editor');
    var readOnly = !A.hasRole('editor');
    ['s-name', 's-aliases', 's-description', 's-services'].forEach(function (id) {
      $(id).disabled = readOnly;
    });
    renderPreview();
    loadNames();
    document.querySelectorAll('#scenario-list .scenario-item').forEach(function (b) {
      b.setAttribute('aria-current', s && b.getAttribute('data-slug') === s.slug ? 'true' :
        'false');
    });
  }

  function open(slug) {
    api('GET', '/scenarios/' + encodeURIComponent(slug)).then(function (r) {
      if (r.status === 200) fill(r.body);
      else if (r.status) showMessage('error', detailText(r.body, '读取失败（' + r.status + '）'));
    });
  }

  function body() {
    var b = {
      name: $('s-name').value.trim(),
      aliases: lines($('s-aliases').value),
      description: $('s-description').value.trim(),
      services: parseServices($('s-services').value)
    };
    if (scn.isNew) b.slug = $('s-slug').value.trim();
    else b.version = scn.current.version;
    return b;
  }

  function onSave(ev) {
    ev.preventDefault();
    clearErrors();
    var isNew = scn.isNew;
    var req = isNew ? api('POST', '/scenarios', { json: body() }) :
      api('PATCH', '/scenarios/' + encodeURIComponent(scn.current.slug), { json: body() });
    req.then(function (r) {
      if (r.status === 200 || r.status === 201) {
        showMessage('ok', (isNew ? '已新建场景 ' : '已保存场景 ') + r.body.name + '（第' +
          r.body.version + '版），机器人的下一次答复即按新内容。');
        fill(r.body);
        loadList();
      } else if (r.status === 422) {
        showFieldErrors($('scenario-form'), r.body && r.body.fields, $('scenario-error'));
        if (!(r.body && r.body.fields)) {
          $('scenario-error').textContent = detailText(r.body, '输入有误');
          $('scenario-error').hidden = false;
        }
      } else if (r.status === 409) {
        conflict(r.body);
      } else if (r.status) {
        showMessage('error', detailText(r.body, '保存失败（' + r.status + '）'));
      }
    });
  }

  function conflict(b) {
    var cur = b && b.current;
    $('scenario-conflict-text').textContent = cur ?
      '保存失败：该场景已被他人修改，现在是第' + cur.version + '版。您的修改未保存。' :
      detailText(b, '保存失败：版本冲突。');
    $('scenario-conflict').hidden = false;
  }

  function onDelete() {
    var b = $('scenario-delete-btn');
    if (!scn.current) return;
    if (!b.hasAttribute('data-confirm')) {  // two clicks instead of a confirm() dialog
      b.setAttribute('data-confirm', '1');
      b.textContent = '确认删除';
      return;
    }
    var s = scn.current;
    api('DELETE', '/scenarios/' + encodeURIComponent(s.slug) + '?version=' + s.version)
      .then(function (r) {
        b.removeAttribute('data-confirm');
        b.textContent = '删除场景';
        if (r.status === 204) {
          showMessage('ok', '已删除场景 ' + s.name + '（修改记录保留全部内容）。');
          close();
          loadList();
        } else if (r.status === 409) {
          conflict(r.body);
        } else if (r.status) {
          showMessage('error', detailText(r.body, '删除失败（' + r.status + '）'));
        }
      });
  }

  function close() {
    scn.current = null;
    $('scenario-form').hidden = true;
    document.querySelectorAll('#scenario-list .scenario-item').forEach(function (b) {
      b.setAttribute('aria-current', 'false');
    });
  }

  A.section({
    init: function () {
      $('scenario-list').addEventListener('click', function (ev) {
        var b = ev.target.closest('.scenario-item');
        if (b) open(b.getAttribute('data-slug'));
      });
      $('new-scenario-btn').addEventListener('click', function () { fill(null); });
      $('scenario-form').addEventListener('submit', onSave);
      $('scenario-cancel-btn').addEventListener('click', close);
      $('scenario-delete-btn').addEventListener('click', onDelete);
      $('scenario-reload-btn').addEventListener('click', function () {
        if (scn.current) open(scn.current.slug);
      });
      $('s-services').addEventListener('input', renderPreview);
    },
    show: function () { loadList(); loadNames(); },
    logout: function () { close(); }
  });
  A.scenarios = { load: loadList, open: open };
})();
