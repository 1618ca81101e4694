/* jisuwen-chat unit tests: the component rendered by miniprogram-simulate, wx.request answered
 * with gateway replies recorded from the real gateway (tests/fixtures, validated against
 * docs/chat-api.openapi.json by tests/bot/test_chat_contract.py). */
'use strict';

const { installFakeWx } = require('./support/fake-wx');
const { exchanges, fixture } = require('./support/fixtures');
const { renderChat, until, texts, typeAndSend, simulate } = require('./support/render');

const BASE = 'https://jisuwen.example.gov.cn';
const KEYS = { sender: 'jisuwen.chat.sender', log: 'jisuwen.chat.transcript', font: 'jisuwen.chat.largeFont' };

function hasClass(node, cls) {
  return node.dom.className.split(/\s+/).some((c) => c === cls || c.endsWith('--' + cls));
}

function botBubbles(comp) { return texts(comp, '.jc-bot .jc-bubble'); }

let wx;
beforeEach(() => { wx = installFakeWx(); });

test('renders the welcome, the example questions and a stored conversation id', () => {
  const comp = renderChat({ baseUrl: BASE });
  expect(botBubbles(comp)[0]).toContain('您好！我是吉速问');
  expect(texts(comp, '.jc-qr')).toEqual(['开公司要几天', '用水报装在哪办', '用电报装要多久']);
  expect(wx.storage[KEYS.sender]).toMatch(/^mp-[A-Za-z0-9_.:-]+$/);
  expect(comp.querySelector('.jc-typing')).toBeUndefined();
  expect(comp.querySelector('.jc-banner')).toBeUndefined();
});

test('typing and sending shows the question, the typing state, then the answer and its card', async () => {
  const card = exchanges('card');
  wx.reply(...card);
  wx.holdReplies();
  const comp = renderChat({ baseUrl: BASE + '/' });
  await typeAndSend(comp, '开公司要多久');

  expect(texts(comp, '.jc-user .jc-bubble')).toEqual(['开公司要多久']);
  expect(comp.querySelector('.jc-typing')).toBeDefined();
  expect(comp.instance.data.draft).toBe('');
  const req = wx.requests[0];
  expect(req.url).toBe(BASE + '/api/chat');
  expect(req.method).toBe('POST');
  expect(req.data).toEqual({ sender: wx.storage[KEYS.sender], message: '开公司要多久' });

  wx.release();
  await until(() => comp.querySelector('.jc-card'));
  expect(comp.querySelector('.jc-typing')).toBeUndefined();
  const answer = botBubbles(comp).join('\n');
  expect(answer).toContain('3个工作日');
  expect(answer).toContain('第3条');
  expect(texts(comp, '.jc-card-name')).toEqual(['企业开办']);
  expect(texts(comp, '.jc-limit-amount')).toEqual(['3个工作日']);
  // Compact, as the H5 widget: time limit, channel, fee, the lead unit; the nine 责任单位 folded.
  expect(texts(comp, '.jc-row-label')).toEqual(['办理时限', '办理渠道', '收费', '牵头单位']);
  expect(texts(comp, '.jc-card').join('')).not.toContain('州人社局');
  expect(texts(comp, '.jc-more-title')).toEqual(['更多信息（责任单位）']);
  // its aria-label (miniprogram-simulate renders no aria-* attributes: the bound value)
  expect(comp.instance.data.entries.find((e) => e.card).card.summary)
    .toBe('服务卡片：企业开办，办理时限3个工作日，牵头单位州市场监督管理局');
  comp.querySelector('.jc-more-title').dispatchEvent('tap');
  await until(() => texts(comp, '.jc-row-label').includes('责任单位'));
  expect(texts(comp, '.jc-card').join('')).toContain('州人社局');
  expect(texts(comp, '.jc-citation-title')).toEqual(['依据：《行动方案》第3条']);
  // The responsible units are in the card, so the bubble stops before them (as the H5 widget).
  expect(answer).not.toContain('；责任单位：');
  // The clause itself is folded until 依据 is tapped.
  expect(comp.querySelector('.jc-citation-text')).toBeUndefined();
  comp.querySelector('.jc-citation-title').dispatchEvent('tap');
  await until(() => comp.querySelector('.jc-citation-text'));
  expect(texts(comp, '.jc-citation-text')[0]).toContain('企业开办时限压缩至3个工作日');
});

