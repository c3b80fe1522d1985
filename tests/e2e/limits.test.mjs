// Limits and privacy: oversized notes and imports get a clear message and the page stays
// responsive; the widget asks the network for nothing but its own files, the article and the
// lexicon, and stores nothing outside its own keys. (With `sync` set, its only other requests go to
// that database: tests/e2e/sync.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, APP_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a note over the length limit is refused with a message, the reader\'s text kept', async () => {
  const page = await openPage(browser);
  const para = page.locator('[data-aa-paragraph]').nth(2);
  await para.locator('[data-aa-action="add-note"]').click();
  await para.locator('[data-aa-field="note-text"]').fill('x'.repeat(20001));
  await para.locator('[data-aa-action="save-note"]').click();
  assert.match(await para.locator('.aa-editor__error').textContent(), /quá dài \(20001 ký tự; tối đa 20000\)/);
  assert.equal((await para.locator('[data-aa-field="note-text"]').inputValue()).length, 20001, 'nothing typed is lost');
  assert.equal(await page.locator('.aa-note').count(), 0);
  await page.context().close();
});

test('imports of 100,000 items or 50 MB get a clear message and the page stays responsive', async () => {
  const page = await openPage(browser);
  const results = await page.evaluate(() => {
    const el = document.querySelector('#app');
    const item = { id: '00000000-0000-4000-8000-000000000000' };
    const many = JSON.stringify({ format: 'article-annotator', version: 1, annotations: Array(100000).fill({ id: item.id }) });
    const big = JSON.stringify({ format: 'article-annotator', version: 1, annotations: [], padding: 'x'.repeat(50 * 1024 * 1024) });
    const out = [];
    for (const text of [many, big]) {
      const t0 = performance.now();
      const report = el.importJson(text);
      out.push({ ms: performance.now() - t0, reason: report.errors[0]?.reason ?? '', added: report.added });
    }
    return out;
  });
  assert.match(results[0].reason, /100000 ghi chú \(tối đa 20000\)/, 'in the widget\'s language');
  assert.match(results[1].reason, /tệp quá lớn \(\d+ byte; tối đa 10485760\)/);
  for (const r of results) {
    assert.equal(r.added, 0);
    assert.ok(r.ms < 5000, `answered in ${r.ms.toFixed(0)} ms`);
  }
  assert.equal(await page.evaluate(() => 1 + 1), 2, 'the page still responds');
  assert.equal(await page.locator('.aa-note').count(), 0);
  await page.context().close();
});

test('without sync, no request but the widget\'s files, the article and the lexicon; no storage but its own keys', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(new URL('examples/news-page.html', APP_URL).href);
  // The host's own article, in place: its blocks get their controls.
  await page.locator('article-annotator aa-tools [data-aa-action="add-note"]').first().click();
  await page.locator('article-annotator [data-aa-field="note-text"]').fill('riêng tư');
  await page.locator('article-annotator [data-aa-action="save-note"]').click();
  await page.locator('article-annotator .aa-note').waitFor();
  await page.waitForTimeout(500);
  const origin = new URL(APP_URL).origin;
  const paths = requests.map((u) => { const x = new URL(u); assert.equal(x.origin, origin, `request off the page's origin: ${u}`); return x.pathname; });
  const widget = paths.filter((p) => !p.startsWith('/examples/news-page'));
  assert.deepEqual([...new Set(widget)].sort(), ['/annotator.css', '/article-annotator-element.js', '/article-annotator.js', '/article-annotator_bg.wasm', '/examples/lexicon.json'].sort());
  const keys = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]);
  assert.ok(keys.length > 0 && keys.every((k) => k.startsWith('article-annotator:')), `keys ${keys}`);
  assert.equal(await page.evaluate(() => document.cookie), '');
  await context.close();
});
