/* 12345 hotline agent console. No dependencies, no inline code (CSP script-src 'self').
 * Every piece of server data is rendered with textContent / attributes, never innerHTML.
 * /api/assist needs a staff login (role agent or above): the login form (#agent-login-form)
 * exchanges username and password at /api/admin/login for a bearer token kept in
 * sessionStorage ("jisuwen.agent"); a 401 shows the form again. */
(function () {
  'use strict';

  var DEBOUNCE_MS = 250;
  var MAX_CHARS = 4000;
  var TIMEOUT_MS = 15000;
  var UNREACHABLE = '坐席助手服务暂时无法连接，请稍后再试；可先按服务目录或知识库答复。';
  var QUESTION_LABEL = {
    overview: '事项概况', time_limit: '办理时限', due_date: '办结日期', channel: '办理渠道',
    materials: '所需材料', fee: '收费', department: '负责部门', howto: '怎么办', policy: '政策依据'
  };

  var STORE_KEY = 'jisuwen.agent';
  var state = {
    auth: null,        // {token, username, role, expires_at}
    seq: 0,            // id of the newest request issued
    ctl: null,         // AbortController of the request in flight
    timer: null,
    query: '',         // the text the shown suggestions were computed for
    suggestions: [],   // [{rank, data}]
    topIndex: 0,       // index into suggestions of the card shown on top
    lifeEvent: null    // the response's life_event (its checklist script), or null
  };

  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, str = D.str, list = D.list, limitText = D.limitText;
  var detailOf = D.detailOf;
  var X = window.JisuwenAgentExplain; // the checklist and 依据与候选: agent-explain.js
  var input, status, meta, topCard, others, othersWrap, emptyState, copyBtn, charCount;
  var LISTEN = '信息不足，请继续听';

  /* ---------- helpers (el, str, list, limitText, detailOf: dom.js) ---------- */
  function percent(c) {
    var n = Number(c);
    if (!isFinite(n)) n = 0;
    return Math.max(0, Math.min(100, Math.round(n * 100)));
  }
  function level(p) { return p >= 80 ? 'high' : p >= 50 ? 'mid' : 'low'; }
  function levelText(p) { return p >= 80 ? '高' : p >= 50 ? '中' : '低'; }

  function setStatus(kind, text) {
    status.setAttribute('data-state', kind);
    status.textContent = text;
  }

  /* ---------- confidence bar ---------- */
  function fillConfidence(box, confidence) {
    var p = percent(confidence);
    box.classList.remove('level-high', 'level-mid', 'level-low');
    box.classList.add('level-' + level(p));
    box.querySelector('.conf-fill').style.width = p + '%';
    box.querySelector('.conf-value').textContent = (p === 0 ? '<1' : p) + '%（' + levelText(p) + '）';
    box.setAttribute('title', '匹配度 ' + p + '%');
  }

  function confidenceBox(confidence) {
    var box = el('span', 'cand-conf');
    box.appendChild(el('span', '', '匹配度'));
    var bar = el('span', 'conf-bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.appendChild(el('span', 'conf-fill'));
    box.appendChild(bar);
    box.appendChild(el('span', 'conf-value'));
    fillConfidence(box, confidence);
    return box;
  }

  /* ---------- top card ---------- */
  function fact(dl, label, content) {
    dl.appendChild(el('dt', '', label));
    var dd = el('dd');
    if (typeof content === 'string') dd.textContent = content;
    else dd.appendChild(content);
    dl.appendChild(dd);
  }

  // A figure resting on a later decision names that decision (文件名称（日期）), not the
  // plan's 第N条 it replaced.
  function decisionText(b) {
    var doc = str(b.document);
    if (doc && doc.indexOf('《') < 0) doc = '《' + doc + '》';
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(b.date));
    return doc + (m ? '（' + m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日）' : '');
  }

  function limitRef(tl) {
    if (!tl) return '';
    if (tl.basis && tl.basis.kind === 'decision' && tl.basis.document) return decisionText(tl.basis);
    return tl.item ? '第' + str(tl.item) + '条' : '';
  }

  // The card's basis from the server (《行动方案（2023—2025年）》第N条 and/or a later decision),
  // as the widget shows it; the plan's 第N条 only for an older server without the field.
  function basisOf(s) {
    var cit = s.citation || {};
    return str(s.basis) || (cit.item ? '《行动方案》第' + str(cit.item) + '条' : '');
  }

  function limitsList(limits) {
    var ul = el('ul');
    limits.forEach(function (tl) {
      var li = el('li');
      if (tl && tl.condition) li.appendChild(el('span', 'limit-cond', str(tl.condition) + '：'));
      li.appendChild(el('span', 'limit-amount', limitText(tl)));
      var ref = limitRef(tl);
      if (ref) li.appendChild(el('span', 'item-ref', ref));
      ul.appendChild(li);
    });
    return ul;
  }

  function dueList(dues) {
    var ul = el('ul');
    dues.forEach(function (d) {
      var li = el('li');
      if (d.condition) li.appendChild(el('span', 'limit-cond', str(d.condition) + '：'));
      li.appendChild(el('span', 'due-text', str(d.text) || str(d.date)));
      var note = str(d.note);
      if (!note && d.calendar_known === false) note = '当年节假日安排尚未公布，按常规工作日推算';
      if (note) li.appendChild(el('span', 'due-note', note));
      ul.appendChild(li);
    });
    return ul;
  }

  function chips(values, lead) {
    var box = el('span', 'chips');
    if (lead) box.appendChild(el('span', 'chip lead', '牵头：' + lead));
    values.forEach(function (v) { box.appendChild(el('span', 'chip', v)); });
    return box;
  }

  function renderTop(entry) {
    var s = entry.data;
    var svc = s.service || {};
    topCard.setAttribute('data-slug', str(svc.slug));
    topCard.setAttribute('data-rank', String(entry.rank));
    $('top-rank').textContent = entry.rank === 1 ? '首选' : '候选' + entry.rank;
    $('top-name').textContent = str(svc.name) || str(svc.slug);
    $('top-category').textContent = '';
    fillConfidence($('top-confidence'), s.confidence);
    $('top-answer').textContent = str(s.answer) || LISTEN;
    $('top-answer').classList.toggle('is-listen', !s.answer);
    resetCopyButton(copyBtn, '复制话术');
    copyBtn.disabled = !s.answer;

    var dl = $('top-facts');
    dl.textContent = '';
    var limits = Array.isArray(s.time_limits) ? s.time_limits : [];
    fact(dl, '办理时限', limits.length ? limitsList(limits)
      : el('span', 'muted', '《行动方案》未规定具体时限，以受理窗口告知为准'));
    var dues = Array.isArray(s.due_dates) && s.due_dates.length ? s.due_dates
      : (s.due_date ? [s.due_date] : []);
    if (dues.length) {
      var dueBox = el('div');
      dueBox.appendChild(el('span', 'muted', '按今天受理推算：'));
      dueBox.appendChild(dueList(dues));
      fact(dl, '最晚办结', dueBox);
    }
    var depts = list(s.departments);
    if (depts.length || s.lead_unit) fact(dl, '责任单位', chips(depts, str(s.lead_unit)));
    var channels = list(s.channels);
    fact(dl, '办理渠道', channels.length ? channels.join('、')
      : el('span', 'muted', '方案未写明（可引导到政务服务大厅综合窗口）'));
    var fees = list(s.fees);
    fact(dl, '收费', fees.length ? fees.join('；') : el('span', 'muted', '方案未作规定'));
    var cit = s.citation || {};
    var basis = basisOf(s);
    if (basis) {
      var c = el('span');
      c.appendChild(el('span', 'citation-ref', basis));
      if (cit.text) c.appendChild(el('span', 'citation-text', str(cit.text)));
      fact(dl, '政策依据', c);
    }
    topCard.hidden = false;
  }

  /* ---------- candidates ---------- */
  function renderOthers() {
    others.textContent = '';
    state.suggestions.forEach(function (entry, i) {
      if (i === state.topIndex) return;
      var s = entry.data;
      var svc = s.service || {};
      var card = el('article', 'candidate');
      card.setAttribute('data-slug', str(svc.slug));
      card.setAttribute('data-rank', String(entry.rank));

      var main = el('button', 'candidate-main');
      main.type = 'button';
      main.setAttribute('aria-label', '设为首选：' + str(svc.name));
      main.setAttribute('aria-keyshortcuts', 'Alt+' + entry.rank);
      main.appendChild(el('span', 'cand-key', 'Alt+' + entry.rank));
      main.appendChild(el('span', 'cand-name', str(svc.name) || str(svc.slug)));
      var limits = Array.isArray(s.time_limits) ? s.time_limits : [];
      var line = limits.length ? '时限：' + limits.map(function (tl) {
        return (tl.condition ? str(tl.condition) + ' ' : '') + limitText(tl);
      }).join('；') : '方案未规定具体时限';
      main.appendChild(el('span', 'cand-line', line));
      var basis = basisOf(s);
      if (basis) main.appendChild(el('span', 'cand-line', '依据：' + basis));
      main.appendChild(confidenceBox(s.confidence));
      card.appendChild(main);

      var tools = el('div', 'candidate-tools');
      var copy = el('button', 'btn btn-plain copy-candidate', '复制话术');
      copy.type = 'button';
      copy.setAttribute('aria-label', '复制“' + str(svc.name) + '”的话术');
      copy.addEventListener('click', function (ev) {
        ev.stopPropagation();
        copyScript(entry, copy, '复制话术');
      });
      copy.disabled = !s.answer; // below the floor: 信息不足, nothing to read out
      tools.appendChild(copy);
      card.appendChild(tools);

      card.addEventListener('click', function () { promote(i); });
      others.appendChild(card);
    });
    othersWrap.hidden = state.suggestions.length < 2;
  }

  function promote(i) {
    if (i === state.topIndex || !state.suggestions[i]) return;
    state.topIndex = i;
    renderTop(state.suggestions[i]);
    renderOthers();
    copyBtn.focus();
  }

  function showSuggestions(data, query) {
    var list_ = data && Array.isArray(data.suggestions) ? data.suggestions : [];
    state.query = query;
    state.suggestions = list_.map(function (s, i) { return { rank: i + 1, data: s || {} }; });
    state.topIndex = 0;
    state.lifeEvent = (data && data.life_event) || null;
    renderWorkorder(data);
    if (data && data.status === 'greeting') { showGreeting(); return; }
    X.render(data, state.suggestions);
    resetCopyButton($('copy-checklist-btn'), '复制清单话术');
    if (!state.suggestions.length) {
      topCard.hidden = true;
      othersWrap.hidden = true;
      others.textContent = '';
      emptyState.hidden = true;
      setStatus('none', '没有找到匹配的服务事项。请追问来电人具体要办什么业务（如开公司、用水报装、用电报装、注销）。');
      meta.hidden = true;
      return;
    }
    emptyState.hidden = true;
    renderTop(state.suggestions[0]);
    renderOthers();
    if (data.status === 'listen') {
      setStatus('none', LISTEN + '：还听不出来电人要办哪项业务，下面是可能的事项。');
    } else if (state.lifeEvent) {
      setStatus('ok', '来电问“' + str(state.lifeEvent.name) + '”要办哪些手续：请按办事清单答复。');
    } else {
      setStatus('ok', '找到' + state.suggestions.length + '个匹配事项，首选：' +
        str(state.suggestions[0].data.service && state.suggestions[0].data.service.name));
    }
    // The question types asked, in the agent's words (never the NLU's intent names).
    var qs = Array.isArray(data.questions) && data.questions.length ? data.questions
      : (data.question ? [data.question] : []);
    var labels = qs.map(function (q) { return QUESTION_LABEL[q] || ''; }).filter(Boolean);
    meta.textContent = labels.length ? '来电问：' + labels.join('、') : '';
    meta.hidden = !labels.length;
  }

  function showEmpty() {
    state.suggestions = [];
    state.lifeEvent = null;
    state.query = '';
    X.clear();
    topCard.hidden = true;
    othersWrap.hidden = true;
    others.textContent = '';
    emptyState.hidden = false;
    meta.hidden = true;
    renderWorkorder(null);
    setStatus('empty', '请在上方输入或粘贴来电内容，系统会实时推荐匹配的服务事项和答复话术。');
  }

  /* ---------- requests ---------- */
  function request() {
    var text = input.value.trim();
    if (state.ctl) state.ctl.abort();
    state.ctl = null;
    var my = ++state.seq;
    if (!text) { showEmpty(); return; }
    var ctl = typeof AbortController === 'function' ? new AbortController() : null;
    state.ctl = ctl;
    var timedOut = false;
    var timer = setTimeout(function () { timedOut = true; if (ctl) ctl.abort(); }, TIMEOUT_MS);
    setStatus('loading', '正在检索…');
    fetch('/api/assist', {
      method: 'POST',
      headers: authHeaders({ 'Content-Type': 'application/json', 'Accept': 'application/json' }),
      body: JSON.stringify({ text: text }),
      credentials: 'same-origin',
      signal: ctl ? ctl.signal : undefined
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (body) {
        return { status: res.status, ok: res.ok, body: body, retryAfter: res.headers.get('Retry-After') };
      });
    }).then(function (r) {
      clearTimeout(timer);
      if (my !== state.seq) return; // a newer request was issued: this answer is stale
      state.ctl = null;
      if (r.ok) { showSuggestions(r.body, text); return; }
      if (r.status === 401) { showLogin('登录已过期，请重新登录。'); return; }
      var detail = detailOf(r.body);
      if (r.status === 429) {
        var wait = parseInt(r.retryAfter, 10);
        setStatus('error', (detail || '请求过于频繁') + (wait > 0 ? '（约' + wait + '秒后自动重试）' : ''));
        if (wait > 0) schedule(wait * 1000);
      } else if (r.status === 413 || r.status === 422) {
        setStatus('error', detail || '内容有误，请修改后再试');
      } else {
        setStatus('error', UNREACHABLE);
      }
    }, function (err) {
      clearTimeout(timer);
      if (my !== state.seq) return; // aborted because the text changed
      state.ctl = null;
      setStatus('error', timedOut ? '检索超时。' + UNREACHABLE : UNREACHABLE);
      void err;
    });
  }

  function schedule(delay) {
    clearTimeout(state.timer);
    state.timer = setTimeout(request, delay);
  }

  /* ---------- copy ---------- */
  function resetCopyButton(btn, label) {
    clearTimeout(btn._resetTimer);
    btn.textContent = label;
    btn.classList.remove('is-done', 'is-failed');
  }

  function fallbackCopy(text) {
    var active = document.activeElement;
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.top = '-1000px';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    if (active && active.focus) active.focus();
    return ok;
  }

  function writeClipboard(text) {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
      return navigator.clipboard.writeText(text).then(function () { return true; },
        function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function recordCopy(entry) {
    var svc = entry.data.service || {};
    return fetch('/api/assist/copy', {
      method: 'POST',
      headers: authHeaders({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ slug: str(svc.slug), rank: entry.rank, query: state.query.slice(0, MAX_CHARS) }),
      credentials: 'same-origin',
      keepalive: true
    }).catch(function () { /* statistics only: never bother the agent */ });
  }

  function selectScript() {
    var node = $('top-answer');
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function copyScript(entry, btn, label) {
    var text = str(entry.data.answer);
    if (!text) return;
    writeClipboard(text).then(function (ok) {
      resetCopyButton(btn, label);
      if (ok) {
        btn.textContent = '已复制';
        btn.classList.add('is-done');
        setStatus('ok', '已复制“' + str(entry.data.service && entry.data.service.name) + '”的答复话术');
        recordCopy(entry);
      } else {
        btn.textContent = '复制失败';
        btn.classList.add('is-failed');
        if (entry === state.suggestions[state.topIndex]) selectScript();
        setStatus('error', '浏览器不允许自动复制，话术已选中，请按 Ctrl + C 复制。');
      }
      btn._resetTimer = setTimeout(function () { resetCopyButton(btn, label); }, 2000);
    });
  }

  /* ---------- login ---------- */
  function authHeaders(h) {
    if (state.auth) h.Authorization = 'Bearer ' + state.auth.token;
    return h;
  }

  function showConsole() {
    $('agent-login').hidden = true;
    $('console').hidden = false;
    $('agent-user-bar').hidden = false;
    $('agent-user').textContent = '坐席：' + str(state.auth.username);
    if (input.value.trim()) request(); else showEmpty();
    input.focus();
  }

  function showLogin(message) {
    sessionStorage.removeItem(STORE_KEY);
    state.auth = null;
    if (state.ctl) state.ctl.abort();
    state.ctl = null;
    ++state.seq;
    $('console').hidden = true;
    $('agent-user-bar').hidden = true;
    $('agent-login').hidden = false;
    $('agent-password').value = '';
    $('agent-login-error').textContent = message || '';
    $('agent-username').focus();
  }

  function onLogin(ev) {
    ev.preventDefault();
    var username = $('agent-username').value.trim();
    var password = $('agent-password').value;
    var error = $('agent-login-error');
    if (!username || !password) { error.textContent = '请输入用户名和密码。'; return; }
    var submit = $('agent-login-submit');
    submit.disabled = true;
    error.textContent = '';
    fetch('/api/admin/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ username: username, password: password }),
      credentials: 'same-origin'
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (body) {
        return { status: res.status, ok: res.ok, body: body };
      });
    }).then(function (r) {
      submit.disabled = false;
      if (r.ok && r.body && r.body.access_token) {
        state.auth = { token: r.body.access_token, username: r.body.username,
                       role: r.body.role, expires_at: r.body.expires_at };
        sessionStorage.setItem(STORE_KEY, JSON.stringify(state.auth));
        $('agent-password').value = '';
        showConsole();
      } else if (r.status === 401) {
        error.textContent = '用户名或密码错误。';
      } else {
        error.textContent = detailOf(r.body) || ('登录失败（' + r.status + '）');
      }
    }, function () {
      submit.disabled = false;
      error.textContent = UNREACHABLE;
    });
  }

  /* ---------- greeting / work order / 无匹配 / shortcuts ---------- */
  function showGreeting() {
    X.clear();
    topCard.hidden = true;
    othersWrap.hidden = true;
    others.textContent = '';
    emptyState.hidden = true;
    meta.hidden = true;
    setStatus('none', '来电人还在问候，' + LISTEN + '。');
  }

  var WO_FIELDS = [
    ['category', '诉求类型'], ['summary', '来电摘要'], ['services', '涉及事项'],
    ['handling_unit', '承办单位'], ['route', '办理方式'], ['due_date', '办结时限'],
    ['can_close_on_call', '当场办结'], ['reply', '答复口径']
  ];

  function serviceNames(slugs) {
    var names = {};
    state.suggestions.forEach(function (e) {
      var svc = e.data.service || {};
      names[str(svc.slug)] = str(svc.name);
    });
    return list(slugs).map(function (slug) { return names[slug] || slug; });
  }

  function woValue(wo, key) {
    var v = wo[key];
    if (key === 'services') return serviceNames(v).join('、') || '（未识别）';
    if (key === 'can_close_on_call') return v ? '是' : '否';
    // The hotline order's own deadline (HOTLINE_DUE_WORKING_DAYS), not the service's 办理时限 the
    // card shows: an order closed on the call needs none; otherwise say which limit is unset.
    if (key === 'due_date') {
      if (v) return str(v);
      return wo.can_close_on_call ? '当场办结，无需工单时限' : '未配置工单办结时限';
    }
    return str(v) || '（无）';
  }

  function workorderText(wo) {
    return '【12345工单草稿】\n' + WO_FIELDS.map(function (f) {
      return f[1] + '：' + woValue(wo, f[0]);
    }).join('\n');
  }

  function renderWorkorder(data) {
    var box = $('workorder');
    var wo = data && data.workorder;
    state.workorder = wo || null;
    if (!wo) { box.hidden = true; return; }
    var dl = $('wo-fields');
    dl.textContent = '';
    WO_FIELDS.forEach(function (f) {
      if (f[0] === 'reply') return; // the script box shows it
      dl.appendChild(el('dt', '', f[1]));
      var dd = el('dd', 'wo-' + f[0].replace(/_/g, '-'), woValue(wo, f[0]));
      dl.appendChild(dd);
    });
    resetCopyButton($('copy-wo-btn'), '复制工单');
    box.hidden = false;
  }

  function copyWorkorder() {
    var wo = state.workorder;
    var btn = $('copy-wo-btn');
    if (!wo) return;
    writeClipboard(workorderText(wo)).then(function (ok) {
      resetCopyButton(btn, '复制工单');
      btn.textContent = ok ? '已复制' : '复制失败';
      btn.classList.add(ok ? 'is-done' : 'is-failed');
      setStatus(ok ? 'ok' : 'error', ok ? '已复制工单草稿' : '浏览器不允许自动复制工单。');
      var top = state.suggestions[state.topIndex];
      if (ok && top) recordCopy(top);
      btn._resetTimer = setTimeout(function () { resetCopyButton(btn, '复制工单'); }, 2000);
    });
  }

  function copyChecklist() {
    var event = state.lifeEvent;
    var btn = $('copy-checklist-btn');
    if (!event || !event.script) return;
    writeClipboard(str(event.script)).then(function (ok) {
      resetCopyButton(btn, '复制清单话术');
      btn.textContent = ok ? '已复制' : '复制失败';
      btn.classList.add(ok ? 'is-done' : 'is-failed');
      setStatus(ok ? 'ok' : 'error', ok ? '已复制“' + str(event.name) + '”的办事清单话术'
        : '浏览器不允许自动复制，请展开“清单话术全文”后按 Ctrl + C 复制。');
      btn._resetTimer = setTimeout(function () { resetCopyButton(btn, '复制清单话术'); }, 2000);
    });
  }

  function recordNoMatch() {
    var text = input.value.trim();
    var note = $('nomatch-note');
    if (!text) { note.textContent = '请先输入来电内容'; return; }
    fetch('/api/assist/nomatch', {
      method: 'POST',
      headers: authHeaders({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ text: text.slice(0, MAX_CHARS) }),
      credentials: 'same-origin'
    }).then(function (res) {
      if (res.status === 401) { showLogin('登录已过期，请重新登录。'); return; }
      note.textContent = res.ok ? '已记录，待工作人员核实补充' : '记录失败，请稍后再试';
    }, function () { note.textContent = '记录失败，请稍后再试'; });
  }

  /* Alt+1…5 picks a candidate; Ctrl+Enter copies the script, Ctrl+Shift+Enter the work order. */
  function onShortcut(ev) {
    if (ev.altKey && !ev.ctrlKey && /^[1-5]$/.test(ev.key || '')) {
      var rank = Number(ev.key);
      for (var i = 0; i < state.suggestions.length; i++) {
        if (state.suggestions[i].rank === rank) { ev.preventDefault(); promote(i); input.focus(); }
      }
      return;
    }
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && ev.shiftKey) {
      ev.preventDefault();
      copyWorkorder();
    } else if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && ev.target !== input) {
      ev.preventDefault();
      var top = state.suggestions[state.topIndex];
      if (top) copyScript(top, copyBtn, '复制话术');
    }
  }

  function initWorkorderTools() {
    $('copy-wo-btn').addEventListener('click', copyWorkorder);
    $('copy-checklist-btn').addEventListener('click', copyChecklist);
    $('nomatch-btn').addEventListener('click', recordNoMatch);
    document.addEventListener('keydown', onShortcut);
  }

  /* ---------- init ---------- */
  function updateCount() {
    var n = input.value.length;
    charCount.textContent = n + ' / ' + MAX_CHARS;
    charCount.classList.toggle('over', n > MAX_CHARS);
  }

  function init() {
    input = $('assist-input');
    status = $('assist-status');
    meta = $('assist-meta');
    topCard = $('top-card');
    others = $('other-cards');
    othersWrap = $('others-wrap');
    emptyState = $('empty-state');
    copyBtn = $('copy-btn');
    charCount = $('char-count');

    input.addEventListener('input', function () {
      updateCount();
      schedule(DEBOUNCE_MS);
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && !ev.shiftKey) {
        ev.preventDefault();
        var top = state.suggestions[state.topIndex];
        if (top) copyScript(top, copyBtn, '复制话术');
      }
    });
    copyBtn.addEventListener('click', function () {
      var top = state.suggestions[state.topIndex];
      if (top) copyScript(top, copyBtn, '复制话术');
    });
    $('clear-btn').addEventListener('click', function () {
      input.value = '';
      updateCount();
      clearTimeout(state.timer);
      request();
      input.focus();
    });
    Array.prototype.forEach.call(document.querySelectorAll('.example-btn'), function (b) {
      b.addEventListener('click', function () {
        input.value = b.textContent;
        updateCount();
        clearTimeout(state.timer);
        request();
        input.focus();
      });
    });
    initWorkorderTools();
    updateCount();
    $('agent-login-form').addEventListener('submit', onLogin);
    $('agent-logout').addEventListener('click', function () { showLogin(''); });
    state.auth = D.loadAuth(STORE_KEY);
    if (state.auth) showConsole(); else showLogin('');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
