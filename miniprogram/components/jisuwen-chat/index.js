/* 吉速问 chat component for the 吉速办 mini-program: the H5 widget (bot/static/widget.js) in native
 * WXML. It talks to the gateway's POST {baseUrl}/api/chat (contract: docs/chat-api.openapi.json)
 * with wx.request, keeps the conversation in wx.setStorageSync, calls 12345 with
 * wx.makePhoneCall and copies the hand-off summary with wx.setClipboardData. */
'use strict';

var vm = require('./view-model');

var KEYS = {
  sender: 'jisuwen.chat.sender',
  log: 'jisuwen.chat.transcript',
  font: 'jisuwen.chat.largeFont'
};
var HOTLINE = '12345';
var MAX_CHARS = 500; // the gateway's MAX_MESSAGE_CHARS default; longer → 413
var MAX_ENTRIES = 200;
var TIMEOUT_MS = 30000;
var SENDER_RE = /^[A-Za-z0-9_.:-]{1,80}$/;
var UNREACHABLE = '服务暂时无法连接，请稍后再试，或拨打12345政务服务便民热线';
var DEGRADED_NOTICE = '（智能问答暂时繁忙，以下答案来自服务目录检索；如需人工请拨打12345政务服务便民热线。）';
var NO_ANSWER = '抱歉，我暂时没有找到答案。您可以换个说法再问，或拨打12345政务服务便民热线。';
var WELCOME = '您好！我是吉速问，可以帮您查昌吉州涉企政务服务的办理时限、在哪办、' +
  '带什么材料、收不收费、哪个部门负责。您可以这样问：';
var EXAMPLES = ['开公司要几天', '用水报装在哪办', '用电报装要多久'];

function newSenderId() {
  // A conversation id, not a secret: time plus randomness is enough to keep users apart.
  var id = 'mp-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  return id.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 80);
}

function readStorage(key) {
  try { return wx.getStorageSync(key); } catch (e) { return ''; }
}

function writeStorage(key, value) {
  try { wx.setStorageSync(key, value); } catch (e) { /* storage full: the chat still works */ }
}

/* The "detail" of a FastAPI error body: its text, or its validation messages joined. */
function detailOf(body) {
  var d = body && body.detail;
  if (typeof d === 'string') return d;
  if (Array.isArray(d)) {
    return d.map(function (x) { return vm.str(x && x.msg).replace(/^Value error,\s*/i, ''); })
      .filter(Boolean).join('；');
  }
  return '';
}

function headerValue(headers, name) {
  var lower = name.toLowerCase();
  var keys = Object.keys(headers || {});
  for (var i = 0; i < keys.length; i++) {
    if (keys[i].toLowerCase() === lower) return headers[keys[i]];
  }
  return '';
}