test('the citation is headed by the card\'s basis: a later decision with its date when a figure rests on one', async () => {
  const [turn] = exchanges('card');
  const reply = JSON.parse(JSON.stringify(turn));
  const card = reply.body.messages.find((m) => m.custom && m.custom.type === 'service_card').custom;
  card.basis = '《昌吉州进一步压缩企业开办时间的通知》（2026年11月20日）';
  wx.reply(reply);
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, reply.request.message);
  await until(() => comp.querySelector('.jc-card'));
  expect(texts(comp, '.jc-citation-title'))
    .toEqual(['依据：《昌吉州进一步压缩企业开办时间的通知》（2026年11月20日）']);
});

test('a reply with quick-reply buttons; tapping one sends its payload and marks it chosen', async () => {
  const [ask, chosen] = exchanges('conditions');
  const titles = ask.body.messages.flatMap((m) => (m.buttons || []).map((b) => b.title));
  expect(titles).toEqual(expect.arrayContaining(['居民', '非居民']));
  wx.reply(ask, chosen);
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, ask.request.message);
  await until(() => texts(comp, '.jc-qr').includes('非居民'));

  const buttons = comp.querySelectorAll('.jc-qr').filter((b) => b.dom.textContent.trim() === '非居民');
  buttons[buttons.length - 1].dispatchEvent('tap');
  await until(() => wx.requests.length === 2);
  expect(wx.requests[1].data.message).toBe(chosen.request.message);
  expect(texts(comp, '.jc-user .jc-bubble')).toEqual([ask.request.message, '非居民']);
  // 第42条's 15 days are for users up to 160kW: the card says so next to the figure.
  expect(texts(comp, '.jc-limit-amount')).toEqual(['5个工作日', '15个工作日（160kW及以下）']);
  const tapped = comp.querySelectorAll('.jc-qr').filter((b) => b.dom.textContent.trim() === '非居民').pop();
  expect(hasClass(tapped, 'is-chosen')).toBe(true);

  // The answer to the choice is the asked field only (field_answer): a short bubble with the
  // chosen condition's figure, and no second card under it.
  await until(() => botBubbles(comp).join('\n').includes('15个工作日'));
  expect(botBubbles(comp).pop()).toContain('非居民');
  expect(comp.querySelectorAll('.jc-card').length).toBe(1);
  const field = comp.querySelectorAll('.jc-field');
  expect(field.length).toBe(1);
  expect(texts(comp, '.jc-field .jc-bubble')[0]).not.toContain('责任单位');
  // The first card: the plan gives no channel for 用电报装, so that row is folded with the
  // 责任单位 list, not shown as 方案未写明; its fee row is the 三零 users' 零投资.
  expect(texts(comp, '.jc-row-label')).toEqual(['办理时限', '收费', '牵头单位']);
  expect(texts(comp, '.jc-more-title')).toEqual(['更多信息（办理渠道、责任单位）']);
  expect(comp.querySelector('.jc-muted')).toBeUndefined();

  // A used button group sends nothing more.
  tapped.dispatchEvent('tap');
  await simulate.sleep(20);
  expect(wx.requests.length).toBe(2);
});

test('燃气报装 → 在哪办: the follow-up is a short field bubble, no second card', async () => {
  const turns = exchanges('field_answer');
  wx.reply(...turns);
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, turns[0].request.message);
  await until(() => comp.querySelector('.jc-card') && !comp.instance.data.busy);
  await typeAndSend(comp, turns[1].request.message);
  await until(() => comp.querySelector('.jc-field'));
  expect(comp.querySelectorAll('.jc-card').length).toBe(1);
  const field = texts(comp, '.jc-field .jc-bubble')[0];
  expect(field).toContain('政务服务大厅报装窗口');
  expect(field).not.toContain('责任单位');
  // the bubble and the card cite the same clause
  const cited = /第(\d+)条/.exec(field)[1];
  expect(texts(comp, '.jc-citation-title')).toEqual(['依据：《行动方案》第' + cited + '条']);
});

