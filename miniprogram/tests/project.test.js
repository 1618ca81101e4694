/* The demo mini-program is a complete project: every page app.json lists has its four files, and
 * every usingComponents path resolves to a component with its four files. */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const read = (p) => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8'));
const hasAll = (base) => ['.js', '.json', '.wxml', '.wxss'].filter((ext) => !fs.existsSync(base + ext));

test('app.json pages and their components exist', () => {
  const app = read('app.json');
  expect(app.pages.length).toBeGreaterThan(0);
  for (const page of app.pages) {
    expect(hasAll(path.join(ROOT, page))).toEqual([]);
    const using = read(page + '.json').usingComponents || {};
    expect(Object.keys(using)).toContain('jisuwen-chat');
    for (const comp of Object.values(using)) {
      const base = comp.startsWith('/') ? path.join(ROOT, comp) : path.join(ROOT, path.dirname(page), comp);
      expect(hasAll(base)).toEqual([]);
      expect(read(path.relative(ROOT, base) + '.json').component).toBe(true);
    }
  }
  const config = read('project.config.json');
  expect(config.compileType).toBe('miniprogram');
  expect(fs.existsSync(path.join(ROOT, 'sitemap.json'))).toBe(true);
});

test('the component uses no DOM API and sizes in rpx only', () => {
  const dir = path.join(ROOT, 'components', 'jisuwen-chat');
  const js = ['index.js', 'view-model.js'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
  expect(js).not.toMatch(/\b(document|window|localStorage|fetch|XMLHttpRequest)\b/);
  const wxss = fs.readFileSync(path.join(dir, 'index.wxss'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  expect(wxss).not.toMatch(/\d(px|rem|em)\b/);
  expect(wxss).toContain('env(safe-area-inset-bottom)');
});
