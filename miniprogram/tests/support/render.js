/* Load and attach the jisuwen-chat component with miniprogram-simulate. */
'use strict';

const path = require('path');
const simulate = require('miniprogram-simulate');

const COMPONENT = path.join(__dirname, '..', '..', 'components', 'jisuwen-chat', 'index');

let componentId = null;

function renderChat(props = { baseUrl: 'https://gateway.test' }) {
  // Loaded once per test file: loading the same path again registers nothing new.
  componentId = componentId || simulate.load(COMPONENT, 'jisuwen-chat');
  const id = componentId;
  const comp = simulate.render(id, props);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  comp.attach(parent);
  return comp;
}

/* Wait until cond() is true (the component answers asynchronously). */
async function until(cond, timeoutMs = 5000, stepMs = 10) {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + cond.toString());
    await simulate.sleep(stepMs);
  }
}

function texts(comp, selector) {
  return comp.querySelectorAll(selector).map((n) => n.dom.textContent.trim());
}

/* Type into the composer and tap 发送. */
async function typeAndSend(comp, text) {
  const input = comp.querySelector('.jc-input');
  input.dispatchEvent('input', { detail: { value: text } });
  await simulate.sleep(0);
  comp.querySelector('.jc-send').dispatchEvent('tap');
  await simulate.sleep(0);
}

module.exports = { renderChat, until, texts, typeAndSend, simulate };