test('好差评: rating an answer sends the rating payload and shows which was chosen', async () => {
  const [answer, thanks] = exchanges('rating');
  const rateButtons = answer.body.messages.flatMap((m) => m.buttons || []);
  expect(rateButtons.map((b) => b.payload)).toEqual(['/feedback_satisfied', '/feedback_unsatisfied']);
  wx.reply(answer, thanks);
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, answer.request.message);
  await until(() => comp.querySelector('.jc-rating'));
  // The rating buttons form their own row, not quick replies.
  expect(texts(comp, '.jc-rate')).toEqual(['满意', '不满意']);
  expect(texts(comp, '.jc-qr')).not.toContain('满意');

  comp.querySelector('.jc-rate').dispatchEvent('tap');
  await until(() => wx.requests.length === 2);
  expect(wx.requests[1].data.message).toBe('/feedback_satisfied');
  expect(texts(comp, '.jc-user .jc-bubble').pop()).toBe('满意');
  expect(hasClass(comp.querySelector('.jc-rating'), 'is-rated')).toBe(true);
  expect(hasClass(comp.querySelector('.jc-rate-satisfied'), 'is-chosen')).toBe(true);
  await until(() => botBubbles(comp).some((t) => t.includes('感谢您的评价')));

  // Rated once: the other button does nothing.
  comp.querySelector('.jc-rate-unsatisfied').dispatchEvent('tap');
  await simulate.sleep(20);
  expect(wx.requests.length).toBe(2);
});

test('大字 (适老化) switches the large-text mode on and off and is remembered', async () => {
  const comp = renderChat({ baseUrl: BASE });
  const root = () => comp.querySelector('.jc');
  expect(hasClass(root(), 'jc-large')).toBe(false);
  comp.querySelector('#font-toggle').dispatchEvent('tap');
  await until(() => hasClass(root(), 'jc-large'));
  expect(hasClass(comp.querySelector('#font-toggle'), 'is-on')).toBe(true);
  expect(wx.storage[KEYS.font]).toBe('1');

  const again = renderChat({ baseUrl: BASE });
  expect(hasClass(again.querySelector('.jc'), 'jc-large')).toBe(true);

  comp.querySelector('#font-toggle').dispatchEvent('tap');
  await until(() => !hasClass(root(), 'jc-large'));
  expect(wx.storage[KEYS.font]).toBe('0');
});

test('a conversation is restored from storage and goes on with the same conversation id', async () => {
  const [first, second] = exchanges('conditions');
  wx.reply(first);
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, first.request.message);
  await until(() => texts(comp, '.jc-qr').includes('非居民'));
  const sender = wx.storage[KEYS.sender];
  const shown = botBubbles(comp);

  // The mini-program is closed and opened again: a new component, the same storage.
  const reopened = renderChat({ baseUrl: BASE });
  expect(botBubbles(reopened)).toEqual(shown);
  expect(texts(reopened, '.jc-user .jc-bubble')).toEqual([first.request.message]);
  wx.reply(second);
  const button = reopened.querySelectorAll('.jc-qr').filter((b) => b.dom.textContent.trim() === '非居民').pop();
  button.dispatchEvent('tap');
  await until(() => botBubbles(reopened).join('\n').includes('15个工作日'));
  expect(wx.requests.map((r) => r.data.sender)).toEqual([sender, sender]);
});

test('新对话 starts over with a new conversation id', async () => {
  wx.reply(...exchanges('card'));
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, '开公司要多久');
  await until(() => comp.querySelector('.jc-card'));
  const before = wx.storage[KEYS.sender];
  comp.querySelector('#new-chat').dispatchEvent('tap');
  await until(() => !comp.querySelector('.jc-card'));
  expect(wx.storage[KEYS.sender]).not.toBe(before);
  expect(wx.storage[KEYS.log]).toHaveLength(1);
});

