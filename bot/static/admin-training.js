/* 吉速问 admin: is the bot's NLU model behind the catalog; the background retrain.
 *
 * Stable element ids (for browser tests):
 *   training   #training-status (data-state="stale" | "fresh" | "unknown"), #training-changes,
 *              #retrain-btn (.btn-primary only when stale), #training-job (data-state="running" | "succeeded" | "failed"),
 *              #training-step, #training-progress (<progress> 0..5), #training-log
 */
(function () {
  'use strict';

  var A = window.JisuwenAdmin;
  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, str = D.str, clear = D.clear, showMessage = D.showMessage;
  var state = A.state, when = A.when, detailText = A.detailText, api = A.api;
  var POLL_MS = 2000;
  var STEPS = ['queued', 'gen-nlu', 'train', 'load', 'mark', 'done'];
  var STEP_ZH = {
    queued: '排队中', 'gen-nlu': '生成 NLU 数据', train: '训练模型（几分钟）',
    load: '加载到机器人（不停机）', mark: '记录训练版本', done: '完成'
  };
  var pollTimer = null;

  function describeChange(c) {
    var parts = [];
    if (c.name_before) parts.push('原名：' + c.name_before);
    if (c.aliases_added && c.aliases_added.length) parts.push('新增别名：' + c.aliases_added.join('、'));
    if (c.aliases_removed && c.aliases_removed.length) {
      parts.push('删除别名：' + c.aliases_removed.join('、'));
    }
    // Example questions: counts only (a never-trained catalog lists thousands).
    if (c.examples_added && c.examples_added.length) parts.push('新增例句' + c.examples_added.length + '条');
    if (c.examples_removed && c.examples_removed.length) {
      parts.push('删除例句' + c.examples_removed.length + '条');
    }
    var kind = { added: '新增', removed: '删除', changed: '修改' }[c.kind] || c.kind;
    return kind + '：' + str(c.name) + (parts.length ? '（' + parts.join('；') + '）' : '');
  }

  function refreshTraining() {
    if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
    if (!state.auth) return;
    api('GET', '/training').then(function (r) {
      if (r.status !== 200) return;
      renderTraining(r.body);
      if (r.body.job.state === 'running') pollTimer = setTimeout(refreshTraining, POLL_MS);
    });
  }

  function renderTraining(t) {
    var status = $('training-status');
    status.setAttribute('data-state', t.stale ? 'stale' : 'fresh');
    status.textContent = t.stale ?
      '名称、别名或例句已修改，需要重新训练，机器人才能识别新说法' +
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
    // The primary (blue) button only when the model is behind the catalog.
    $('retrain-btn').classList.toggle('btn-primary', !!t.stale);
  }

  function onRetrain() {
    $('retrain-btn').disabled = true;
    api('POST', '/training').then(function (r) {
      if (r.status === 202) {
        showMessage('info', '已开始重新训练，期间机器人照常服务。');
        renderTraining(r.body);
        pollTimer = setTimeout(refreshTraining, POLL_MS);
      } else if (r.status === 409) {
        showMessage('info', detailText(r.body, '已有训练在进行。'));
        refreshTraining();
      } else if (r.status) {
        $('retrain-btn').disabled = false;
        showMessage('error', detailText(r.body, '无法开始训练（' + r.status + '）'));
      }
    });
  }

  A.training = { refresh: refreshTraining };
  A.section({
    init: function () { $('retrain-btn').addEventListener('click', onRetrain); },
    show: refreshTraining,
    logout: function () { if (pollTimer) clearTimeout(pollTimer); }
  });
})();
