// End-to-end: another annotation client reads our W3C export on the same page, and we read its.
// The client is Recogito's text-annotator (npm @recogito/text-annotator, pinned in package.json),
// its UMD bundle served to the page from node_modules by the test itself (no network): given our
// `exportW3c()`, every annotation it revives must cover exactly its quote — over the seed's
// paragraphs as plain HTML, over the widget's rendered article and, in place, over the host's own
// article (examples/in-place.html); and an annotation it makes from a reader's selection,
// serialised by its W3C adapter, must land on the same text through `importJson()`.
// Figures (where each revived range stands against its quote) go to target/e2e/interop.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { launch, openPage, addNote, selectPassage, APP_URL } from './helpers.mjs';

const RECOGITO_BUNDLE = 'node_modules/@recogito/text-annotator/dist/text-annotator.umd.js';
const RECOGITO_URL = new URL('__interop/recogito.js', APP_URL).href;
const PLAIN_URL = new URL('__interop/plain.html', APP_URL).href;

let browser;
let bundle;
const figures = {};
before(async () => {
  browser = await launch();
  bundle = await readFile(RECOGITO_BUNDLE, 'utf8');
  await mkdir('target/e2e', { recursive: true });
});
after(async () => {
  await writeFile('target/e2e/interop.json', JSON.stringify(figures, null, 2));
  await browser?.close();
});

// Runs in the page, after Recogito's bundle: `window.RecogitoJS`.
const PAGE_HELPERS = `
window.__interop = (() => {
  const R = () => window.RecogitoJS;
  // The container: a selector in the page, or one inside the open shadow root of a host.
  const find = (where) => where.host
    ? document.querySelector(where.host).shadowRoot.querySelector(where.inside)
    : document.querySelector(where.selector);
  // The widget's own elements are not the article's text: Recogito leaves out .not-annotatable.
  const prepare = (container) => {
    container.querySelectorAll('[data-aa-ui]').forEach((e) => e.classList.add(R().NOT_ANNOTATABLE_CLASS));
    return container;
  };
  // The text Recogito counts in a container (its text nodes outside .not-annotatable).
  const text = (container) => {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, (n) =>
      n.parentElement?.closest(R().NOT_ANNOTATABLE_SELECTOR) ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT);
    let out = '';
    while (walker.nextNode()) out += walker.currentNode.data;
    return out;
  };
  const annotator = (container) => R().createTextAnnotator(container, {
    adapter: R().W3CTextFormat(location.href.split('#')[0], container),
  });
  return {
    // Gives Recogito the annotations and reads back, for each, the text its revived range covers
    // and where the quote really stands in the text it counts (the nearest occurrence).
    revive(where, items) {
      const container = prepare(find(where));
      const whole = text(container);
      const anno = annotator(container);
      anno.setAnnotations(items);
      const all = anno.state.store.all();
      const out = items.map((item) => {
        const selectors = [item.target].flat()[0].selector;
        const quote = selectors.find((s) => s.type === 'TextQuoteSelector').exact;
        const position = selectors.find((s) => s.type === 'TextPositionSelector');
        const revived = all.find((a) => a.id === item.id);
        const range = revived?.target.selector[0].range;
        let truth = -1;
        for (let at = whole.indexOf(quote); at >= 0; at = whole.indexOf(quote, at + 1)) {
          if (truth < 0 || Math.abs(at - position.start) < Math.abs(truth - position.start)) truth = at;
        }
        return {
          id: item.id, quote, start: position.start, end: position.end,
          revived: range && !range.collapsed ? range.toString() : null,
          off: truth < 0 ? null : position.start - truth,
        };
      });
      anno.destroy();
      return out;
    },
    // Starts Recogito on the container, to make an annotation from the reader's selection.
    start(where) {
      window.__anno = annotator(prepare(find(where)));
    },
    // Selects code units 'from..to' of the container's text as a reader's selection gesture
    // reaches Recogito: a pointer down on the text, the document's selection, a pointer up.
    async select(where, from, to) {
      const container = find(where);
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, (n) =>
        n.parentElement?.closest(R().NOT_ANNOTATABLE_SELECTOR) ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT);
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      const place = (at, end) => {
        let seen = 0;
        for (const n of nodes) {
          if (at < seen + n.data.length || (end && at === seen + n.data.length)) return [n, at - seen];
          seen += n.data.length;
        }
        throw new Error('offset past the text: ' + at);
      };
      const [a, aOffset] = place(from, false);
      const [b, bOffset] = place(to, true);
      const pointer = (type, node) => node.parentElement.dispatchEvent(new PointerEvent(type, {
        bubbles: true, composed: true, button: 0, buttons: type === 'pointerdown' ? 1 : 0,
        isPrimary: true, pointerId: 1, pointerType: 'mouse',
      }));
      pointer('pointerdown', a);
      getSelection().setBaseAndExtent(a, aOffset, b, bOffset);
      await new Promise((r) => setTimeout(r, 100));
      pointer('pointerup', b);
      await new Promise((r) => setTimeout(r, 100));
    },
    text: (where) => text(prepare(find(where))),
    // The annotations Recogito made, with a comment body, as its W3C adapter writes them.
    made(comment) {
      const anno = window.__anno;
      for (const a of anno.state.store.all()) {
        anno.state.store.addBody({ id: crypto.randomUUID(), annotation: a.id, type: 'TextualBody', purpose: 'commenting', value: comment });
      }
      return anno.getAnnotations();
    },
    count: () => window.__anno.state.store.all().length,
  };
})();
`;

