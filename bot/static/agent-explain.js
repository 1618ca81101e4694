/* 12345 agent console: the life-event checklist and the "依据与候选" (why these suggestions)
 * section, from /api/assist's `life_event` and `explain`. Loaded before agent.js, which calls
 * window.JisuwenAgentExplain.render(data, suggestions). Server data goes in as textContent only.
 *
 * - #checklist: when the call is a life event (开饭馆要办哪些手续), the checklist the agent reads
 *   out: each step's service, 时限 and 第N条, with a copy button for the whole script.
 * - #related: the other matters the caller's situation touches (第N条), under the suggestions.
 * - #explain: a <details> (collapsed; Enter/Space on its summary opens it): the search's
 *   candidates with their scores and how they matched, the services asked together, and per
 *   suggested service the plan's clauses that address the caller's words (第N条). */
(function () {
  'use strict';

  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, str = D.str, list = D.list;
  var KIND = { name: '名称', alias: '别名', pinyin: '拼音', bm25: '文本检索' };

  function score(v) {
    var n = Number(v);
    return isFinite(n) ? n.toFixed(2) : '';
  }

  /* The words that matched; "≈0.19": no shared word, only the example questions' similarity. */
  function matchedText(v) {
    var m = /^≈(\d*\.?\d+)$/.exec(str(v));
    return m ? '相似问法 ' + m[1] : str(v);
  }

  /* ---------- the life-event checklist ---------- */
  /* A checklist step; brief (a related matter: service or plan area and 第N条, no time limit —
   * its full line is in the script) leaves the time limit out. */
  function stepItem(step, i, brief) {
    var li = el('li', 'step');
    li.setAttribute('data-slug', str(step.slug));
    if (step.item) li.setAttribute('data-item', str(step.item));
    li.appendChild(el('span', 'step-no', String(i + 1)));
    var body = el('span', 'step-body');
    body.appendChild(el('span', 'step-name', str(step.name) || str(step.slug)));
    var limit = str(step.time_limit);
    var cond = str(step.condition);
    if (!brief) {
      body.appendChild(el('span', limit ? 'step-limit' : 'step-limit is-none',
        limit ? (cond ? cond + '：' : '') + limit : '方案未规定时限'));
    }
    // step.basis: 第N条, or the later decision the step's time limit rests on
    var ref = str(step.basis) || (step.item ? '第' + str(step.item) + '条' : '');
    if (ref) body.appendChild(el('span', 'item-ref step-item', ref));
    if (step.note) body.appendChild(el('span', 'step-note', str(step.note)));
    li.appendChild(body);
    return li;
  }

  function renderChecklist(event) {
    var box = $('checklist');
    var steps = event && Array.isArray(event.steps) ? event.steps : [];
    box.hidden = !event;
    $('console').classList.toggle('is-checklist', !!event);
    if (!event) return;
    $('checklist-name').textContent = str(event.name);
    var ol = $('checklist-steps');
    ol.textContent = '';
    steps.forEach(function (s, i) { ol.appendChild(stepItem(s || {}, i)); });
    $('checklist-script').textContent = str(event.script);
  }

  /* The other matters the caller's situation touches (life_event.related), listed compactly
   * under the suggestions; the script carries their lines after the checklist. */
  function renderRelated(event) {
    var related = event && Array.isArray(event.related) ? event.related : [];
    var box = $('related');
    box.hidden = !related.length;
    var ol = $('related-steps');
    ol.textContent = '';
    related.forEach(function (r, i) { ol.appendChild(stepItem(r || {}, i, true)); });
  }

  /* ---------- 依据与候选 ---------- */
  function heading(text) { return el('h4', 'explain-h', text); }

  function candidatesTable(cands, suggested) {
    var table = el('table', 'explain-table');
    table.appendChild(el('caption', 'sr-only', '检索候选及得分'));
    var head = el('tr');
    ['事项', '得分', '匹配方式', '命中'].forEach(function (h) {
      var th = el('th', '', h);
      th.scope = 'col';
      head.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el('tbody');
    cands.forEach(function (c) {
      var tr = el('tr');
      tr.setAttribute('data-slug', str(c.slug));
      if (suggested[str(c.slug)]) tr.className = 'is-suggested';
      var name = el('td', 'cand-cell');
      name.appendChild(el('span', '', str(c.name) || str(c.slug)));
      if (suggested[str(c.slug)]) name.appendChild(el('span', 'tag', '已推荐'));
      tr.appendChild(name);
      tr.appendChild(el('td', 'num', score(c.score)));
      tr.appendChild(el('td', '', KIND[str(c.kind)] || str(c.kind)));
      tr.appendChild(el('td', 'matched', matchedText(c.matched)));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    return table;
  }

  function evidenceList(evidence, suggestions) {
    var box = el('div', 'evidence');
    var without = [];
    suggestions.forEach(function (entry) {
      var svc = entry.data.service || {};
      var slug = str(svc.slug);
      var clauses = Array.isArray(evidence[slug]) ? evidence[slug] : [];
      if (!clauses.length) { without.push(str(svc.name) || slug); return; }
      var group = el('section', 'evidence-group');
      group.setAttribute('data-slug', slug);
      group.appendChild(el('h5', 'evidence-name', str(svc.name) || slug));
      clauses.forEach(function (c) {
        var p = el('p', 'clause');
        p.appendChild(el('span', 'citation-ref', '第' + str(c.item) + '条'));
        p.appendChild(el('span', 'clause-text', str(c.text)));
        group.appendChild(p);
      });
      box.appendChild(group);
    });
    if (without.length) {
      // Words such as 要办哪些手续 match no clause: the card's (or checklist's) 第N条 stands.
      box.appendChild(el('p', 'muted evidence-none', without.join('、') +
        '：来电字词没有直接对应的条款，依据见' + (without.length === suggestions.length
          ? '清单与卡片' : '卡片') + '上的第N条。'));
    }
    return box;
  }

  function renderExplain(explain, suggestions) {
    var box = $('explain');
    var body = $('explain-body');
    body.textContent = '';
    if (!explain || !suggestions.length) { box.hidden = true; return; }
    var suggested = {};
    var names = {};
    suggestions.forEach(function (e) {
      var svc = e.data.service || {};
      suggested[str(svc.slug)] = true;
      names[str(svc.slug)] = str(svc.name);
    });
    var cands = Array.isArray(explain.candidates) ? explain.candidates : [];
    body.appendChild(heading('检索候选（得分 0–1，越高越像来电所问）'));
    body.appendChild(cands.length ? candidatesTable(cands, suggested)
      : el('p', 'muted', '检索没有候选；推荐来自话语中的事项名称或办事清单'));
    var several = list(explain.several);
    if (several.length) {
      body.appendChild(heading('来电点名询问的事项'));
      var chips = el('p', 'chips explain-several');
      several.forEach(function (slug) { chips.appendChild(el('span', 'chip', names[slug] || slug)); });
      body.appendChild(chips);
    }
    body.appendChild(heading('方案依据（与来电字词最相关的条款）'));
    body.appendChild(evidenceList(explain.evidence || {}, suggestions));
    box.hidden = false;
  }

  window.JisuwenAgentExplain = Object.freeze({
    render: function (data, suggestions) {
      renderChecklist(data && data.life_event);
      renderRelated(data && data.life_event);
      renderExplain(data && data.explain, suggestions || []);
    },
    clear: function () {
      renderChecklist(null);
      renderRelated(null);
      renderExplain(null, []);
    }
  });
})();
