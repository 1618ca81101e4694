/* 吉速问 usage analytics (/admin/analytics). Plain JS; charts are SVG built with
 * createElementNS, all data rendered with textContent (CSP script-src 'self', no libraries).
 * Uses the token the /admin page stored in sessionStorage ("jisuwen.admin").
 *
 * Stable element ids: #need-login, #login-link, #analytics-section, #range-form, #from, #to,
 *   #range-apply, #range-7 / #range-30 / #range-90, #csv-link, #range-error, #message,
 *   #range-used (the range the server used, in the catalog's timezone),
 *   #kpi-messages, #kpi-conversations, #kpi-fallback-rate, #kpi-satisfaction, #kpi-copy-rate
 *   (each rate with its sample size: "100.0%（5 条评价）"),
 *   #chart-daily (svg.chart-daily), #chart-top (svg.chart-top, rect.bar[data-slug]),
 *   #unanswered-list (li[data-count]), #satisfaction-table, #days-table, #services-table,
 *   #user-info, #logout-btn
 */
(function () {
  'use strict';

  var STORE_KEY = 'jisuwen.admin';
  var TZ_ZH = { 'Asia/Shanghai': '北京时间', 'Asia/Urumqi': '乌鲁木齐时间' };
  var SVG = 'http://www.w3.org/2000/svg';
  var auth = null;
  var seq = 0;
  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, clear = D.clear, showMessage = D.showMessage;

  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, String(attrs[k])); });
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function pct(rate) { return rate === null || rate === undefined ? '—' : (rate * 100).toFixed(1) + '%'; }
  /* A rate with the count it rests on: "100.0%（5 条评价）" — 100 % of 5 is not 100 % of 500. */
  function rateOf(rate, n, unit) { return pct(rate) + '（' + n + ' ' + unit + '）'; }

  function needLogin(text) {
    sessionStorage.removeItem(STORE_KEY);
    auth = null;
    $('analytics-section').hidden = true;
    $('topnav').hidden = true;
    $('need-login').hidden = false;
    if (text) showMessage('info', text);
  }

  function get(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + auth.token }, cache: 'no-store' })
      .then(function (r) {
        if (r.status === 401) {
          needLogin('登录已过期，请重新登录。');
          throw new Error('401');
        }
        return r;
      });
  }

  function query() {
    return 'from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value);
  }

  /* params: '' (the server's default range), 'days=N' or query(). The server picks missing
   * dates in the catalog's timezone (not this browser's clock); the inputs then show its range. */
  function load(params) {
    var mine = ++seq;
    $('range-error').textContent = '';
    get('/api/admin/analytics' + (params ? '?' + params : '')).then(function (r) {
      return r.json().then(function (body) {
        if (mine !== seq) return;
        if (r.status === 200) {
          $('message').hidden = true;
          $('from').value = body.from;
          $('to').value = body.to;
          updateCsvHref();
          $('range-used').textContent = '统计范围：' + body.from + ' 至 ' + body.to + '（共' +
            body.days.length + '天，' + (TZ_ZH[body.timezone] || body.timezone) + '）';
          render(body);
        } else if (r.status === 422) {
          var f = body.fields || {};
          $('range-error').textContent = Object.keys(f).map(function (k) { return f[k]; }).join('；') ||
            '日期有误';
        } else if (r.status === 403) {
          showMessage('error', '使用统计需要编辑或管理员权限。');
        } else {
          showMessage('error', (body && body.detail) || '加载失败（' + r.status + '）');
        }
      });
    }).catch(function (e) {
      if (e.message !== '401') showMessage('error', '无法连接服务器，请稍后再试。');
    });
  }

  /* ---------- charts ---------- */
  function niceMax(v) {
    if (v <= 5) return 5;
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= v) return steps[i] * p;
    return 10 * p;
  }

  function dailyChart(days) {
    var W = 720, H = 260, L = 44, R = 12, T = 12, B = 34;
    var box = $('chart-daily');
    clear(box);
    var s = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart-daily' });
    var max = niceMax(Math.max.apply(null, days.map(function (d) {
      return Math.max(d.messages, d.conversations);
    }).concat([1])));
    var n = days.length;
    var x = function (i) { return L + (n <= 1 ? (W - L - R) / 2 : i * (W - L - R) / (n - 1)); };
    var y = function (v) { return T + (H - T - B) * (1 - v / max); };
    for (var g = 0; g <= 5; g++) {
      var v = max * g / 5;
      s.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: g ? 'grid' : 'axis' }));
      s.appendChild(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' },
        Math.round(v * 10) / 10));
    }
    var every = Math.max(1, Math.ceil(n / 8));
    days.forEach(function (d, i) {
      if ((n - 1 - i) % every === 0) {  // counted from the end: the last day is labelled
        s.appendChild(svg('text', { x: x(i), y: H - 12, 'text-anchor': 'middle', class: 'tick' },
          String(d.date).slice(5)));
      }
    });
    ['messages', 'conversations', 'fallbacks'].forEach(function (key) {
      var pts = days.map(function (d, i) { return x(i).toFixed(1) + ',' + y(d[key]).toFixed(1); });
      if (n > 1) s.appendChild(svg('polyline', { points: pts.join(' '), class: 'line-' + key }));
    });
    days.forEach(function (d, i) {  // hover targets with the day's figures
      var dot = svg('circle', { cx: x(i), cy: y(d.messages), r: n > 60 ? 2 : 3, class: 'dot' });
      dot.appendChild(svg('title', {}, d.date + '：消息 ' + d.messages + '，会话 ' + d.conversations +
        '，未能回答 ' + d.fallbacks));
      s.appendChild(dot);
    });
    box.appendChild(s);
  }

  function topChart(top) {
    var box = $('chart-top');
    clear(box);
    if (!top.length) {
      box.appendChild(el('p', 'hint', '所选时间内没有数据。'));
      return;
    }
    var W = 480, rowH = 28, LBL = 170, H = top.length * rowH + 8;
    var s = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart-top' });
    var max = Math.max.apply(null, top.map(function (t) { return t.count; }));
    top.forEach(function (t, i) {
      var yTop = 4 + i * rowH;
      var name = t.name.length > 12 ? t.name.slice(0, 12) + '…' : t.name;
      var label = svg('text', { x: LBL - 8, y: yTop + 17, 'text-anchor': 'end', class: 'bar-label' }, name);
      label.appendChild(svg('title', {}, t.name));
      s.appendChild(label);
      var w = Math.max(2, (W - LBL - 50) * t.count / max);
      var bar = svg('rect', { x: LBL, y: yTop + 4, width: w.toFixed(1), height: rowH - 10, class: 'bar',
                              'data-slug': t.slug });
      bar.appendChild(svg('title', {}, t.name + '：' + t.count + '次'));
      s.appendChild(bar);
      s.appendChild(svg('text', { x: LBL + w + 6, y: yTop + 17, class: 'bar-label' }, t.count));
    });
    box.appendChild(s);
  }

  /* ---------- tables ---------- */
  function row(cells) {
    var tr = el('tr');
    cells.forEach(function (c) {
      var td = el('td', typeof c === 'number' || /^[\d.]+%?$|^—$/.test(String(c)) ? 'num' : '', c);
      tr.appendChild(td);
    });
    return tr;
  }

  function fillTable(id, rows) {
    var tbody = $(id).querySelector('tbody');
    clear(tbody);
    rows.forEach(function (cells) { tbody.appendChild(row(cells)); });
    if (!rows.length) {
      var tr = el('tr');
      var td = el('td', 'hint', '没有数据');
      td.colSpan = $(id).querySelectorAll('th').length;
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
  }

  function kpiRate(id, rate, sample) {
    var box = $(id);
    clear(box);
    box.appendChild(document.createTextNode(pct(rate)));
    box.appendChild(el('span', 'kpi-sample', '（' + sample + '）'));
  }

  function render(data) {
    var t = data.totals;
    $('kpi-messages').textContent = t.messages;
    $('kpi-conversations').textContent = t.conversations;
    kpiRate('kpi-fallback-rate', t.fallback_rate, t.messages + ' 条消息');
    kpiRate('kpi-satisfaction', t.satisfaction_rate, (t.satisfied + t.unsatisfied) + ' 条评价');
    kpiRate('kpi-copy-rate', t.copy_rate, t.assist_requests + ' 次坐席检索');
    $('kpi-handoffs').textContent = t.handoffs;
    $('kpi-no-match').textContent = t.no_match;
    dailyChart(data.days);
    topChart(data.top_services);

    var ol = $('unanswered-list');
    clear(ol);
    data.unanswered.forEach(function (c) {
      var li = el('li');
      li.setAttribute('data-count', String(c.count));
      li.appendChild(el('strong', '', c.text));
      li.appendChild(el('span', '', '（' + c.count + '次）'));
      var others = c.examples.filter(function (e) { return e !== c.text; });
      if (others.length) li.appendChild(el('div', 'unanswered-examples', '相似问法：' + others.join(' / ')));
      ol.appendChild(li);
    });
    if (!data.unanswered.length) ol.appendChild(el('li', 'hint', '没有未能回答的问题。'));

    fillTable('satisfaction-table', data.satisfaction.map(function (s) {
      return [s.name, s.satisfied, s.unsatisfied,
              rateOf(s.satisfaction_rate, s.satisfied + s.unsatisfied, '条评价')];
    }));
    fillTable('days-table', data.days.map(function (d) {
      return [d.date, d.messages, d.conversations, d.fallbacks,
              rateOf(d.fallback_rate, d.messages, '条消息'),
              d.assist_requests, d.assist_copies];
    }));
    fillTable('services-table', data.services.map(function (s) {
      return [s.name, s.asked, s.satisfied, s.unsatisfied,
              rateOf(s.satisfaction_rate, s.satisfied + s.unsatisfied, '条评价'),
              s.assist_suggested, s.assist_copies];
    }));
  }

  /* ---------- CSV download (needs the Authorization header, so not a plain link) ---------- */
  function downloadCsv(ev) {
    ev.preventDefault();
    get('/api/admin/analytics.csv?' + query()).then(function (r) {
      if (r.status !== 200) {
        return r.json().then(function (body) {
          var f = (body && body.fields) || {};
          $('range-error').textContent = Object.keys(f).map(function (k) { return f[k]; }).join('；') ||
            (body && body.detail) || '下载失败';
        });
      }
      var name = (/filename="([^"]+)"/.exec(r.headers.get('content-disposition') || '') || [])[1] ||
        'analytics.csv';
      return r.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el('a');
        a.href = url;
        a.download = name;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      });
    }).catch(function () { /* 401 handled in get() */ });
  }

  function updateCsvHref() { $('csv-link').setAttribute('href', '/api/admin/analytics.csv?' + query()); }

  function init() {
    $('logout-btn').addEventListener('click', function () { needLogin('已退出登录。'); });
    $('range-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      updateCsvHref();
      load(query());
    });
    document.querySelectorAll('.range-quick').forEach(function (b) {
      b.addEventListener('click', function () {
        load('days=' + encodeURIComponent(b.getAttribute('data-days')));
      });
    });
    ['from', 'to'].forEach(function (id) { $(id).addEventListener('change', updateCsvHref); });
    $('csv-link').addEventListener('click', downloadCsv);

    auth = D.loadAuth(STORE_KEY);
    if (!auth) {
      needLogin('');
      return;
    }
    $('need-login').hidden = true;
    $('analytics-section').hidden = false;
    $('topnav').hidden = false;
    $('user-info').textContent = auth.username;
    load('');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
