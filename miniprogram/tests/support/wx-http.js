/* wx.request over real HTTP (Node's http module), for the e2e spec: the component's request goes
 * to the gateway exactly as it would from WeChat (same URL, method, JSON body and headers). */
'use strict';

const http = require('http');
const https = require('https');
const { Buffer } = require('buffer');

function request(opts) {
  const url = new URL(opts.url);
  const body = Buffer.from(JSON.stringify(opts.data === undefined ? {} : opts.data), 'utf8');
  const lib = url.protocol === 'https:' ? https : http;
  const req = lib.request(url, {
    method: opts.method || 'GET',
    headers: Object.assign({}, opts.header, { 'content-length': body.length }),
    timeout: opts.timeout || 60000
  }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let data = text;
      if (opts.dataType !== 'text') {
        try { data = JSON.parse(text); } catch (e) { /* wx keeps the string */ }
      }
      opts.success && opts.success({ statusCode: res.statusCode, data, header: res.headers });
      opts.complete && opts.complete();
    });
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (e) => {
    opts.fail && opts.fail({ errMsg: 'request:fail ' + e.message });
    opts.complete && opts.complete();
  });
  req.end(body);
  return { abort: () => req.destroy() };
}

module.exports = { request };
