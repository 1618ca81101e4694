/* e2e: the component against the real stack. wx.request makes a real HTTP call to the gateway
 * at JISUWEN_GATEWAY_URL (tests/e2e/test_miniprogram.py starts the stack and sets it). */
'use strict';

const { installFakeWx } = require('../support/fake-wx');
const { request } = require('../support/wx-http');
const { renderChat, until, texts, typeAndSend } = require('../support/render');

const GATEWAY = process.env.JISUWEN_GATEWAY_URL;

test('开公司要多久 is answered by the real gateway with the catalog figure, 3个工作日', async () => {
  if (!GATEWAY) throw new Error('set JISUWEN_GATEWAY_URL to the gateway under test');
  installFakeWx();           // storage in memory, as WeChat's would be
  global.wx.request = request; // but the network is real
  const comp = renderChat({ baseUrl: GATEWAY });
  await typeAndSend(comp, '开公司要多久');
  await until(() => comp.querySelector('.jc-card') || comp.querySelector('.jc-banner'), 60000, 50);

  expect(comp.querySelector('.jc-banner')).toBeUndefined();
  expect(texts(comp, '.jc-bot .jc-bubble').join('\n')).toContain('3个工作日');
  expect(texts(comp, '.jc-card-name')).toEqual(['企业开办']);
  expect(texts(comp, '.jc-limit-amount')).toEqual(['3个工作日']);
  expect(texts(comp, '.jc-citation-title')).toEqual(['依据：《行动方案（2023—2025年）》第3条']);
  expect(texts(comp, '.jc-rate')).toEqual(['满意', '不满意']);
}, 90000);
