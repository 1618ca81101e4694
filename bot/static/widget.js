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

  function renderCard(c) {
    var name = str(c.name) || '服务事项';
    var card = el('section', 'service-card');
    card.setAttribute('data-slug', str(c.slug));
    card.setAttribute('aria-label', '服务卡片：' + name);

    var head = el('div', 'card-head');
    head.appendChild(el('h2', 'card-name', name));
    if (c.category) head.appendChild(el('p', 'card-category', c.category));
    card.appendChild(head);

    var dl = el('dl', 'card-rows');
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
      cardRow(dl, '办理时限', mutedText('《行动方案》未规定具体时限，以受理窗口告知为准'));
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

    if (c.lead_unit) cardRow(dl, '牵头单位', str(c.lead_unit));
    var depts = list(c.departments);
    if (depts.length) cardRow(dl, '责任单位', depts.join('、'));
    var channels = list(c.channels);
    cardRow(dl, '办理渠道', channels.length ? channels.join('、')
      : mutedText('方案未写明，可到政务服务大厅综合窗口或拨打12345咨询'));
    var fees = list(c.fees);
    if (fees.length) {
      var fl = el('ul');
      fees.forEach(function (f) { fl.appendChild(el('li', '', f)); });
      cardRow(dl, '收费', fl);
    } else {
      cardRow(dl, '收费', mutedText('方案未作规定，以窗口告知为准'));
    }
    card.appendChild(dl);

    var cit = c.citation;
    if (cit && cit.item) {
      var det = el('details', 'citation');
      det.appendChild(el('summary', '', '依据：《行动方案》第' + str(cit.item) + '条'));
      if (cit.text) det.appendChild(el('p', '', cit.text));
      card.appendChild(det);
    }
    if (c.degraded) card.appendChild(el('p', 'card-degraded', '以上信息来自服务目录检索'));
    return card;
  }

  function renderButtons(entry, wrap) {
    var group = el('div', 'quick-replies');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', entry.welcome ? '示例问题' : '快捷回复');
    entry.buttons.forEach(function (b, i) {
      var btn = el('button', '', str(b.title) || str(b.payload));
      btn.type = 'button';
      if (typeof entry.used === 'number') {
        btn.disabled = true;
        if (entry.used === i) {
          btn.classList.add('chosen');
          btn.setAttribute('aria-pressed', 'true');
        }
      }
      btn.addEventListener('click', function (ev) { onQuickReply(entry, i, group, ev); });
      group.appendChild(btn);
    });
    wrap.appendChild(group);
  }

  function renderEntry(entry) {
    var wrap;
    if (entry.role === 'user') {
      wrap = el('div', 'msg user');
      wrap.appendChild(el('span', 'sr-only', '您说：'));
      wrap.appendChild(el('div', 'bubble', entry.text));
      if (entry.failed) {
        wrap.classList.add('failed');
        wrap.appendChild(el('span', 'msg-flag', '未发送'));
      }
    } else {
      wrap = el('div', 'msg bot');
      var type = entry.custom && entry.custom.type;
      if (entry.notice || type === 'degraded') wrap.classList.add('notice');
      if (type === 'unavailable') wrap.classList.add('alert');
      wrap.appendChild(el('span', 'sr-only', '吉速问说：'));
      var text = entry.text;
      if (text && type === 'service_card') {
        // The card below lists the responsible units: the bubble keeps the answer and its 依据.
        var cut = text.indexOf('；责任单位：');
        if (cut > 0) text = text.slice(0, cut);
      }
      if (text) wrap.appendChild(el('div', 'bubble', text));
      if (entry.custom && type === 'service_card') wrap.appendChild(renderCard(entry.custom));
      if (type === 'handoff' || type === 'unavailable') {
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

  function setBusy(busy) {
    state.busy = busy;
    sendBtn.disabled = busy;
    typing.hidden = !busy;
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

  function markFailed(userEntry, failed) {
    userEntry.failed = failed;
    save();
    var node = log.querySelector('[data-entry="' + userEntry.id + '"]');
    if (node) {
      var fresh = renderEntry(userEntry);
      fresh.setAttribute('data-entry', String(userEntry.id));
      node.replaceWith(fresh);
    }
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
      first = first || last || node;
    });
    if (!messages.length) {
      first = append({ id: entryId(), role: 'bot', text: '抱歉，我暂时没有找到答案。您可以换个说法再问，或拨打12345政务服务便民热线。' });
    }
    if (first) scrollToNode(first);
  }

  function deliver(message, userEntry, typedText) {
    setBusy(true);
    return post(message).then(function (r) {
      setBusy(false);
      if (r.ok) {
        if (r.body && r.body.sender && SENDER_RE.test(r.body.sender) && r.body.sender !== state.sender) {
          state.sender = r.body.sender;
          store.set(KEYS.sender, state.sender);
        }
        state.failed = null;
        hideBanner();
        if (userEntry.failed) markFailed(userEntry, false);
        handleReply(r.body);
        return;
      }
      markFailed(userEntry, true);
      var detail = detailOf(r.body);
      if (r.status === 429) {
        var wait = parseInt(r.retryAfter, 10);
        state.failed = { message: message, entry: userEntry };
        showBanner((detail || '请求过于频繁，请稍后再试') +
          (wait > 0 ? '（约' + wait + '秒后可重试）' : ''), { warn: true, retry: true });
      } else if (r.status === 413 || r.status === 422) {
        state.failed = null;
        showBanner(detail || (r.status === 413 ? '消息过长，最多' + MAX_CHARS + '字' : '输入内容有误，请修改后再试'),
          { warn: true });
        if (typedText && !input.value) input.value = typedText; // let the user shorten or fix it
        updateHint();
      } else {
        // network error, timeout, 5xx, or anything unexpected
        state.failed = { message: message, entry: userEntry };
        showBanner(UNREACHABLE, { retry: true });
      }
    });
  }

  function sendMessage(shown, message, typedText) {
    if (state.busy) return false;
    message = str(message).trim();
    if (!message) return false;
    var userEntry = { id: entryId(), role: 'user', text: shown };
    append(userEntry);
    scrollToBottom();
    deliver(message, userEntry, typedText);
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
    if (sendMessage(text, text, text)) {
      input.value = '';
      updateHint();
    }
    input.focus();
  }

  function onQuickReply(entry, index, group, ev) {
    if (state.busy || typeof entry.used === 'number') return;
    var b = entry.buttons[index];
    if (!b) return;
    entry.used = index;
    save();
    Array.prototype.forEach.call(group.querySelectorAll('button'), function (btn, i) {
      btn.disabled = true;
      if (i === index) {
        btn.classList.add('chosen');
        btn.setAttribute('aria-pressed', 'true');
      }
    });
    sendMessage(b.title || b.payload, b.payload);
    keepInputFocus(ev);
  }

  function updateHint() {
    var n = input.value.length;
    hint.textContent = n > MAX_CHARS ? '已输入' + n + '字，最多' + MAX_CHARS + '字' : '';
  }

  function applyFont(large) {
    document.documentElement.classList.toggle('large-font', large);
    fontBtn.setAttribute('aria-pressed', large ? 'true' : 'false');
    fontBtn.title = large ? '适老化大字已开启，点击恢复标准字号' : '适老化：放大字号';
  }

  function newConversation() {
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

    applyFont(store.get(KEYS.font) === '1');
    state.sender = loadSender();
    state.entries = loadEntries();
    if (!state.entries.length) state.entries.push(welcomeEntry());
    renderAll();
    save();

    form.addEventListener('submit', onSubmit);
    input.addEventListener('keydown', function (ev) {
      // Enter that confirms an IME (pinyin) composition must not send.
      if (ev.key === 'Enter' && (ev.isComposing || ev.keyCode === 229)) ev.preventDefault();
    });
    input.addEventListener('input', updateHint);
    sendBtn.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
    fontBtn.addEventListener('click', function () {
      var large = !document.documentElement.classList.contains('large-font');
      applyFont(large);
      store.set(KEYS.font, large ? '1' : '0');
    });
    $('new-chat').addEventListener('click', newConversation);
    bannerRetry.addEventListener('click', function () {
      var f = state.failed;
      if (!f || state.busy) return;
      deliver(f.message, f.entry);
      input.focus();
    });
    if (window.matchMedia && window.matchMedia('(pointer: fine)').matches) input.focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
