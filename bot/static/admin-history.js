/* 吉速问 admin: the history (audit rows) of the open service.
 *
 * Stable element ids (for browser tests):
 *   history    #history, #history-list > li.history-item (data-action, data-version)
 */
(function () {
  'use strict';

  var A = window.JisuwenAdmin;
  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, clear = D.clear;
  var state = A.state, when = A.when, summarize = A.summarize;
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

  A.history = { load: loadHistory };
})();
