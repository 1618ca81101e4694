/* 吉速问 admin: export the catalog (YAML / CSV) and import a file, previewed first.
 *
 * Stable element ids (for browser tests):
 *   transfer   #export-yaml-btn, #export-csv-btn, #import-file, #import-dry-run-btn,
 *              #import-apply-btn, #import-report
 */
(function () {
  'use strict';

  var A = window.JisuwenAdmin;
  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, clear = D.clear, showMessage = D.showMessage;
  var state = A.state, detailText = A.detailText, api = A.api, FIELD_ZH = A.FIELD_ZH;
  var importText = null;
  var importFormat = null;

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
    importText = null;
    $('import-apply-btn').disabled = true;
    $('import-dry-run-btn').disabled = true;
    clear($('import-report'));
    if (!file) return;
    importFormat = /\.csv$/i.test(file.name) ? 'csv' : 'yaml';
    file.text().then(function (text) {
      importText = text;
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
    if (importText === null) return null;
    var type = importFormat === 'csv' ? 'text/csv; charset=utf-8' :
      'application/x-yaml; charset=utf-8';
    return api('POST', '/import?format=' + importFormat + '&apply=' + apply,
               { raw: importText, contentType: type });
  }

  function onDryRun() {
    var req = importRequest(false);
    if (!req) return;
    req.then(function (r) {
      renderReport(r, false);
      // Nothing to apply (0 new, 0 changed): 确认导入 stays disabled.
      var changes = r.status === 200 ?
        r.body.created.length + Object.keys(r.body.updated || {}).length : 0;
      $('import-apply-btn').disabled = !changes;
      if (r.status === 200 && !changes) {
        $('import-report').appendChild(el('p', 'hint', '文件与当前目录相同，无需导入。'));
      }
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
        A.services.loadList();
        A.training.refresh();
        if (state.current && !state.isNew) A.services.openService(state.current.slug);
      }
    });
  }

  A.section({
    init: function () {
      $('export-yaml-btn').addEventListener('click', function () {
        download('/export?format=yaml', 'catalog.yaml');
      });
      $('export-csv-btn').addEventListener('click', function () {
        download('/export?format=csv', 'catalog.csv');
      });
      $('import-file').addEventListener('change', onImportFile);
      $('import-dry-run-btn').addEventListener('click', onDryRun);
      $('import-apply-btn').addEventListener('click', onApply);
    }
  });
})();
