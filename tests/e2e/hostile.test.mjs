// Hostile input: 50 payloads in every place data enters the widget — article text (plain and
// JSON), the host's markup, note bodies, tags, native and W3C imports, a newsroom lexicon. None
// may run (window.__pwned is a trap; dialogs are watched), none may break the layout out of the
// widget, and each must be shown as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, APP_URL } from './helpers.mjs';
import { PAYLOADS } from './fixtures/payloads.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const url = (path) => new URL(path, APP_URL).href;
const counts = {};

async function open(routes = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.dialogs = [];
  page.on('dialog', async (d) => { page.dialogs.push(d.message()); await d.dismiss(); });
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.addInitScript(() => {
    window.__hits = [];
    Object.defineProperty(window, '__pwned', { configurable: false, get: () => undefined, set: (v) => window.__hits.push(v) });
  });
  for (const [pattern, body] of Object.entries(routes)) {
    await page.route(pattern, (r) => r.fulfill({ status: 200, contentType: pattern.endsWith('.json') ? 'application/json' : 'text/plain', body }));
  }
  await page.goto(url('examples/two-widgets.html'));
  await page.locator('#first [data-aa-entity]').first().waitFor();
  return page;
}

/** Nothing ran, the page kept its own elements, and the widget did not spill out. */
async function assertSafe(page, place, hostSelector) {
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__hits), [], `${place}: a payload ran`);
  assert.deepEqual(page.dialogs, [], `${place}: a dialog opened`);
  const layout = await page.evaluate((sel) => {
    const host = document.querySelector(sel);
    // In place the article is the host's own (its overflow is the host's CSS): the widget's part
    // is its header.
    const root = host.shadowRoot.querySelector('.aa-root--in-place > .aa-header') ?? host.shadowRoot.querySelector('.aa-root');
    const hostBox = host.getBoundingClientRect();
    const rootBox = root.getBoundingClientRect();
    return {
      bodyChildren: [...document.body.children].map((e) => e.tagName.toLowerCase()),
      overflow: root.scrollWidth - root.clientWidth,
      inside: rootBox.left >= hostBox.left - 1 && rootBox.right <= hostBox.right + 1,
      bodyBg: getComputedStyle(document.body).backgroundColor,
      injected: document.querySelectorAll('img, iframe, object, embed, svg, math, style:not([data-keep])').length,
    };
  }, hostSelector);
  assert.ok(layout.overflow <= 1, `${place}: text overflows the widget by ${layout.overflow}px`);
  assert.ok(layout.inside, `${place}: the widget left its box`);
  assert.notEqual(layout.bodyBg, 'rgb(255, 0, 0)', `${place}: page CSS changed`);
  assert.equal(layout.injected, 0, `${place}: markup reached the page`);
  assert.deepEqual(page.problems, [], `${place}: errors`);
}

/** The widget's text, for checking payloads are shown as text; in place (`[data-article-annotator]`),
 * the host's own article, shown through the widget's slot. */
const shownText = (page, sel) => page.evaluate((s) => {
  const host = document.querySelector(s);
  return host.hasAttribute('data-article-annotator') ? host.textContent : host.shadowRoot.querySelector('.aa-root').textContent;
}, sel);
const squash = (s) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

async function mountText(page, id, options) {
  await page.evaluate(async ([id, options]) => {
    const div = document.createElement('div');
    div.id = id;
    div.style.width = '600px';
    document.body.append(div);
    await window.ArticleAnnotator.mount(div, options);
  }, [id, options]);
  await page.locator(`#${id} .aa-root`).waitFor();
}

test('payloads in plain-text and JSON articles, and in the host\'s markup, are shown as text', async () => {
  const plain = ['Tiêu đề thử nghiệm', '', ...PAYLOADS.flatMap((p) => [p, ''])].join('\n');
  const json = JSON.stringify({ title: PAYLOADS[0], lead: PAYLOADS[5], paragraphs: PAYLOADS, byline: PAYLOADS[1] });
  const page = await open({ '**/hostile/article.json': json });
  await mountText(page, 'plain', { text: plain, articleId: 'hostile-plain' });
  await page.evaluate(() => { const el = document.createElement('article-annotator'); el.id = 'json'; el.setAttribute('src', 'hostile/article.json'); el.setAttribute('article-id', 'hostile-json'); document.body.append(el); });
  await page.locator('#json .aa-root').waitFor();
  // Host markup: the page's own paragraphs carry the payloads as text.
  await page.evaluate((payloads) => {
    const host = document.createElement('section');
    host.id = 'hosted';
    host.setAttribute('data-article-annotator', '');
    const h = document.createElement('h1'); h.textContent = 'Bài của trang'; host.append(h);
    for (const p of payloads) { const el = document.createElement('p'); el.textContent = p; host.append(el); }
    document.body.append(host);
    return window.ArticleAnnotator.mount(host, { articleId: 'hostile-host' });
  }, PAYLOADS);
  await page.locator('#hosted .aa-root--in-place').waitFor();
  for (const sel of ['#plain', '#json', '#hosted']) {
    const text = squash(await shownText(page, sel));
    for (const p of PAYLOADS) assert.ok(text.includes(squash(p).replace(/[\u200B\u200D\u2060\uFEFF]/g, (c) => c)), `${sel}: shown as text: ${p.slice(0, 40)}`);
    await assertSafe(page, sel, sel);
  }
  counts['article (plain text)'] = PAYLOADS.length;
  counts['article (JSON)'] = PAYLOADS.length;
  counts['host markup'] = PAYLOADS.length;
  await page.context().close();
});