test('a network error shows the banner and 未发送; 重试 sends the same message again', async () => {
  wx.goOffline(1);
  wx.reply(...exchanges('card'));
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, '开公司要多久');
  await until(() => comp.querySelector('.jc-banner'));
  expect(comp.querySelector('.jc-banner-text').dom.textContent).toContain('服务暂时无法连接');
  expect(texts(comp, '.jc-flag')).toEqual(['未发送']);
  expect(comp.querySelector('.jc-card')).toBeUndefined();

  comp.querySelector('.jc-retry').dispatchEvent('tap');
  await until(() => comp.querySelector('.jc-card'));
  expect(wx.requests.map((r) => r.data.message)).toEqual(['开公司要多久', '开公司要多久']);
  expect(comp.querySelector('.jc-banner')).toBeUndefined();
  expect(texts(comp, '.jc-flag')).toEqual([]);
  expect(texts(comp, '.jc-user .jc-bubble')).toEqual(['开公司要多久']); // not shown twice
});

test('429: the gateway rate limit is explained with its Retry-After, and retry is offered', async () => {
  const limited = fixture('rate_limited').exchanges[0];
  wx.reply(limited);
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, limited.request.message);
  await until(() => comp.querySelector('.jc-banner'));
  const text = comp.querySelector('.jc-banner-text').dom.textContent;
  expect(text).toContain('请求过于频繁');
  expect(text).toContain('约' + limited.retry_after + '秒后可重试');
  expect(comp.querySelector('.jc-retry')).toBeDefined();
});

test('413: a message that is too long is explained and given back to edit, with no retry', async () => {
  const tooLong = fixture('too_long').exchanges[0];
  wx.reply(tooLong);
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, tooLong.request.message);
  await until(() => comp.querySelector('.jc-banner'));
  expect(comp.querySelector('.jc-banner-text').dom.textContent).toContain('消息过长');
  expect(comp.querySelector('.jc-retry')).toBeUndefined();
  expect(comp.instance.data.draft).toBe(tooLong.request.message);
});

test('degraded mode: the notice, the catalog answer and its card marked as from the catalog', async () => {
  const degraded = fixture('degraded').exchanges[0];
  wx.reply(degraded);
  const comp = renderChat({ baseUrl: BASE });
  await typeAndSend(comp, degraded.request.message);
  await until(() => comp.querySelector('.jc-card'));
  expect(texts(comp, '.jc-notice .jc-bubble')[0]).toContain('智能问答暂时繁忙');
  expect(texts(comp, '.jc-card-degraded')).toEqual(['以上信息来自服务目录检索']);
  expect(texts(comp, '.jc-limit-amount')).toEqual(['3个工作日']);
});

test('hand-off: 12345 is called with wx.makePhoneCall and the summary copied with wx.setClipboardData', async () => {
  const turns = exchanges('handoff');
  wx.reply(...turns);
  const comp = renderChat({ baseUrl: BASE });
  for (const t of turns) {
    const n = wx.requests.length;
    await typeAndSend(comp, t.request.message);
    await until(() => wx.requests.length === n + 1 && wx.pending() === turns.length - n - 1 && !comp.instance.data.busy);
  }
  await until(() => comp.querySelector('.jc-call'));
  comp.querySelector('.jc-call').dispatchEvent('tap');
  await until(() => wx.calls.phone.length === 1);
  expect(wx.calls.phone).toEqual(['12345']);

  comp.querySelector('.jc-copy').dispatchEvent('tap');
  await until(() => wx.calls.clipboard.length === 1);
  const handoffText = turns[turns.length - 1].body.messages.map((m) => m.text || '').join('');
  const summary = handoffText.split('问题摘要：')[1].trim();
  expect(summary).toContain('开公司要多久');
  expect(wx.calls.clipboard).toEqual([summary]);
});
