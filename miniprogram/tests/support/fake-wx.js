/* The wx APIs the component uses, for unit tests: storage in memory, wx.request answered from
 * recorded gateway exchanges (in order, each checked against what the component sent), and
 * makePhoneCall / setClipboardData recorded. miniprogram-simulate's own wx has no-op versions. */
'use strict';

function installFakeWx(initialStorage = {}) {
  const storage = { ...initialStorage };
  const queue = [];
  const requests = [];
  const calls = { phone: [], clipboard: [] };
  let offline = 0;
  let hold = null; // when set, replies wait until release()

  function answer(opts) {
    if (offline > 0) {
      offline -= 1;
      opts.fail && opts.fail({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' });
      opts.complete && opts.complete();
      return;
    }
    const ex = queue.shift();
    if (!ex) throw new Error('unexpected wx.request: ' + JSON.stringify(opts.data));
    if (ex.request.message !== opts.data.message) {
      throw new Error(`the component sent ${JSON.stringify(opts.data.message)}, the recording ` +
        `expects ${JSON.stringify(ex.request.message)}`);
    }
    const header = ex.retry_after ? { 'Retry-After': ex.retry_after } : {};
    opts.success && opts.success({ statusCode: ex.status, data: ex.body, header });
    opts.complete && opts.complete();
  }

  Object.assign(global.wx, {
    getStorageSync: (k) => (k in storage ? storage[k] : ''),
    setStorageSync: (k, v) => { storage[k] = JSON.parse(JSON.stringify(v)); },
    removeStorageSync: (k) => { delete storage[k]; },
    request: (opts) => {
      requests.push(opts);
      setTimeout(() => (hold ? hold.push(() => answer(opts)) : answer(opts)), 0);
      return { abort() {} };
    },
    makePhoneCall: (opts) => { calls.phone.push(opts.phoneNumber); opts.success && opts.success(); },
    setClipboardData: (opts) => { calls.clipboard.push(opts.data); opts.success && opts.success(); }
  });

  return {
    storage,
    requests,
    calls,
    /* Answer the next wx.request calls with these recorded exchanges. */
    reply(...exchanges) { queue.push(...exchanges); },
    /* The next n requests fail as a lost network would (wx.request's fail callback). */
    goOffline(n = 1) { offline += n; },
    /* Keep replies back (to see the typing state) until release(). */
    holdReplies() { hold = []; },
    release() { const h = hold || []; hold = null; h.forEach((f) => f()); },
    pending() { return queue.length; }
  };
}

module.exports = { installFakeWx };
