/* 吉速问 admin: the editor of every figure the bot states — 办理时限, 收费, 所需材料, 备注 — each
 * with its 第N条, its basis (《行动方案》 or a later decision: 文件名称 and 日期) and an optional
 * scheduled change (调整后的数值 from a 生效日期, on a decision).
 *
 * window.AdminFigures:
 *   mount(box, kind)            builds the fieldset for one list (kind: time_limits | fees |
 *                               materials | notes) inside box (#figures-<kind>)
 *   fill(box, list, canEdit)    shows a record's list (rows as the API returns them)
 *   collect(box)                the list as the API takes it (PATCH / POST body)
 * Error paths follow the API's: "time_limits.0.change.effective" shows under that input (the
 * page's showFieldErrors finds .field-error[data-error-for]). Plain JS, no innerHTML. */
(function () {
  'use strict';

  var D = window.JisuwenDom;
  var el = D.el, str = D.str, clear = D.clear;
  var UNITS = ['工作日', '日', '小时'];
  var PLAN_TASKS = 172;
  var SPEC = {
    time_limits: { legend: '办理时限', add: '添加时限', limit: true, maxKw: true },
    fees: { legend: '收费', add: '添加收费', text: '收费说明' },
    materials: { legend: '所需材料', add: '添加材料', text: '材料' },
    notes: { legend: '备注', add: '添加备注', text: '备注', maxKw: true }
  };
  var seq = 0;

  function cnDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(iso));
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : str(iso);
  }

  function docName(doc) { doc = str(doc); return doc.indexOf('《') >= 0 ? doc : '《' + doc + '》'; }

  function limitWords(amount, unit) {
    return D.limitText({ amount: amount, unit: unit });
  }

  /* One labelled input with its error line: <div.fig-field><span>caption</span><input><p>. */
  function field(caption, input, key, cls) {
    var id = 'fig-' + (++seq);
    var box = el('div', 'fig-field' + (cls ? ' ' + cls : ''));
    var label = el('label', 'fig-cap', caption);
    label.htmlFor = id;
    input.id = id;
    box.appendChild(label);
    box.appendChild(input);
    var err = el('p', 'field-error');
    err.setAttribute('data-error-key', key);
    box.appendChild(err);
    return box;
  }

  function input(cls, value, type) {
    var n = el('input', cls);
    if (type) n.type = type;
    n.value = str(value);
    return n;
  }

  function numberInput(cls, value, min, max) {
    var n = input(cls, value, 'number');
    n.min = String(min);
    n.max = String(max);
    n.step = '1';
    n.inputMode = 'numeric';
    return n;
  }

  function unitSelect(cls, value) {
    var sel = el('select', cls);
    UNITS.concat(value && UNITS.indexOf(value) < 0 ? [value] : []).forEach(function (u) {
      var o = el('option', '', u);
      o.value = u;
      sel.appendChild(o);
    });
    sel.value = value || '工作日';
    return sel;
  }

  function numberOrNull(v) {
    v = str(v).trim();
    return v === '' ? null : Number(v);
  }

  function q(row, cls) { return row.querySelector('.' + cls); }

  /* The basis: 《行动方案》第N条 (the figure's item) or a later decision with its date. */
  function basisPart(b) {
    b = b || {};
    var part = el('div', 'fig-basis');
    var kind = el('select', 'b-kind');
    [['plan', '《行动方案》'], ['decision', '后续决定（文件）']].forEach(function (p) {
      var o = el('option', '', p[1]);
      o.value = p[0];
      kind.appendChild(o);
    });
    kind.value = b.kind === 'decision' ? 'decision' : 'plan';
    part.appendChild(field('依据', kind, 'basis.kind', 'fig-kind'));
    var doc = input('b-document', b.document);
    doc.maxLength = 200;
    doc.placeholder = '如：昌吉州关于…的通知';
    part.appendChild(field('文件名称', doc, 'basis.document', 'fig-wide b-decision'));
    part.appendChild(field('文件日期', input('b-date', b.date, 'date'), 'basis.date',
      'b-decision'));
    return part;
  }

  /* A change decided now that applies from its 生效日期. */
  function changePart(spec, c) {
    var part = el('div', 'fig-change');
    var on = el('input', 'c-on');
    on.type = 'checkbox';
    on.checked = !!c;
    var toggle = el('label', 'check fig-toggle');
    toggle.appendChild(on);
    toggle.appendChild(el('span', '', '已决定调整（按生效日期启用）'));
    part.appendChild(toggle);
    var body = el('div', 'fig-change-body');
    c = c || {};
    if (spec.limit) {
      body.appendChild(field('调整为', numberInput('c-amount', c.amount, 1, 365), 'change.amount',
        'fig-narrow'));
      body.appendChild(field('单位', unitSelect('c-unit', c.unit), 'change.unit', 'fig-narrow'));
    } else {
      var text = el('textarea', 'c-text');
      text.rows = 2;
      text.maxLength = 500;
      text.value = str(c.text);
      body.appendChild(field('调整为', text, 'change.text', 'fig-wide'));
    }
    body.appendChild(field('生效日期', input('c-effective', c.effective, 'date'), 'change.effective'));
    var doc = input('c-document', c.document);
    doc.maxLength = 200;
    body.appendChild(field('依据文件名称', doc, 'change.document', 'fig-wide'));
    body.appendChild(field('文件日期', input('c-date', c.date, 'date'), 'change.date'));
    part.appendChild(body);
    return part;
  }

  /* What the bot will cite for this figure, and the change to come: shown to every role. */
  function summary(row) {
    var spec = SPEC[row._kind];
    var item = q(row, 'f-item').value;
    var decision = q(row, 'b-kind').value === 'decision';
    var s = '机器人答复依据：' + (decision ?
      docName(q(row, 'b-document').value) + (q(row, 'b-date').value ?
        '（' + cnDate(q(row, 'b-date').value) + '）' : '') :
      '《行动方案》' + (item ? '第' + item + '条' : '（事项引用的条目）'));
    if (q(row, 'c-on').checked) {
      var next = spec.limit ? limitWords(q(row, 'c-amount').value, q(row, 'c-unit').value) :
        q(row, 'c-text').value.trim();
      s += '；自' + (cnDate(q(row, 'c-effective').value) || '（生效日期）') + '起调整为' +
        (next || '（新的内容）');
    }
    return s;
  }

  function refresh(row) {
    var decision = q(row, 'b-kind').value === 'decision';
    row.querySelectorAll('.b-decision').forEach(function (n) { n.hidden = !decision; });
    q(row, 'fig-change-body').hidden = !q(row, 'c-on').checked;
    q(row, 'fig-summary').textContent = summary(row);
  }

  function buildRow(kind, f) {
    var spec = SPEC[kind];
    f = f || {};
    var row = el('div', 'fig-row');
    row._kind = kind;
    var main = el('div', 'fig-main');
    if (spec.limit) {
      main.appendChild(field('时限', numberInput('f-amount', f.amount, 1, 365), 'amount',
        'fig-narrow'));
      main.appendChild(field('单位', unitSelect('f-unit', f.unit), 'unit', 'fig-narrow'));
      var cond = input('f-condition', f.condition);
      cond.maxLength = 60;
      cond.placeholder = '可空，如：居民';
      main.appendChild(field('适用条件', cond, 'condition', 'fig-mid'));
      var kw = input('f-keywords', (f.keywords || []).join('、'));
      kw.placeholder = '用户怎么说这种情况，用“、”分隔';
      main.appendChild(field('条件关键词', kw, 'keywords', 'fig-wide'));
    } else {
      var text = el('textarea', 'f-text');
      text.rows = 2;
      text.maxLength = 500;
      text.value = str(f.text);
      main.appendChild(field(spec.text, text, 'text', 'fig-wide'));
    }
    main.appendChild(field('第N条', numberInput('f-item', f.item, 1, PLAN_TASKS), 'item',
      'fig-narrow'));
    if (spec.maxKw) {
      main.appendChild(field('适用于≤kW', numberInput('f-max-kw', f.max_kw, 1, 100000), 'max_kw',
        'fig-narrow'));
    }
    row.appendChild(main);
    row.appendChild(basisPart(f.basis));
    row.appendChild(changePart(spec, f.change));
    var foot = el('div', 'fig-foot');
    foot.appendChild(el('p', 'fig-summary'));
    var remove = el('button', 'btn btn-small row-remove', '删除');
    remove.type = 'button';
    remove.setAttribute('aria-label', '删除此' + spec.legend);
    foot.appendChild(remove);
    var rowErr = el('p', 'field-error row-error');
    foot.appendChild(rowErr);
    row.appendChild(foot);
    row.addEventListener('input', function () { refresh(row); });
    row.addEventListener('change', function () { refresh(row); });
    refresh(row);
    return row;
  }

  function renumber(box) {
    var kind = box.getAttribute('data-kind');
    Array.prototype.forEach.call(box.querySelectorAll('.fig-row'), function (row, i) {
      row.querySelectorAll('[data-error-key]').forEach(function (p) {
        p.setAttribute('data-error-for', kind + '.' + i + '.' + p.getAttribute('data-error-key'));
      });
      q(row, 'row-error').setAttribute('data-error-for', kind + '.' + i);
    });
  }

  function addRow(box, f) {
    q(box, 'fig-rows').appendChild(buildRow(box.getAttribute('data-kind'), f));
    renumber(box);
  }

  function mount(box, kind) {
    var spec = SPEC[kind];
    box.setAttribute('data-kind', kind);
    var fs = el('fieldset', 'rows-field figures');
    fs.appendChild(el('legend', '', spec.legend));
    fs.appendChild(el('div', 'fig-rows'));
    var err = el('p', 'field-error');
    err.setAttribute('data-error-for', kind);
    fs.appendChild(err);
    var add = el('button', 'btn btn-small fig-add', spec.add);
    add.type = 'button';
    add.addEventListener('click', function () {
      addRow(box, null);
      box.dispatchEvent(new Event('input', { bubbles: true }));  // the form is now dirty
      var rows = box.querySelectorAll('.fig-row');
      var first = rows[rows.length - 1].querySelector('input, textarea');
      if (first) first.focus();
    });
    fs.appendChild(add);
    box.appendChild(fs);
    box.addEventListener('click', function (ev) {
      var b = ev.target.closest('.row-remove');
      if (!b || !box.contains(b)) return;
      b.closest('.fig-row').remove();
      renumber(box);
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  function fill(box, list, canEdit) {
    var rows = q(box, 'fig-rows');
    clear(rows);
    (list || []).forEach(function (f) { addRow(box, f); });
    box.querySelectorAll('input, select, textarea').forEach(function (n) { n.disabled = !canEdit; });
    box.querySelectorAll('.row-remove, .fig-add').forEach(function (b) { b.hidden = !canEdit; });
  }

  function words(text) {
    return str(text).split(/[、，,;；\s]+/).map(function (w) { return w.trim(); })
      .filter(Boolean);
  }

  function collectRow(row) {
    var spec = SPEC[row._kind];
    var out = spec.limit ? {
      amount: numberOrNull(q(row, 'f-amount').value),
      unit: q(row, 'f-unit').value,
      condition: q(row, 'f-condition').value.trim() || null,
      keywords: words(q(row, 'f-keywords').value)
    } : { text: q(row, 'f-text').value.trim() };
    out.item = numberOrNull(q(row, 'f-item').value);
    out.max_kw = spec.maxKw ? numberOrNull(q(row, 'f-max-kw').value) : null;
    var decision = q(row, 'b-kind').value === 'decision';
    out.basis = decision ? {
      kind: 'decision', document: q(row, 'b-document').value.trim() || null,
      date: q(row, 'b-date').value || null
    } : { kind: 'plan', document: null, date: null };
    out.change = null;
    if (q(row, 'c-on').checked) {
      out.change = spec.limit ?
        { amount: numberOrNull(q(row, 'c-amount').value), unit: q(row, 'c-unit').value } :
        { text: q(row, 'c-text').value.trim() };
      // an empty date input sends null: the API names the field that is missing
      out.change.effective = q(row, 'c-effective').value || null;
      out.change.document = q(row, 'c-document').value.trim();
      out.change.date = q(row, 'c-date').value || null;
    }
    return out;
  }

  function collect(box) {
    return Array.prototype.map.call(box.querySelectorAll('.fig-row'), collectRow);
  }

  /* One figure in a line, for history and conflicts: "5个工作日（依据《…》（2026年11月20日）；自
   * 2027年1月1日起调整为2个工作日）"; a figure on the plan with no change is its value alone. */
  function describe(kind, f) {
    f = f || {};
    var value = SPEC[kind] && SPEC[kind].limit ?
      (f.condition ? f.condition : '') + limitWords(f.amount, f.unit) : str(f.text);
    var extra = [];
    var b = f.basis || {};
    if (b.kind === 'decision') {
      extra.push('依据' + docName(b.document) + (b.date ? '（' + cnDate(b.date) + '）' : ''));
    }
    var c = f.change;
    if (c) {
      extra.push('自' + cnDate(c.effective) + '起调整为' +
        (SPEC[kind].limit ? limitWords(c.amount, c.unit) : str(c.text)));
    }
    return value + (extra.length ? '（' + extra.join('；') + '）' : '');
  }

  window.AdminFigures = Object.freeze({
    mount: mount, fill: fill, collect: collect, describe: describe, kinds: SPEC
  });
})();
