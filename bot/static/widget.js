/* 吉速问 chat widget. No dependencies, no inline code (CSP script-src 'self').
 * Every piece of server data is rendered with textContent / attributes, never innerHTML. */
(function () {
  'use strict';

  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, str = D.str, list = D.list, limitText = D.limitText;
  var detailOf = D.detailOf;

  var KEYS = {
    sender: 'jisuwen.widget.sender',
    log: 'jisuwen.widget.transcript',
    font: 'jisuwen.widget.largeFont'
  };
  var API = '/api/chat';
  var MAX_CHARS = 500;
  var MAX_ENTRIES = 200;
  var TIMEOUT_MS = 30000;
  var SENDER_RE = /^[A-Za-z0-9_.:-]{1,80}$/;
  var UNREACHABLE = '服务暂时无法连接，请稍后再试，或拨打12345政务服务便民热线';
  var DEGRADED_NOTICE = '（智能问答暂时繁忙，以下答案来自服务目录检索；如需人工请拨打12345政务服务便民热线。）';
  var WELCOME = '您好！我是吉速问，可以帮您查昌吉州涉企政务服务的办理时限、在哪办、' +
    '带什么材料、收不收费、哪个部门负责。您可以这样问：';
  var EXAMPLES = ['开公司要几天', '用水报装在哪办', '用电报装要多久'];

  /* ---------- storage (localStorage may be blocked in third-party iframes) ---------- */
  var memory = {};
  var store = {
    get: function (k) {
      try { return window.localStorage.getItem(k); } catch (e) { return k in memory ? memory[k] : null; }
    },
    set: function (k, v) {
      try { window.localStorage.setItem(k, v); } catch (e) { memory[k] = v; }
    },
    remove: function (k) {
      try { window.localStorage.removeItem(k); } catch (e) { /* ignore */ }
      delete memory[k];
    }
  };

  function newSenderId() {
    var id = '';
    var c = window.crypto;
    if (c && typeof c.randomUUID === 'function') {
      id = c.randomUUID();
    } else if (c && c.getRandomValues) {
      var bytes = c.getRandomValues(new Uint8Array(16));
      for (var i = 0; i < bytes.length; i++) id += (bytes[i] + 256).toString(16).slice(1);
    } else {
      id = Date.now().toString(36) + Math.random().toString(36).slice(2);
    }
    return ('web-' + id).replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 80);
  }

  function loadSender() {
    var s = store.get(KEYS.sender);
    if (!s || !SENDER_RE.test(s)) {
      s = newSenderId();
      store.set(KEYS.sender, s);
    }
    return s;
  }

  function loadEntries() {
    try {
      var data = JSON.parse(store.get(KEYS.log) || '[]');
      return Array.isArray(data) ? data.filter(function (e) { return e && typeof e === 'object'; }) : [];
    } catch (e) {
      return [];
    }
  }

  /* ---------- state & elements ---------- */
  var state = { sender: '', entries: [], busy: false, failed: null, nextId: 1 };
  var log, scroller, input, sendBtn, form, typing, banner, bannerText, bannerRetry, fontBtn, hint;
  var counter, replyStatus, confirmBar, newChatBtn;

  function save() {
    if (state.entries.length > MAX_ENTRIES) {
      state.entries = state.entries.slice(state.entries.length - MAX_ENTRIES);
    }
    store.set(KEYS.log, JSON.stringify(state.entries));
  }

  /* ---------- DOM helpers (el, str, list, limitText, detailOf: dom.js) ---------- */
  function isoToChinese(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(iso));
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : str(iso);
  }

  /* ---------- rendering ---------- */
  function cardRow(dl, label, content) {
    var row = el('div', 'card-row');
    row.appendChild(el('dt', '', label));
    var dd = el('dd');
    if (typeof content === 'string') dd.textContent = content;
    else dd.appendChild(content);
    row.appendChild(dd);
    dl.appendChild(row);
    return dd;
  }

  function mutedText(text) { return el('span', 'muted', text); }

  function limitsLine(c) {
    var limits = Array.isArray(c.time_limits) ? c.time_limits : [];
    return limits.map(function (tl) {
      var cond = str(tl && tl.condition);
      return (cond ? cond + ' ' : '') + limitText(tl);
    }).filter(Boolean).join('，');
  }

  /* What a screen reader says for a card: its name, time limit and lead unit, not every row. */
  function cardSummary(c) {
    var name = str(c.name) || '服务事项';
    var parts = ['服务卡片：' + name];
    var lim = limitsLine(c);
    parts.push(lim ? '办理时限' + lim : '方案未规定具体时限');
    if (c.lead_unit) parts.push('牵头单位' + str(c.lead_unit));
    return parts.join('，');
  }

  /* The folded 依据 (第N条 and the plan's text): a service card's, and each related matter's.
   * basis names the plan with its period, or the later decision a figure rests on. */
  function citationDetails(cit, basis) {
    if (!cit || !cit.item) return null;
    var cd = el('details', 'citation');
    cd.appendChild(el('summary', '', '依据：' + (str(basis) || '《行动方案》第' + str(cit.item) + '条')));
    if (cit.text) cd.appendChild(el('p', '', str(cit.text)));
    return cd;
  }

  /* The other matters a told situation touches (card related_matters): the bubble's header,
   * its numbered lines as a list — each with its 第N条 folded as a card's 依据 — and the
   * footer. The text is the server's; the card adds each line's clause. null when the text is
   * not header + numbered lines (the plain bubble then shows it as sent). */
  var NUMBERED = /^(\d+)\.\s*/;
  function renderRelated(text, c) {
    var rows = str(text).split('\n');
    var first = -1, last = -1;
    rows.forEach(function (r, i) {
      if (NUMBERED.test(r)) { if (first < 0) first = i; last = i; }
    });
    if (first < 0) return null;
    var steps = Array.isArray(c.steps) ? c.steps : [];
    var box = el('div', 'bubble related');
    var head = rows.slice(0, first).join('\n');
    if (head) box.appendChild(el('p', 'related-head', head));
    var ol = el('ol', 'related-list');
    rows.slice(first, last + 1).forEach(function (r, i) {
      var step = steps[i] || {};
      var li = el('li', 'related-line');
      li.setAttribute('data-item', str(step.item));
      if (step.slug) li.setAttribute('data-slug', str(step.slug));
      // The 第N条 in brackets moves to the 依据 line below, shown as the card shows it.
      var cd = citationDetails(step.citation);
      var line = r.replace(NUMBERED, '');
      if (cd) line = line.replace('（第' + str(step.citation.item) + '条）', '');
      li.appendChild(el('span', 'related-text', line));
      if (cd) li.appendChild(cd);
      ol.appendChild(li);
    });
    box.appendChild(ol);
    var foot = rows.slice(last + 1).join('\n');
    if (foot) box.appendChild(el('p', 'related-foot', foot));
    return box;
  }

  /* Compact first: time limit, channel, fee, the lead unit. The full 责任单位 list and the rows
   * the plan leaves empty (方案未写明) are folded into 更多信息. */
  function renderCard(c) {
    var name = str(c.name) || '服务事项';
    var card = el('section', 'service-card');
    card.setAttribute('data-slug', str(c.slug));
    card.setAttribute('aria-label', cardSummary(c));

    var head = el('div', 'card-head');
    head.appendChild(el('h2', 'card-name', name));
    card.appendChild(head);

    var dl = el('dl', 'card-rows');
    var more = el('dl', 'card-rows');
    var limits = Array.isArray(c.time_limits) ? c.time_limits : [];
    if (limits.length) {
      var ul = el('ul', 'limits');
      limits.forEach(function (tl) {
        var li = el('li', 'limit');
        var cond = str(tl && tl.condition);
        if (cond) li.appendChild(el('span', 'limit-cond', cond + '：'));
        li.appendChild(el('span', 'limit-amount', limitText(tl)));
        if (cond && c.condition && cond === str(c.condition)) {
          li.classList.add('is-chosen');
          li.appendChild(el('span', 'limit-tag', '您的情况'));
        }
        ul.appendChild(li);
      });
      cardRow(dl, '办理时限', ul);
    } else {
      cardRow(more, '办理时限', mutedText('《行动方案》未规定具体时限，以受理窗口告知为准'));
    }

    var due = c.due_date;
    if (due && (due.text || due.date)) {
      var box = el('span');
      box.appendChild(el('span', 'due-date', str(due.text) || isoToChinese(due.date)));
      var notes = [];
      if (due.start) notes.push('自' + isoToChinese(due.start) + '起算');
      if (due.note) notes.push(str(due.note));
      else if (due.calendar_known === false) notes.push('当年节假日安排尚未公布，按常规工作日推算');
      if (notes.length) box.appendChild(el('span', 'due-note', notes.join('；')));
      cardRow(dl, '最晚办结', box);
    }

    var channels = list(c.channels);
    if (channels.length) cardRow(dl, '办理渠道', channels.join('、'));
    else cardRow(more, '办理渠道', mutedText('方案未写明，可到政务服务大厅综合窗口或拨打12345咨询'));
    var fees = list(c.fees);
    if (fees.length) {
      // The first fee line answers 要钱吗 (the catalog puts 免费 / 取消…费 first); the others
      // (price supervision …) are folded away so the card stays short.
      cardRow(dl, '收费', fees[0]);
      if (fees.length > 1) {
        var fl = el('ul');
        fees.slice(1).forEach(function (f) { fl.appendChild(el('li', '', f)); });
        cardRow(more, '收费说明', fl);
      }
    } else {
      cardRow(more, '收费', mutedText('方案未作规定，以窗口告知为准'));
    }
    if (c.lead_unit) cardRow(dl, '牵头单位', str(c.lead_unit));
    var depts = list(c.departments);
    if (depts.length) cardRow(more, '责任单位', depts.join('、'));
    card.appendChild(dl);

    if (more.childNodes.length) {
      var det = el('details', 'card-more');
      det.appendChild(el('summary', '', '更多信息（' + Array.prototype.map.call(
        more.querySelectorAll('dt'), function (d) { return d.textContent; }).join('、') + '）'));
      det.appendChild(more);
      card.appendChild(det);
    }

    var cd = citationDetails(c.citation, c.basis);
    if (cd) card.appendChild(cd);
    if (c.degraded) card.appendChild(el('p', 'card-degraded', '以上信息来自服务目录检索'));
    return card;
  }

  /* ---------- hand-off to 12345: a tel: link and the summary to copy ---------- */
  function copyText(text) {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
      return navigator.clipboard.writeText(text).then(function () { return true; },
        function () { return legacyCopy(text); });
    }
    return Promise.resolve(legacyCopy(text));
  }

  function legacyCopy(text) {
    // The mini-program web-view has no async clipboard: a selected textarea and execCommand.
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.top = '-1000px';
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }

  function renderHandoff(c, wrap) {
    var box = el('div', 'handoff-box');
    var a = el('a', 'hotline-link', '拨打 12345 热线');
    a.href = 'tel:12345';
    box.appendChild(a);
    var summary = str(c && c.summary);
    if (summary) {
      box.appendChild(el('p', 'handoff-label', '问题摘要（可复制后告诉接线员）：'));
      var text = el('p', 'handoff-summary', summary);
      box.appendChild(text);
      var btn = el('button', 'copy-summary', '复制摘要');
      btn.type = 'button';
      btn.addEventListener('click', function () {
        copyText(summary).then(function (ok) {
          btn.textContent = ok ? '已复制' : '请长按上方文字复制';
          announce(ok ? '问题摘要已复制' : '无法自动复制，请长按摘要文字复制');
        });
      });
      box.appendChild(btn);
    }
    wrap.appendChild(box);
  }

  /* A message's buttons in up to three groups: "did you mean" suggestions (labelled), choices
   * such as 居民/非居民 or the welcome examples, and the 满意/不满意 rating on its own row. */
  function buttonKind(b) {
    var p = str(b.payload);
    if (p.indexOf('/inform_service') === 0) return 'suggest';
    if (p.indexOf('/feedback_') === 0) return 'rating';
    return 'choice';
  }

  var GROUP_LABEL = { suggest: '您是不是想问', rating: '这个回答有帮助吗？' };
  // A related-matters bubble's buttons are the matters it lists, not guesses at the question.
  var TYPE_LABEL = { related_matters: { suggest: '点事项可以单独问' } };

  function renderButtons(entry, wrap) {
    var closed = typeof entry.used === 'number' || entry.closed;
    ['suggest', 'choice', 'rating'].forEach(function (kind) {
      var idx = [];
      entry.buttons.forEach(function (b, i) { if (buttonKind(b) === kind) idx.push(i); });
      if (!idx.length) return;
      var group = el('div', 'quick-replies is-' + kind);
      group.setAttribute('role', 'group');
      var type = entry.custom && entry.custom.type;
      var label = (TYPE_LABEL[type] || {})[kind] || GROUP_LABEL[kind];
      if (label) {
        var id = 'grp-' + entry.id + '-' + kind;
        var head = el('p', 'group-label', label);
        head.id = id;
        group.appendChild(head);
        group.setAttribute('aria-labelledby', id);
      } else {
        group.setAttribute('aria-label', entry.welcome ? '示例问题' : '请选择');
      }
      idx.forEach(function (i) {
        var b = entry.buttons[i];
        var btn = el('button', '', str(b.title) || str(b.payload));
        btn.type = 'button';
        if (closed) {
          btn.disabled = true;
          if (entry.used === i) {
            btn.classList.add('chosen');
            btn.setAttribute('aria-pressed', 'true');
          }
        }
        btn.addEventListener('click', function (ev) { onQuickReply(entry, i, wrap, ev); });
        group.appendChild(btn);
      });
      wrap.appendChild(group);
    });
  }

  function renderEntry(entry) {
    var wrap;
    if (entry.role === 'user') {
      wrap = el('div', 'msg user');
      wrap.appendChild(el('span', 'sr-only', '您说：'));
      wrap.appendChild(el('div', 'bubble', entry.text));
    } else {
      wrap = el('div', 'msg bot');
      var type = entry.custom && entry.custom.type;
      if (entry.notice || type === 'degraded') wrap.classList.add('notice');
      if (type === 'unavailable') wrap.classList.add('alert');
      wrap.appendChild(el('span', 'sr-only', '吉速问说：'));
      var text = entry.text;
      if (text && (type === 'service_card' || type === 'field_answer')) {
        // The card below lists the responsible units: the bubble keeps the answer and its 依据.
        var cut = text.indexOf('；责任单位：');
        if (cut > 0) text = text.slice(0, cut);
      }
      if (text && type === 'handoff' && entry.custom.summary) {
        // The summary is in the box below, with its copy button: not twice.
        var at = text.indexOf('问题摘要：');
        if (at > 0) text = text.slice(0, at);
      }
      var related = type === 'related_matters' && text ? renderRelated(text, entry.custom) : null;
      if (related) wrap.appendChild(related);
      else if (text) wrap.appendChild(el('div', 'bubble', text));
      if (type === 'field_answer') {
        wrap.classList.add('field-answer');
        wrap.setAttribute('data-slug', str(entry.custom.slug));
      }
      if (entry.custom && type === 'service_card') wrap.appendChild(renderCard(entry.custom));
      if (type === 'handoff') renderHandoff(entry.custom, wrap);
      if (type === 'unavailable') {
        var a = el('a', 'hotline-link', '拨打 12345 热线');
        a.href = 'tel:12345';
        wrap.appendChild(a);
      }
      if (Array.isArray(entry.buttons) && entry.buttons.length) renderButtons(entry, wrap);
    }
    return wrap;
  }

  function append(entry, persist) {
    var node = renderEntry(entry);
    node.setAttribute('data-entry', String(entry.id));
    log.appendChild(node);
    if (persist !== false) {
      state.entries.push(entry);
      save();
    }
    return node;
  }

  function scrollToNode(node) {
    // Show the start of a long answer (card included) rather than jumping past it.
    var top = node.offsetTop - scroller.offsetTop - 8;
    var bottom = scroller.scrollHeight - scroller.clientHeight;
    scroller.scrollTop = node.offsetHeight > scroller.clientHeight ? top : bottom;
  }

  function scrollToBottom() { scroller.scrollTop = scroller.scrollHeight; }

  function entryId() { return state.nextId++; }

  function welcomeEntry() {
    return {
      id: entryId(), role: 'bot', welcome: true, text: WELCOME,
      buttons: EXAMPLES.map(function (q) { return { title: q, payload: q }; })
    };
  }

  function renderAll() {
    log.textContent = '';
    state.entries.forEach(function (e) {
      if (typeof e.id !== 'number') e.id = entryId();
      state.nextId = Math.max(state.nextId, e.id + 1);
    });
    state.entries.forEach(function (e) { append(e, false); });
    scrollToBottom();
  }

  /* ---------- status banner ---------- */
  function showBanner(text, opts) {
    opts = opts || {};
    bannerText.textContent = text;
    banner.classList.toggle('is-warn', !!opts.warn);
    bannerRetry.hidden = !opts.retry;
    banner.hidden = false;
  }
  function hideBanner() {
    banner.hidden = true;
    bannerText.textContent = '';
    bannerRetry.hidden = true;
  }

  function announce(text) {
    // Cleared first so that the same words twice are announced twice.
    replyStatus.textContent = '';
    setTimeout(function () { replyStatus.textContent = text; }, 50);
  }

  function setBusy(busy) {
    state.busy = busy;
    sendBtn.disabled = busy;
    typing.hidden = !busy;
    if (busy) announce('正在回答…');
    log.setAttribute('aria-busy', busy ? 'true' : 'false');
    if (busy) scrollToBottom();
  }

  /* ---------- talking to the gateway ---------- */
  function post(message) {
    var ctl = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = ctl ? setTimeout(function () { ctl.abort(); }, TIMEOUT_MS) : null;
    return fetch(API, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ sender: state.sender, message: message }),
      credentials: 'same-origin',
      signal: ctl ? ctl.signal : undefined
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (body) {
        return { status: res.status, ok: res.ok, body: body, retryAfter: res.headers.get('Retry-After') };
      });
    }, function () {
      return { status: 0, ok: false, body: null };
    }).then(function (r) {
      if (timer) clearTimeout(timer);
      return r;
    });
  }

  /* A message that did not go through leaves no bubble: its text goes back into the box (or
   * its button is usable again) so that the user can retry. */
  function withdraw(userEntry, typedText, origin) {
    state.entries = state.entries.filter(function (e) { return e !== userEntry; });
    var node = log.querySelector('[data-entry="' + userEntry.id + '"]');
    if (node) node.remove();
    if (origin) {
      delete origin.entry.used;
      rerender(origin.entry);
    }
    if (state.closedBy === userEntry) reopen();
    save();
    if (typedText && !input.value) {
      input.value = typedText;
      updateHint();
    }
  }

  function rerender(entry) {
    var old = log.querySelector('[data-entry="' + entry.id + '"]');
    if (!old) return;
    var fresh = renderEntry(entry);
    fresh.setAttribute('data-entry', String(entry.id));
    old.replaceWith(fresh);
  }

  /* Buttons of earlier messages are used up once the user says something new. */
  function closeOpenButtons(except) {
    var closed = [];
    state.entries.forEach(function (e) {
      if (e === except || !Array.isArray(e.buttons) || !e.buttons.length) return;
      if (typeof e.used === 'number' || e.closed) return;
      e.closed = true;
      closed.push(e);
      var node = log.querySelector('[data-entry="' + e.id + '"]');
      if (node) {
        Array.prototype.forEach.call(node.querySelectorAll('.quick-replies button'),
          function (b) { b.disabled = true; });
      }
    });
    state.reopenable = closed;
  }

  function reopen() {
    (state.reopenable || []).forEach(function (e) {
      delete e.closed;
      var node = log.querySelector('[data-entry="' + e.id + '"]');
      if (node) {
        Array.prototype.forEach.call(node.querySelectorAll('.quick-replies button'),
          function (b) { b.disabled = false; });
      }
    });
    state.reopenable = [];
  }

  function chineseOnly(detail) {
    // Server messages are "中文 / English": the widget shows the Chinese.
    return str(detail).split(/\s+\/\s+/)[0].replace(/^Value error,\s*/i, '').trim();
  }

  function briefOf(entries) {
    var parts = [];
    entries.forEach(function (e) {
      var t = str(e.text);
      var cut = t.indexOf('\n依据');
      if (cut > 0) t = t.slice(0, cut);
      if (t) parts.push(t.length > 80 ? t.slice(0, 80) + '…' : t);
      if (e.custom && e.custom.type === 'service_card') parts.push(cardSummary(e.custom));
    });
    return parts.join('。');
  }

  function handleReply(data) {
    var messages = data && Array.isArray(data.messages) ? data.messages : [];
    var hasNotice = messages.some(function (m) {
      var t = m && m.custom && m.custom.type;
      return t === 'degraded' || t === 'unavailable';
    });
    var last = null;
    if (data && data.degraded && !hasNotice) {
      last = append({ id: entryId(), role: 'bot', notice: true, text: DEGRADED_NOTICE });
    }
    var first = null;
    var shown = [];
    messages.forEach(function (m) {
      if (!m || (!m.text && !m.buttons && !m.custom)) return;
      var entry = { id: entryId(), role: 'bot', text: str(m.text) };
      if (Array.isArray(m.buttons) && m.buttons.length) {
        entry.buttons = m.buttons.map(function (b) {
          return { title: str(b && b.title), payload: str(b && b.payload) };
        }).filter(function (b) { return b.payload; });
      }
      if (m.custom && typeof m.custom === 'object') entry.custom = m.custom;
      var node = append(entry);
      shown.push(entry);
      first = first || last || node;
    });
    if (shown.length) announce('吉速问回答：' + briefOf(shown));
    if (!messages.length) {
      first = append({ id: entryId(), role: 'bot', text: '抱歉，我暂时没有找到答案。您可以换个说法再问，或拨打12345政务服务便民热线。' });
    }
    if (first) scrollToNode(first);
  }

  function deliver(message, userEntry, typedText, origin) {
    setBusy(true);
    return post(message).then(function (r) {
      setBusy(false);
      if (r.ok) {
        if (r.body && r.body.sender && SENDER_RE.test(r.body.sender) && r.body.sender !== state.sender) {
          state.sender = r.body.sender;
          store.set(KEYS.sender, state.sender);
        }
        state.failed = null;
        state.reopenable = [];
        hideBanner();
        handleReply(r.body);
        return;
      }
      withdraw(userEntry, typedText, origin);
      var detail = chineseOnly(detailOf(r.body));
      announce('发送失败');
      if (r.status === 429) {
        var wait = parseInt(r.retryAfter, 10);
        state.failed = { shown: userEntry.text, message: message, typedText: typedText, origin: origin };
        showBanner((detail || '请求过于频繁，请稍后再试') +
          (wait > 0 ? '（约' + wait + '秒后可重试）' : ''), { warn: true, retry: true });
      } else if (r.status === 413 || r.status === 422) {
        state.failed = null;
        showBanner(detail || (r.status === 413 ? '消息过长，最多' + MAX_CHARS + '字' : '输入内容有误，请修改后再试'),
          { warn: true });
      } else {
        // network error, timeout, 5xx, or anything unexpected
        state.failed = { shown: userEntry.text, message: message, typedText: typedText, origin: origin };
        showBanner(UNREACHABLE, { retry: true });
      }
    });
  }

  function sendMessage(shown, message, typedText, origin) {
    if (state.busy) return false;
    message = str(message).trim();
    if (!message) return false;
    var userEntry = { id: entryId(), role: 'user', text: shown };
    closeOpenButtons(origin && origin.entry);
    state.closedBy = userEntry;
    append(userEntry);
    scrollToBottom();
    deliver(message, userEntry, typedText, origin);
    return true;
  }

  /* ---------- events ---------- */
  function keepInputFocus(ev) {
    // Keep the keyboard open on phones; always for keyboard users and desktop pointers.
    var keyboard = ev && ev.detail === 0;
    var finePointer = window.matchMedia && window.matchMedia('(pointer: fine)').matches;
    if (keyboard || finePointer || document.activeElement === input) input.focus();
  }

  function onSubmit(ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text || state.busy) { input.focus(); return; }
    if (text.length > MAX_CHARS) {
      // Said before sending, with the text kept to shorten.
      showBanner('消息过长：最多' + MAX_CHARS + '字，请删减' + (text.length - MAX_CHARS) + '字后再发送',
        { warn: true });
      input.focus();
      return;
    }
    if (sendMessage(text, text, text)) {
      input.value = '';
      updateHint();
    }
    input.focus();
  }

  function onQuickReply(entry, index, wrap, ev) {
    if (state.busy || typeof entry.used === 'number' || entry.closed) return;
    var b = entry.buttons[index];
    if (!b) return;
    entry.used = index;
    save();
    rerender(entry);
    sendMessage(b.title || b.payload, b.payload, null, { entry: entry });
    keepInputFocus(ev);
  }

  var WARN_AT = MAX_CHARS - 50;

  function updateHint() {
    var n = input.value.length;
    counter.textContent = n + '/' + MAX_CHARS;
    counter.hidden = n === 0;
    counter.classList.toggle('is-near', n >= WARN_AT && n <= MAX_CHARS);
    counter.classList.toggle('is-over', n > MAX_CHARS);
    var msg = n > MAX_CHARS ? '已超出' + (n - MAX_CHARS) + '字，请删减后发送'
      : n >= WARN_AT ? '还可输入' + (MAX_CHARS - n) + '字' : '';
    if (hint.textContent !== msg) hint.textContent = msg;
    grow();
  }

  function grow() {
    // The box grows with the text up to about five lines, then scrolls.
    input.style.height = 'auto';
    var max = parseFloat(getComputedStyle(input).lineHeight || '24') * 5 + 18;
    input.style.height = Math.min(input.scrollHeight + 2, max) + 'px';
  }

  function applyFont(large) {
    document.documentElement.classList.toggle('large-font', large);
    fontBtn.setAttribute('aria-pressed', large ? 'true' : 'false');
    fontBtn.title = large ? '适老化大字已开启，点击恢复标准字号' : '适老化：放大字号';
  }

  function askNewConversation() {
    confirmBar.hidden = false;
    newChatBtn.setAttribute('aria-expanded', 'true');
    $('confirm-new-no').focus();
  }

  function closeConfirm(focusBack) {
    confirmBar.hidden = true;
    newChatBtn.setAttribute('aria-expanded', 'false');
    if (focusBack) newChatBtn.focus();
  }

  function newConversation() {
    closeConfirm(false);
    state.sender = newSenderId();
    store.set(KEYS.sender, state.sender);
    state.entries = [];
    state.failed = null;
    hideBanner();
    log.textContent = '';
    append(welcomeEntry());
    input.value = '';
    updateHint();
    input.focus();
  }

  function init() {
    log = $('chat-log');
    scroller = $('scroller');
    input = $('chat-input');
    sendBtn = $('send-btn');
    form = $('chat-form');
    typing = $('typing');
    banner = $('status-banner');
    bannerText = banner.querySelector('.status-text');
    bannerRetry = banner.querySelector('.status-retry');
    fontBtn = $('font-toggle');
    hint = $('input-hint');
    counter = $('char-count');
    replyStatus = $('reply-status');
    confirmBar = $('confirm-new');
    newChatBtn = $('new-chat');

    applyFont(store.get(KEYS.font) === '1');
    state.sender = loadSender();
    state.entries = loadEntries();
    if (!state.entries.length) state.entries.push(welcomeEntry());
    renderAll();
    save();
    updateHint();

    form.addEventListener('submit', onSubmit);
    input.addEventListener('keydown', function (ev) {
      // Enter that confirms an IME (pinyin) composition must not send.
      if (ev.key !== 'Enter') return;
      if (ev.isComposing || ev.keyCode === 229) { ev.preventDefault(); return; }
      if (ev.shiftKey) return; // a new line
      ev.preventDefault();
      if (typeof form.requestSubmit === 'function') form.requestSubmit();
      else onSubmit(ev);
    });
    input.addEventListener('input', updateHint);
    sendBtn.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
    fontBtn.addEventListener('click', function () {
      var large = !document.documentElement.classList.contains('large-font');
      applyFont(large);
      store.set(KEYS.font, large ? '1' : '0');
    });
    newChatBtn.addEventListener('click', askNewConversation);
    $('confirm-new-yes').addEventListener('click', newConversation);
    $('confirm-new-no').addEventListener('click', function () { closeConfirm(true); });
    confirmBar.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape') closeConfirm(true);
    });
    bannerRetry.addEventListener('click', function () {
      var f = state.failed;
      if (!f || state.busy) return;
      if (f.typedText && input.value.trim() === f.typedText) {
        input.value = '';
        updateHint();
      }
      if (f.origin) {
        var e = f.origin.entry;
        for (var i = 0; i < e.buttons.length; i++) if (e.buttons[i].payload === f.message) e.used = i;
        save();
        rerender(e);
      }
      sendMessage(f.shown, f.message, f.typedText, f.origin);
      input.focus();
    });
    if (window.matchMedia && window.matchMedia('(pointer: fine)').matches) input.focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