Component({
  options: { addGlobalClass: false },

  properties: {
    /* The gateway's origin, e.g. https://jisuwen.example.gov.cn (a request合法域名). */
    baseUrl: { type: String, value: '' },
    title: { type: String, value: '吉速问' },
    tagline: { type: String, value: '昌吉州涉企政务服务助手' }
  },

  data: {
    entries: [],
    draft: '',
    busy: false,
    large: false,
    banner: null, // {text, warn, retry}
    hint: '',
    scrollTo: '',
    maxChars: MAX_CHARS
  },

  lifetimes: {
    attached: function () {
      this._failed = null;
      var sender = readStorage(KEYS.sender);
      if (!sender || !SENDER_RE.test(sender)) {
        sender = newSenderId();
        writeStorage(KEYS.sender, sender);
      }
      this._sender = sender;
      var saved = readStorage(KEYS.log);
      var entries = Array.isArray(saved) ? saved.filter(function (e) {
        return e && typeof e === 'object' && typeof e.id === 'number';
      }) : [];
      this._nextId = entries.reduce(function (n, e) { return Math.max(n, e.id + 1); }, 1);
      if (!entries.length) entries.push(this._welcome());
      this.setData({ entries: entries, large: readStorage(KEYS.font) === '1' });
      this._save();
      this._scrollToEnd();
    }
  },

  methods: {
    /* ---------- transcript ---------- */
    _entryId: function () { return this._nextId++; },

    _welcome: function () {
      return {
        id: this._entryId(), role: 'bot', welcome: true, text: WELCOME, kind: '', rating: null,
        buttons: EXAMPLES.map(function (q) { return { title: q, payload: q }; })
      };
    },

    _save: function () {
      var entries = this.data.entries;
      if (entries.length > MAX_ENTRIES) entries = entries.slice(entries.length - MAX_ENTRIES);
      writeStorage(KEYS.log, entries);
    },

    _append: function (items) {
      var entries = this.data.entries.concat(items);
      this.setData({ entries: entries });
      this._save();
    },

    _update: function (id, patch) {
      var entries = this.data.entries.map(function (e) {
        return e.id === id ? Object.assign({}, e, patch) : e;
      });
      this.setData({ entries: entries });
      this._save();
    },

    _find: function (id) {
      return this.data.entries.filter(function (e) { return e.id === id; })[0];
    },

    _scrollToEnd: function () {
      var last = this.data.entries[this.data.entries.length - 1];
      this.setData({ scrollTo: this.data.busy ? 'typing' : (last ? 'e' + last.id : '') });
    },

    /* ---------- talking to the gateway ---------- */
    _post: function (message) {
      var self = this;
      return new Promise(function (resolve) {
        wx.request({
          url: self.data.baseUrl.replace(/\/+$/, '') + '/api/chat',
          method: 'POST',
          header: { 'content-type': 'application/json' },
          data: { sender: self._sender, message: message },
          dataType: 'json',
          timeout: TIMEOUT_MS,
          success: function (res) {
            var code = res.statusCode;
            resolve({ status: code, ok: code >= 200 && code < 300, body: res.data,
              retryAfter: headerValue(res.header, 'Retry-After') });
          },
          fail: function () { resolve({ status: 0, ok: false, body: null }); }
        });
      });
    },

    _deliver: function (message, userId, typed) {
      var self = this;
      this.setData({ busy: true });
      this._scrollToEnd();
      return this._post(message).then(function (r) {
        self.setData({ busy: false });
        if (r.ok) {
          self._failed = null;
          self.setData({ banner: null });
          if (self._find(userId).failed) self._update(userId, { failed: false });
          self._reply(r.body);
          return;
        }
        self._update(userId, { failed: true });
        var detail = detailOf(r.body);
        if (r.status === 429) {
          var wait = parseInt(r.retryAfter, 10);
          self._failed = { message: message, id: userId };
          self.setData({ banner: { warn: true, retry: true,
            text: (detail || '请求过于频繁，请稍后再试') + (wait > 0 ? '（约' + wait + '秒后可重试）' : '') } });
        } else if (r.status === 413 || r.status === 422) {
          self._failed = null;
          self.setData({ banner: { warn: true, retry: false, text: detail ||
            (r.status === 413 ? '消息过长，最多' + MAX_CHARS + '字' : '输入内容有误，请修改后再试') } });
          if (typed && !self.data.draft) self.setData({ draft: typed }); // let the user fix it
        } else {
          // network error, timeout, 5xx, or anything unexpected: the user can retry
          self._failed = { message: message, id: userId };
          self.setData({ banner: { warn: false, retry: true, text: UNREACHABLE } });
        }
        self._scrollToEnd();
      });
    },

    _reply: function (data) {
      var self = this;
      var messages = data && Array.isArray(data.messages) ? data.messages : [];
      var hasNotice = messages.some(function (m) {
        var t = m && m.custom && m.custom.type;
        return t === 'degraded' || t === 'unavailable';
      });
      var items = [];
      if (data && data.degraded && !hasNotice) {
        items.push({ id: this._entryId(), role: 'bot', kind: 'notice', text: DEGRADED_NOTICE,
          buttons: [], rating: null });
      }
      messages.forEach(function (m) {
        var entry = vm.botEntry(m, self._nextId);
        if (entry) { self._entryId(); items.push(entry); }
      });
      if (!items.length) {
        items.push({ id: this._entryId(), role: 'bot', kind: '', text: NO_ANSWER, buttons: [],
          rating: null });
      }
      this._append(items);
      // Show the start of the answer (its card may be taller than the screen).
      this.setData({ scrollTo: 'e' + items[0].id });
      this.triggerEvent('reply', { messages: messages, degraded: !!(data && data.degraded) });
    },

    _send: function (shown, message, typed) {
      if (this.data.busy) return null;
      message = vm.str(message).trim();
      if (!message) return null;
      var user = { id: this._entryId(), role: 'user', text: shown, failed: false };
      this._append([user]);
      return this._deliver(message, user.id, typed);
    },

    /* ---------- events (bindtap / bindinput / bindconfirm) ---------- */
    onInput: function (e) {
      var value = vm.str(e.detail && e.detail.value);
      this.setData({ draft: value,
        hint: value.length > MAX_CHARS ? '已输入' + value.length + '字，最多' + MAX_CHARS + '字' : '' });
    },

    onSend: function () {
      var text = this.data.draft.trim();
      if (!text || this.data.busy) return null;
      this.setData({ draft: '', hint: '' });
      return this._send(text, text, text);
    },

    onQuickReply: function (e) {
      var ds = e.currentTarget.dataset;
      var entry = this._find(Number(ds.entry));
      if (!entry || this.data.busy || typeof entry.used === 'number') return null;
      var b = entry.buttons[Number(ds.index)];
      if (!b) return null;
      this._update(entry.id, { used: Number(ds.index) });
      return this._send(b.title || b.payload, b.payload);
    },

    onRate: function (e) {
      var ds = e.currentTarget.dataset;
      var entry = this._find(Number(ds.entry));
      if (!entry || !entry.rating || entry.rating.chosen || this.data.busy) return null;
      var b = entry.rating.buttons[Number(ds.index)];
      if (!b) return null;
      this._update(entry.id, { rating: Object.assign({}, entry.rating, { chosen: b.value }) });
      return this._send(b.title, b.payload);
    },

    onRetry: function () {
      var f = this._failed;
      if (!f || this.data.busy) return null;
      return this._deliver(f.message, f.id);
    },

    onToggleFont: function () {
      var large = !this.data.large;
      this.setData({ large: large });
      writeStorage(KEYS.font, large ? '1' : '0');
    },

    onNewChat: function () {
      this._sender = newSenderId();
      writeStorage(KEYS.sender, this._sender);
      this._failed = null;
      this._nextId = 1;
      this.setData({ entries: [this._welcome()], banner: null, draft: '', hint: '' });
      this._save();
      this._scrollToEnd();
    },

    onToggleCitation: function (e) {
      var ds = e.currentTarget.dataset;
      var entry = this._find(Number(ds.entry));
      if (!entry) return;
      // A related matter's line (data-line): one 依据 open at a time; else the card's.
      if (ds.line !== undefined && ds.line !== '') {
        var line = Number(ds.line);
        this._update(entry.id, { openLine: entry.openLine === line ? -1 : line });
      } else {
        this._update(entry.id, { citationOpen: !entry.citationOpen });
      }
    },

    onToggleMore: function (e) {
      var entry = this._find(Number(e.currentTarget.dataset.entry));
      if (entry) this._update(entry.id, { moreOpen: !entry.moreOpen });
    },

    onCall: function () {
      wx.makePhoneCall({ phoneNumber: HOTLINE, fail: function () { /* the user cancelled */ } });
    },

    onCopySummary: function (e) {
      var entry = this._find(Number(e.currentTarget.dataset.entry));
      if (!entry || !entry.summary) return;
      wx.setClipboardData({ data: entry.summary });  // WeChat shows its own "内容已复制" toast
    }
  }
});