/** Gives `page` Recogito's bundle (served from node_modules) and the helpers above. */
async function withRecogito(page) {
  await page.route(RECOGITO_URL, (route) => route.fulfill({ body: bundle, contentType: 'text/javascript; charset=utf-8' }));
  // The bundle reads `process.env.NODE_ENV`, which a bundler would have replaced.
  await page.addScriptTag({ content: "window.process ??= { env: { NODE_ENV: 'production' } };" });
  await page.addScriptTag({ url: RECOGITO_URL });
  await page.addScriptTag({ content: PAGE_HELPERS });
  assert.equal(await page.evaluate(() => typeof window.RecogitoJS?.createTextAnnotator), 'function');
}

/** Every revived range covers its quote; `what` names the page in the message. */
function assertRevived(results, what) {
  const wrong = results.filter((r) => r.revived !== r.quote);
  assert.deepEqual(
    wrong.map((r) => ({ quote: r.quote, revived: r.revived, off: r.off })),
    [],
    `${what}: ${wrong.length} of ${results.length} annotations revived off their quote`,
  );
}

/**
 * A W3C annotation of `exact` (with the text before it, `prefix`, where the article has the quote
 * more than once) and no position: it is placed by its quote, to import.
 */
function quoteOnly(id, exact, comment, prefix = '') {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld', id: `urn:uuid:${id}`, type: 'Annotation', motivation: 'commenting',
    created: '2026-12-06T01:00:00.000Z', body: { type: 'TextualBody', value: comment, purpose: 'commenting' },
    target: { source: 'urn:test', selector: { type: 'TextQuoteSelector', exact, prefix } },
  };
}

const RENDERED = { host: '#app', inside: '.aa-article' };
const PLAIN = { selector: '#plain' };

