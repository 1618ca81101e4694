/* The related-matters bubble (card related_matters, issue 15) in the jisuwen-chat component:
 * header, numbered lines each with its 第N条 folded as a card's 依据, the footer and a button per
 * service. The reply is recorded from the live gateway (tests/situations/related_matters.json);
 * it is kept apart from tests/fixtures, whose replies the chat contract validates and which does
 * not list this card type yet. */
'use strict';

const fs = require('fs');
const path = require('path');
const { installFakeWx } = require('./support/fake-wx');
const { renderChat, until, texts, typeAndSend } = require('./support/render');

const RECORDED = JSON.parse(fs.readFileSync(
  path.join(__dirname, 'situations', 'related_matters.json'), 'utf8')).exchanges;
const STORY = RECORDED[0].request.message;

let wx;
beforeEach(() => { wx = installFakeWx(); });

test('a told situation gets the related matters as numbered lines with 第N条 and buttons', async () => {
  wx.reply(...RECORDED);
  const comp = renderChat({ baseUrl: 'https://jisuwen.example.gov.cn' });
  await typeAndSend(comp, STORY);
  await until(() => comp.querySelector('.jc-related'));

  expect(texts(comp, '.jc-related-head')).toEqual(['您说的情况可能还涉及以下事项（出自《行动方案》）：']);
  expect(texts(comp, '.jc-related-no')).toEqual(['1.', '2.']);
  // The bracketed 第N条 moves to each line's 依据, as the service card shows it.
  expect(texts(comp, '.jc-related-text')).toEqual(['企业开办：承诺时限3个工作日', '燃气报装：承诺时限10个工作日']);
  expect(texts(comp, '.jc-related .jc-citation-title'))
    .toEqual(['依据：《行动方案》第3条', '依据：《行动方案》第46条']);
  expect(texts(comp, '.jc-related-foot')).toEqual(['具体以办理窗口告知为准，也可拨打12345咨询。']);
  // Not a second, plain copy of the same text.
  expect(texts(comp, '.jc-bot .jc-bubble').join('\n')).not.toContain('可能还涉及');
  expect(texts(comp, '.jc-related [class*="jc-qr"]')).toEqual([]);
  const entry = comp.instance.data.entries.find((e) => e.related);
  expect(entry.buttons.map((b) => b.title)).toEqual(['企业开办', '燃气报装']);

  // Tapping a line's 依据 opens its clause; the other stays folded; tapping again folds it.
  const titles = () => comp.querySelectorAll('.jc-related .jc-citation-title');
  titles()[1].dispatchEvent('tap');
  await until(() => comp.querySelector('.jc-related .jc-citation-text'));
  expect(texts(comp, '.jc-related .jc-citation-text'))
    .toEqual([RECORDED[0].body.messages[0].custom.steps[1].citation.text]);
  titles()[1].dispatchEvent('tap');
  await until(() => !comp.querySelector('.jc-related .jc-citation-text'));

  // A button asks about that service, as the checklist's do.
  const quick = comp.querySelectorAll('.jc-qr').slice(-2); // after the welcome's examples
  expect(quick.map((n) => n.dom.textContent.trim())).toEqual(['企业开办', '燃气报装']);
  const ask = '/inform_service{"service": "company-registration"}';
  wx.reply({ request: { message: ask }, status: 200,
    body: { sender: 's', messages: [{ text: '企业开办的承诺办理时限是3个工作日。' }] } });
  quick[0].dispatchEvent('tap');
  await until(() => wx.requests.length === 2);
  expect(wx.requests[1].data.message).toBe(ask);
});

test('a related_matters text without numbered lines is shown as sent', () => {
  const { botEntry } = require('../components/jisuwen-chat/view-model');
  const e = botEntry({ text: '您说的情况可能还涉及其他事项。', custom: { type: 'related_matters', steps: [] } }, 1);
  expect(e.related).toBeUndefined();
  expect(e.text).toBe('您说的情况可能还涉及其他事项。');
});
