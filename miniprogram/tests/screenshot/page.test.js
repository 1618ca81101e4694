/* Not a test: writes the component's miniprogram-simulate DOM, after a recorded conversation with
 * quick replies, a card and the 好差评 row, as a standalone HTML page (WXSS → CSS, rpx → px at a
 * 375 px wide screen) for scripts/miniprogram_screenshot.py to photograph in headless Chromium.
 * Run: SCREENSHOT_HTML=/tmp/mp.html [SCREENSHOT_LARGE=1 | SCREENSHOT_RELATED=1] npx jest tests/screenshot */
'use strict';

const fs = require('fs');
const path = require('path');
const { installFakeWx } = require('../support/fake-wx');
const { exchanges } = require('../support/fixtures');
const { renderChat, until, texts, typeAndSend } = require('../support/render');

const SCREEN_PX = 375;
const WXSS = path.join(__dirname, '..', '..', 'components', 'jisuwen-chat', 'index.wxss');
const TAG = 'jisuwen-chat';

/* The component's WXSS as a browser needs it: rpx → px at a 375 px screen (750rpx = the screen;
 * miniprogram-simulate's own style turns 1rpx into 1px), and class names carrying the
 * `${TAG}--` prefix that miniprogram-simulate's DOM gives them. */
function toCss(wxss) {
  return wxss
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(-?\d*\.?\d+)rpx/g, (_, n) => `${+(n * SCREEN_PX / 750).toFixed(2)}px`)
    .replace(/\.([A-Za-z_][-\w]*)/g, `.${TAG}--$1`);
}

const BASE_CSS = `
  html, body { margin: 0; height: 100%; }
  body { font-size: 16px; -webkit-font-smoothing: antialiased; }
  wx-view, wx-scroll-view { display: block; }
  wx-text { display: inline; white-space: pre-wrap; }
  wx-scroll-view { overflow-y: auto; }
  wx-scroll-view::-webkit-scrollbar { display: none; }
  wx-input { display: block; line-height: 40px; color: #6b6b6b; }
  wx-input::before { content: "请输入您的问题"; }
  .mp-page { height: 100%; }
`;

test('write the rendered conversation as HTML', async () => {
  const out = process.env.SCREENSHOT_HTML;
  if (!out) throw new Error('set SCREENSHOT_HTML to the HTML file to write');
  const wx = installFakeWx();
  if (process.env.SCREENSHOT_RELATED) {  // a told situation's related-matters bubble instead
    const told = JSON.parse(fs.readFileSync(
      path.join(__dirname, '..', 'situations', 'related_matters.json'), 'utf8')).exchanges;
    wx.reply(...told);
    const chat = renderChat({ baseUrl: 'https://jisuwen.example.gov.cn' });
    await typeAndSend(chat, told[0].request.message);
    await until(() => chat.querySelector('.jc-related'));
    chat.querySelector('.jc-related .jc-citation-title').dispatchEvent('tap');
    await until(() => chat.querySelector('.jc-related .jc-citation-text'));
    return writeHtml(out, chat);
  }
  const [ask, chosen] = exchanges('conditions');
  wx.reply(ask, chosen);
  const comp = renderChat({ baseUrl: 'https://jisuwen.example.gov.cn' });
  await typeAndSend(comp, ask.request.message);
  await until(() => texts(comp, '.jc-qr').includes('非居民'));
  comp.querySelectorAll('.jc-qr').filter((b) => b.dom.textContent.trim() === '非居民').pop()
    .dispatchEvent('tap');
  await until(() => comp.querySelector('.jc-rating'));
  if (process.env.SCREENSHOT_LARGE) {  // 大字 tapped, as an older user would
    comp.querySelector('#font-toggle').dispatchEvent('tap');
    await until(() => comp.instance.data.large);
  }

  writeHtml(out, comp);
});

function writeHtml(out, comp) {
  const styles = fs.readFileSync(WXSS, 'utf8');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=${SCREEN_PX}"><title>jisuwen-chat</title>
<style>${BASE_CSS}</style><style>${toCss(styles)}</style></head>
<body><div class="mp-page">${comp.dom.innerHTML}</div></body></html>\n`;
  fs.writeFileSync(out, html, 'utf8');
}