test('our W3C export revives on its quotes in Recogito, over the rendered article and its paragraphs as plain HTML', async () => {
  const page = await openPage(browser);
  const count = await page.locator('[data-aa-paragraph]').count();
  const middle = Math.floor(count / 2);
  await addNote(page, 0, 'đoạn đầu');
  await addNote(page, middle, 'đoạn giữa');
  await addNote(page, count - 1, 'đoạn cuối');
  await addNote(page, 4, 'đoạn thứ năm');
  // A passage across entity highlights (several text nodes in the rendered article).
  await selectPassage(page, 2, 'Phạm Xuân Thăng', 'Phó Bí thư');
  const para = page.locator('[data-aa-paragraph]').nth(2);
  await para.locator('[data-aa-action="add-passage-note"]').click();
  await para.locator('[data-aa-field="note-text"]').fill('người chủ trì');
  await para.locator('[data-aa-action="save-note"]').click();
  await para.locator('.aa-note__quote', { hasText: 'Phạm Xuân Thăng, Phó Bí thư' }).waitFor();
  const w3c = JSON.parse(await page.evaluate(() => document.querySelector('#app').exportW3c()));
  const items = w3c.first.items;
  assert.equal(items.length, 5);
  // The seed has no URL: its URN names it.
  for (const item of items) assert.match(item.target.source, /^urn:article-annotator:article:/);

  await withRecogito(page);
  const rendered = await page.evaluate(([w, i]) => window.__interop.revive(w, i), [RENDERED, items]);
  figures.rendered = rendered;

  // The same paragraphs as a plain HTML page, one <p> each, nothing between them.
  const paragraphs = await page.evaluate(() =>
    [...document.querySelector('#app').shadowRoot.querySelectorAll('[data-aa-paragraph] .aa-paragraph__text')].map((p) => p.textContent));
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>plain</title></head><body>`
    + `<article id="plain">${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</article></body></html>`;
  const plain = await browser.newPage();
  await plain.route(PLAIN_URL, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
  await plain.goto(PLAIN_URL);
  await withRecogito(plain);
  figures.plain = await plain.evaluate(([w, i]) => window.__interop.revive(w, i), [PLAIN, items]);
  assertRevived(figures.plain, 'plain HTML of the paragraphs');
  assertRevived(rendered, 'the rendered article');
  await plain.close();
  await page.context().close();
});

test('an annotation Recogito makes on the paragraphs lands on the same text through importJson()', async () => {
  const page = await openPage(browser);
  const paragraphs = await page.evaluate(() =>
    [...document.querySelector('#app').shadowRoot.querySelectorAll('[data-aa-paragraph] .aa-paragraph__text')].map((p) => p.textContent));
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  // As an HTML source is written: one paragraph a line.
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>plain</title></head><body>\n`
    + `<article id="plain">\n${paragraphs.map((p) => `  <p>${escape(p)}</p>`).join('\n')}\n</article></body></html>`;
  const plain = await browser.newPage();
  await plain.route(PLAIN_URL, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
  await plain.goto(PLAIN_URL);
  await withRecogito(plain);
  await plain.evaluate((w) => window.__interop.start(w), PLAIN);
  // The reader selects a passage of the fifth paragraph.
  const whole = await plain.evaluate((w) => window.__interop.text(w), PLAIN);
  const wanted = 'Phó Bí thư Thường trực Tỉnh ủy yêu cầu';
  const from = whole.indexOf(wanted, whole.indexOf(paragraphs[4]));
  assert.ok(from >= 0);
  // The selection is made as the gesture reaches Recogito (a pointer down, the document's
  // selection, a pointer up), as in place: a mouse drag's selection could stop short or run on.
  await plain.evaluate(([w, a, b]) => window.__interop.select(w, a, b), [PLAIN, from, from + wanted.length]);
  await plain.waitForFunction(() => window.__interop.count() > 0, null, { timeout: 5000 });
  const made = await plain.evaluate(() => window.__interop.made('Recogito ghi'));
  await plain.close();
  assert.equal(made.length, 1);
  const exact = [made[0].target].flat()[0].selector.find((s) => s.type === 'TextQuoteSelector').exact;
  assert.equal(exact, wanted, 'Recogito quotes what the reader selected');

  const report = await page.evaluate((t) => document.querySelector('#app').importJson(t), JSON.stringify(made));
  assert.deepEqual({ added: report.added, errors: report.errors }, { added: 1, errors: [] });
  const id = made[0].id.replace(/^urn:uuid:/, '');
  const marked = page.locator(`[data-aa-paragraph] [data-aa-note="${id}"]`);
  await marked.first().waitFor();
  assert.equal((await marked.allTextContents()).join(''), wanted, 'the note is on the text Recogito annotated');
  const owner = await marked.first().evaluate((e) => e.closest('[data-aa-paragraph]').querySelector('.aa-paragraph__text').textContent);
  assert.equal(owner, paragraphs[4], 'in the same paragraph');
  await page.context().close();
});

// In place: the host's own article, whose text Recogito counts less the widget's own elements
// ([data-aa-ui], which the helpers mark not annotatable).
test('in place: Recogito revives our export on the host article (first, middle and last blocks, in a link, across emphasis), and we import its annotation', async () => {
  const page = await browser.newPage();
  await page.goto(new URL('examples/in-place.html', APP_URL).href);
  await page.waitForFunction(() => document.querySelector('article-annotator [data-aa-ui]'));
  const host = 'article-annotator';
  const HOST = { selector: host };
  const passages = [
    ['Sáng 20.11, UBND tỉnh Bình An tổ chức hội nghị', 'khối đầu'],
    ['Sở Thông tin và Truyền thông', 'trong liên kết'],
    ['nộp qua Cổng dịch vụ công', 'qua chữ nghiêng'],
    ['Công an tỉnh hoàn thành kết nối dữ liệu dân cư', 'khối giữa'],
    // The byline: the photo's caption credits the same name.
    ['MINH KHANG', 'khối cuối', 'góp ý được về chất lượng phục vụ.'],
  ];
  const notes = passages.map(([exact, comment, prefix], i) => quoteOnly(`00000000-0000-4000-8000-00000000000${i + 1}`, exact, comment, prefix));
  const report = await page.evaluate(([h, n]) => document.querySelector(h).importJson(JSON.stringify(n)), [host, notes]);
  assert.deepEqual({ added: report.added, errors: report.errors }, { added: passages.length, errors: [] });
  const w3c = JSON.parse(await page.evaluate((h) => document.querySelector(h).exportW3c(), host));
  const items = w3c.first.items;
  const pageUrl = new URL('examples/in-place.html', APP_URL).href;
  for (const item of items) assert.equal(item.target.source, pageUrl, 'the page (it has no canonical link) is the source');
  await withRecogito(page);
  figures.inPlace = await page.evaluate(([w, i]) => window.__interop.revive(w, i), [HOST, items]);
  assertRevived(figures.inPlace, 'in place');
  assert.deepEqual(figures.inPlace.map((r) => r.quote), passages.map(([exact]) => exact));

  // The reverse: a reader selects a passage with Recogito on the same page. (The selection is
  // made as the gesture reaches Recogito, not by moving the mouse: with the widget in place a
  // mouse drag's selection ran on to the end of the block.)
  await page.evaluate((w) => window.__interop.start(w), HOST);
  const whole = await page.evaluate((w) => window.__interop.text(w), HOST);
  const wanted = 'thủ tục về đất đai và xây dựng';
  const from = whole.indexOf(wanted);
  assert.ok(from >= 0, 'the passage is on the page');
  await page.evaluate(([w, a, b]) => window.__interop.select(w, a, b), [HOST, from, from + wanted.length]);
  await page.waitForFunction(() => window.__interop.count() > 0, null, { timeout: 5000 });
  const made = await page.evaluate(() => window.__interop.made('Recogito ghi'));
  assert.equal(made.length, 1);
  const exact = [made[0].target].flat()[0].selector.find((s) => s.type === 'TextQuoteSelector').exact;
  assert.equal(exact, wanted, 'Recogito quotes what the reader selected');
  const imported = await page.evaluate(([h, m]) => document.querySelector(h).importJson(JSON.stringify(m)), [host, made]);
  assert.deepEqual({ added: imported.added, errors: imported.errors }, { added: 1, errors: [] });
  const native = JSON.parse(await page.evaluate((h) => document.querySelector(h).exportJson(), host));
  const id = made[0].id.replace(/^urn:uuid:/, '');
  assert.equal(native.annotations.find((n) => n.id === id)?.target.quote.exact, wanted);
  await page.close();
});
