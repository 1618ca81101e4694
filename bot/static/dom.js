/* 吉速问 helpers shared by every page (widget, agent console, admin, analytics).
 * Plain JS, no build step, no inline code (CSP script-src 'self'): each page loads it with
 * <script src="/static/dom.js" defer> before its own script, which reads window.JisuwenDom.
 * Server data is rendered with textContent / attributes, never innerHTML. */
(function () {
  'use strict';

  function str(v) { return v === undefined || v === null ? '' : String(v); }

  window.JisuwenDom = Object.freeze({
    $: function (id) { return document.getElementById(id); },

    /* <tag class="cls">text</tag>; text (when given) goes in as textContent. */
    el: function (tag, cls, text) {
      var n = document.createElement(tag);
      if (cls) n.className = cls;
      if (text !== undefined && text !== null) n.textContent = String(text);
      return n;
    },

    clear: function (node) { while (node.firstChild) node.removeChild(node.firstChild); },

    str: str,

    /* An array of non-empty strings ([] for anything that is not an array). */
    list: function (v) { return Array.isArray(v) ? v.map(str).filter(Boolean) : []; },

    /* A time limit {amount, unit} as the caller reads it: "20个工作日", "3日" ('' without amount). */
    limitText: function (tl) {
      var amount = str(tl && tl.amount);
      var unit = str(tl && tl.unit);
      if (!amount) return '';
      var text = unit === '工作日' ? amount + '个工作日' : amount + unit;
      /* A limit for users up to a capacity only (第42条: 160kW及以下) says so. */
      var kw = str(tl && tl.max_kw);
      return kw ? text + '（' + kw + 'kW及以下）' : text;
    },

    /* The "detail" of a FastAPI error body: its text, or its validation messages joined. */
    detailOf: function (body) {
      var d = body && body.detail;
      if (typeof d === 'string') return d;
      if (Array.isArray(d)) {
        return d.map(function (x) { return str(x && x.msg).replace(/^Value error,\s*/i, ''); })
          .filter(Boolean).join('；');
      }
      return '';
    },

    /* The admin pages' message box #message (data-kind="ok" | "error" | "info"). */
    showMessage: function (kind, text) {
      var box = document.getElementById('message');
      box.setAttribute('data-kind', kind);
      box.textContent = text;
      box.hidden = false;
    },

    /* The admin login kept in sessionStorage under key, or null when missing, corrupt or expired. */
    loadAuth: function (key) {
      try {
        var a = JSON.parse(sessionStorage.getItem(key) || 'null');
        if (a && a.token && new Date(a.expires_at).getTime() > Date.now()) return a;
      } catch (e) { /* corrupt entry */ }
      return null;
    }
  });
})();