test('payloads as notes, tags and imports (native and W3C) are shown as text', async () => {
  const page = await open();
  const first = page.locator('#first');
  const para = first.locator('[data-aa-paragraph]').nth(1);
  for (const p of PAYLOADS.slice(0, 12)) {
    await para.locator('[data-aa-action="add-note"]').click();
    await para.locator('[data-aa-field="note-text"]').fill(p);
    await para.locator('[data-aa-action="save-note"]').click();
  }
  assert.equal(await para.locator('.aa-note').count(), 12);
  // The rest arrive by import, with payloads in text and tags, in both formats.
  const native = JSON.parse(await page.evaluate(() => document.querySelector('#first').exportJson()));
  const template = native.annotations[0];
  const uuid = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  native.annotations = PAYLOADS.slice(12).map((p, i) => ({ ...template, id: uuid(i), text: p, tags: [p.slice(0, 60), 'thẻ'] }));
  const report = await page.evaluate((t) => document.querySelector('#first').importJson(t), JSON.stringify(native));
  assert.equal(report.added, PAYLOADS.length - 12, JSON.stringify(report.errors.slice(0, 3)));
  const w3c = JSON.parse(await page.evaluate(() => document.querySelector('#first').exportW3c()));
  w3c.first.items = w3c.first.items.slice(0, 5).map((a, i) => ({ ...a, id: `urn:uuid:${uuid(900 + i)}`, body: [{ type: 'TextualBody', value: PAYLOADS[i] }, { type: 'TextualBody', purpose: 'tagging', value: PAYLOADS[i + 5] }] }));
  const report2 = await page.evaluate((t) => document.querySelector('#first').importJson(t), JSON.stringify(w3c));
  assert.equal(report2.added, 5, JSON.stringify(report2.errors.slice(0, 3)));
  await page.locator('#first .aa-note').nth(PAYLOADS.length + 4).waitFor();
  const text = squash(await shownText(page, '#first'));
  for (const p of PAYLOADS) assert.ok(text.includes(squash(p)), `note shown as text: ${p.slice(0, 40)}`);
  // Hover and focus every note: no handler runs.
  await first.locator('.aa-note__text').nth(11).hover();
  await assertSafe(page, 'notes and imports', '#first');
  await page.reload();
  await page.locator('#first .aa-note').nth(PAYLOADS.length + 4).waitFor();
  await assertSafe(page, 'notes after reload', '#first');
  counts['note bodies'] = 12;
  counts['imported native JSON (text and tags)'] = (PAYLOADS.length - 12) * 2;
  counts['imported W3C JSON (text and tags)'] = 10;
  await page.context().close();
});

test('payloads in a newsroom lexicon are found as text, never as markup', async () => {
  const names = PAYLOADS.filter((p) => p.length < 200).slice(0, 40);
  const lexicon = JSON.stringify({ bodies: ['Quỹ Hải Long', ...names], officials: names.slice(0, 5), titles: names.slice(5, 10) });
  const article = ['Bài có tên lạ', '', 'Quỹ Hải Long trao quà.', '', ...names.map((n) => `Hôm nay ${n} đã họp.`).flatMap((p) => [p, ''])].join('\n');
  const page = await open({ '**/hostile/lexicon.json': lexicon, '**/hostile/lexicon-article.txt': article });
  await page.evaluate(() => { const el = document.createElement('article-annotator'); el.id = 'lex'; el.setAttribute('src', 'hostile/lexicon-article.txt'); el.setAttribute('lexicon', 'hostile/lexicon.json'); document.body.append(el); });
  await page.locator('#lex .aa-root').waitFor();
  await page.locator('#lex [data-aa-entity="body"]', { hasText: 'Quỹ Hải Long' }).waitFor();
  const text = squash(await shownText(page, '#lex'));
  for (const n of names) assert.ok(text.includes(squash(n)), `lexicon name shown as text: ${n.slice(0, 40)}`);
  await assertSafe(page, 'lexicon', '#lex');
  counts['lexicon file'] = names.length + 10;
  await page.context().close();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`hostile payloads by place (${PAYLOADS.length} distinct, ${total} placed):\n${Object.entries(counts).map(([k, v]) => `- ${k}: ${v}`).join('\n')}`);
});
