/* 吉速问 admin: the history (audit rows) of the open service.
 *
 * Stable element ids (for browser tests):
 *   history    #history, #history-list > li.history-item (data-action, data-version)
 *              > button.restore-version-btn (editor+, not on the current version; click twice:
 *              the first click asks "确认恢复到第N版？")
 */
(function () {
  'use strict';

  var A = window.JisuwenAdmin;
  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, clear = D.clear, showMessage = D.showMessage;
  var state = A.state, when = A.when, summarize = A.summarize, detailText = A.detailText;
  var ACTION_ZH = A.ACTION_ZH, FIELD_ZH = A.FIELD_ZH, api = A.api;

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
        if (A.hasRole('editor') && e.version < state.current.version) {
          var b = el('button', 'btn btn-small restore-version-btn', '恢复到此版本');
          b.type = 'button';
          b.setAttribute('data-version', String(e.version));
          head.appendChild(b);
        }
        if (e.action !== 'create') {
          var ul = el('ul', 'history-changes');
          Object.keys(e.changes || {}).forEach(function (f) {
            var c = e.changes[f];
            if (f === 'restored_from') {
              ul.appendChild(el('li', 'change-restored', '内容恢复为第' + c.after + '版'));
              return;
            }
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

  function resetRestoreButtons(except) {
    $('history-list').querySelectorAll('.restore-version-btn[data-confirm]').forEach(function (b) {
      if (b === except) return;
      b.removeAttribute('data-confirm');
      b.textContent = '恢复到此版本';
    });
  }

  /* Two clicks (no blocking confirm() dialog): the first asks, the second restores version n
   * as a new version, sending the version on screen (409 if someone changed it meanwhile). */
  function onHistoryClick(ev) {
    var b = ev.target.closest('.restore-version-btn');
    if (!b || !state.current) return;
    var n = Number(b.getAttribute('data-version'));
    if (state.dirty) {
      showMessage('info', '当前事项有未保存的修改：请先保存，或点击“放弃修改”，再恢复历史版本。');
      return;
    }
    resetRestoreButtons(b);
    if (!b.hasAttribute('data-confirm')) {
      b.setAttribute('data-confirm', '1');
      b.textContent = '确认恢复到第' + n + '版？';
      return;
    }
    b.disabled = true;
    var s = state.current;
    api('POST', '/services/' + encodeURIComponent(s.slug) + '/versions/' + n +
        '/restore?version=' + s.version).then(function (r) {
      b.disabled = false;
      if (r.status === 200) {
        A.services.fillForm(r.body, false);
        showMessage('ok', r.body.version === s.version ? '内容与第' + n + '版相同，无需恢复。' :
          '已恢复到第' + n + '版的内容，保存为第' + r.body.version + '版。公开接口和机器人答复已更新。');
        loadHistory(r.body.slug);
        A.services.loadList();
        A.training.refresh();
      } else if (r.status === 409 && r.body && r.body.current) {
        var draft = A.services.collectForm();
        draft.version = s.version;
        A.services.showConflict(r.body, draft);
      } else if (r.status === 422) {
        var f = (r.body && r.body.fields) || {};
        showMessage('error', '无法恢复：' + (Object.keys(f).map(function (k) { return f[k]; })
          .join('；') || detailText(r.body, '数据有误')));
      } else if (r.status) {
        showMessage('error', detailText(r.body, '恢复失败（' + r.status + '）'));
      }
    });
  }

  A.history = { load: loadHistory };
  A.section({
    init: function () { $('history-list').addEventListener('click', onHistoryClick); }
  });
})();
