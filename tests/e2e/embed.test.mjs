// End-to-end: embedding on news pages — one module script, the custom element in a shadow root,
// articles from a URL (text or JSON), from the host's markup or the seed, host CSS attacks,
// several widgets, attributes and methods, events, failures, and a strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, APP_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const url = (path) => new URL(path, APP_URL).href;

async function open(path, { init } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__aa = { events: [], violations: [] };
    for (const name of ['ready', 'change', 'error']) {
      document.addEventListener(`article-annotator:${name}`, (e) => window.__aa.events.push({ name, id: e.target.id, detail: e.detail }));
    }
    document.addEventListener('securitypolicyviolation', (e) => window.__aa.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (init) await init(page);
  await page.goto(url(path));
  return page;
}

// The host-CSS attacks of examples/news-page.css, and what the widget must still look like.
const ATTACKS = [
  'universal reset (* { margin: 0; padding: 0 })',
  'span, mark, button, p, li, select, textarea { all: unset !important; color: #f0f !important; font-size: 30px !important }',
  'mark { background: lime !important; text-decoration: none !important }',
  'button { border: 5px solid red !important; display: none !important }',
  'p { text-transform: uppercase !important; letter-spacing: 3px !important }',
  '.aa-root, .aa-entity, [data-aa-entity], [class^="aa-"] { display: none !important; color: red !important }',
  'body { font: 15px "Comic Sans MS" } (inherited fonts)',
];

test('on a news page with aggressive CSS the widget is untouched, themed only through --aa- properties', async () => {
  const page = await open('examples/news-page.html');
  // The host's own article, annotated in place: its controls live in shadow roots of their own.
  await page.locator('aa-tools [data-aa-action="add-note"]').first().waitFor();
  const look = await page.evaluate(() => {
    const root = document.querySelector('article-annotator').shadowRoot;
    const tools = document.querySelector('aa-tools').shadowRoot;
    const css = (r, sel) => getComputedStyle(r.querySelector(sel));
    const button = css(tools, '[data-aa-action="add-note"]');
    return {
      button: { display: button.display, border: button.borderTopWidth, color: button.color, size: button.fontSize },
      toolbar: css(root, '.aa-toolbar').display,
      root: css(root, '.aa-root').display,
      // The site's paragraphs keep the site's own (aggressive) rules: they are its article.
      para: getComputedStyle(document.querySelector('article-annotator p')).textTransform,
    };
  });
  assert.notEqual(look.button.display, 'none');
  assert.equal(look.button.border, '1px');
  assert.notEqual(look.button.size, '30px');
  assert.equal(look.button.color, 'rgb(11, 61, 145)', 'the host set --aa-accent on the element');
  assert.equal(look.toolbar, 'flex');
  assert.notEqual(look.root, 'none');
  assert.equal(look.para, 'uppercase', 'the host\'s article is styled by the host');
  // The newsroom's lexicon adds its own body and official, painted in the host's paragraphs.
  await page.waitForFunction(() => {
    const text = (name) => [...(CSS.highlights.get(name) ?? [])].map((r) => {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live.toString();
    });
    return text('aa-body').includes('Quỹ Bảo trợ trẻ em Hải Long') && text('aa-official').includes('Đặng Minh Khôi');
  });
  // Each of the host's three paragraphs has its controls.
  assert.equal(await page.locator('aa-tools').count(), 3);
  // No global name but ArticleAnnotator (and this test's own __aa).
  const blank = await page.context().newPage();
  await blank.goto(url('examples/articles/hdnd-session.txt')); // same origin, no widget
  const base = new Set(await blank.evaluate(() => Object.getOwnPropertyNames(window)));
  await blank.close();
  const added = (await page.evaluate(() => Object.getOwnPropertyNames(window))).filter((n) => !base.has(n) && n !== '__aa');
  assert.deepEqual(added, ['ArticleAnnotator']);
  // Nothing leaks out: the host's links keep the host's style, no element of the page has an aa- class.
  assert.equal(await page.evaluate(() => document.querySelectorAll('[class*="aa-"]').length), 0);
  await page.screenshot({ path: 'target/e2e/news-page-1280.png', fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.context().close();
  console.log(`host-CSS attacks tried:\n- ${ATTACKS.join('\n- ')}`);
});

test('two widgets on one page: each its own article, storage, notes and events', async () => {
  const page = await open('examples/two-widgets.html');
  const first = page.locator('#first');
  const second = page.locator('#second');
  await first.locator('[data-aa-entity]').first().waitFor();
  await second.locator('[data-aa-entity]').first().waitFor();
  assert.match(await second.locator('.aa-title').textContent(), /Xét xử vụ án buôn lậu/, 'the JSON article');
  assert.ok(await page.evaluate(() => {
    const [a, b] = ['#first', '#second'].map((id) => document.querySelector(id).shadowRoot.adoptedStyleSheets);
    return a.length === 1 && a[0] === b[0];
  }), 'one parsed stylesheet for both');
  await first.locator('[data-aa-action="add-note"]').first().click();
  await first.locator('[data-aa-field="note-text"]').fill('chỉ ở bài thứ nhất');
  await first.locator('[data-aa-action="save-note"]').click();
  await first.locator('.aa-note').waitFor();
  assert.equal(await second.locator('.aa-note').count(), 0, 'notes added in one never appear in the other');
  await first.locator('.aa-status', { hasText: 'Đã lưu' }).waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(keys, ['article-annotator:notes:mau-hdnd']);
  const exports = await page.evaluate(() => ['#first', '#second'].map((s) => JSON.parse(document.querySelector(s).exportJson())));
  assert.equal(exports[0].annotations.length, 1);
  assert.equal(exports[1].annotations.length, 0);
  assert.equal(exports[1].article.source, new URL('articles/court-police.json', page.url()).href);
  // Notes of one article are refused by the other, item by item, with the reason.
  const report = await page.evaluate((text) => document.querySelector('#second').importJson(text), JSON.stringify(exports[0]));
  assert.equal(report.added, 0);
  assert.match(report.errors[0].reason, /không có trong bài này/, 'in the widget\'s language');
  const events = await page.evaluate(() => window.__aa.events);
  assert.deepEqual(events.filter((e) => e.name === 'ready').map((e) => e.id).sort(), ['first', 'second']);
  assert.ok(events.some((e) => e.name === 'change' && e.id === 'first' && e.detail.count === 1));
  assert.ok(!events.some((e) => e.name === 'change' && e.id === 'second' && e.detail.count > 0));
  // entities() per widget.
  const names = await page.evaluate(() => JSON.parse(document.querySelector('#second').entities()).map((e) => e.name));
  assert.ok(names.includes('Hoàng Quốc Tuấn') && !names.includes('Nguyễn Mạnh Hiển'));
  // An attribute change takes effect: the second widget now shows the first article, and its notes.
  await page.evaluate(() => { const el = document.querySelector('#second'); el.setAttribute('article-id', 'mau-hdnd'); el.setAttribute('src', 'articles/hdnd-session.txt'); });
  await second.locator('.aa-title', { hasText: 'Khai mạc Kỳ họp thứ 15' }).waitFor();
  await second.locator('.aa-note', { hasText: 'chỉ ở bài thứ nhất' }).waitFor();
  // Removing an element destroys its widget; nothing breaks.
  await page.evaluate(() => document.querySelector('#second').remove());
  await first.locator('[data-aa-action="add-note"]').nth(1).click();
  await first.locator('[data-aa-field="note-text"]').fill('vẫn chạy');
  await first.locator('[data-aa-action="save-note"]').click();
  await first.locator('.aa-note', { hasText: 'vẫn chạy' }).waitFor();
  await page.screenshot({ path: 'target/e2e/two-widgets-1280.png', fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('under a strict Content-Security-Policy the widget works and nothing is blocked', async () => {
  const page = await open('examples/strict-csp.html');
  await page.locator('article-annotator [data-aa-entity]').first().waitFor();
  assert.ok(await page.locator('article-annotator [data-aa-entity="body"]').count() > 10);
  await page.locator('article-annotator [data-aa-action="add-note"]').first().click();
  await page.locator('article-annotator [data-aa-field="note-text"]').fill('dưới CSP');
  await page.locator('article-annotator [data-aa-action="save-note"]').click();
  await page.locator('article-annotator .aa-note').waitFor();
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('article-annotator').shadowRoot.querySelector('[data-aa-entity="body"]')).textDecorationStyle);
  assert.equal(styled, 'double', 'the stylesheet loaded under style-src \'self\'');
  assert.deepEqual(await page.evaluate(() => window.__aa.violations), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('articles that cannot be shown give a clear message and an error event', async () => {
  const huge = 'Tiêu đề\n\n' + 'Đoạn văn rất dài. '.repeat(330_000);
  const page = await open('examples/two-widgets.html', {
    init: async (p) => {
      await p.route('**/bad/latin1.txt', (r) => r.fulfill({ status: 200, contentType: 'text/plain', body: Buffer.from([0x54, 0x69, 0xea, 0x75, 0x0a, 0x0a, 0xe0, 0xff]) }));
      await p.route('**/bad/huge.txt', (r) => r.fulfill({ status: 200, contentType: 'text/plain', body: huge }));
      await p.route('**/bad/empty.txt', (r) => r.fulfill({ status: 200, contentType: 'text/plain', body: '  \n\n ' }));
      await p.route('**/bad/gone.txt', (r) => r.fulfill({ status: 404, body: 'not found' }));
      await p.route('**/bad/offline.txt', (r) => r.abort('internetdisconnected'));
    },
  });
  await page.locator('#first [data-aa-entity]').first().waitFor();
  const cases = [['gone', 'http', /404/], ['offline', 'fetch', /Không tải được/], ['latin1', 'article', /UTF-8/], ['empty', 'article', /Bài viết trống/], ['huge', 'too-large', /quá lớn/]];
  for (const [name] of cases) {
    await page.evaluate((n) => { const el = document.createElement('article-annotator'); el.id = `bad-${n}`; el.setAttribute('src', `bad/${n}.txt`); document.body.append(el); }, name);
  }
  for (const [name, code, message] of cases) {
    const alert = page.locator(`#bad-${name} [role="alert"]`);
    await alert.waitFor();
    assert.match(await alert.textContent(), message, name);
    const event = await page.evaluate((id) => window.__aa.events.find((e) => e.name === 'error' && e.id === id), `bad-${name}`);
    assert.equal(event?.detail.code, code, name);
  }
  await page.context().close();
});

test('ArticleAnnotator.mount works on any element, with the host paragraphs or given text', async () => {
  const page = await open('examples/two-widgets.html');
  await page.locator('#first [data-aa-entity]').first().waitFor();
  const count = await page.evaluate(async () => {
    const div = document.createElement('div');
    div.id = 'mounted';
    document.body.append(div);
    const handle = await window.ArticleAnnotator.mount(div, { text: 'Tiêu đề\n\nBí thư Tỉnh ủy Trần Đức Thắng làm việc với Sở Y tế.', articleId: 'api' });
    await new Promise((r) => setTimeout(r, 100));
    const n = div.shadowRoot.querySelectorAll('[data-aa-entity]').length;
    // The element's method is the handle's (each export is stamped with its own time).
    const strip = (json) => { const e = JSON.parse(json); delete e.exported; return JSON.stringify(e); };
    const same = typeof div.exportJson === 'function' && strip(div.exportJson()) === strip(handle.exportJson());
    handle.destroy();
    return { n, same, after: div.shadowRoot.querySelectorAll('.aa-root').length };
  });
  assert.deepEqual(count, { n: 3, same: true, after: 0 });
  // An element that cannot have a shadow root gets the widget in its light DOM, with a linked
  // stylesheet; destroying it takes away what it added and leaves the host's own content.
  const light = await page.evaluate(async () => {
    const li = document.createElement('li');
    li.innerHTML = '<span class="host-own">nội dung của trang</span>';
    document.body.append(li);
    const handle = await window.ArticleAnnotator.mount(li, { text: 'Tiêu đề\n\nBí thư Tỉnh ủy Trần Đức Thắng làm việc với Sở Y tế.', articleId: 'light' });
    const mark = () => li.querySelector('[data-aa-entity]');
    for (let i = 0; i < 50 && !(mark() && getComputedStyle(mark()).textDecorationLine === 'underline'); i++) await new Promise((r) => setTimeout(r, 50));
    const shown = { shadow: li.shadowRoot !== null, marks: li.querySelectorAll('[data-aa-entity]').length, links: li.querySelectorAll('link[rel="stylesheet"]').length, styled: getComputedStyle(mark()).textDecorationLine };
    handle.destroy();
    return { shown, left: [...li.children].map((c) => c.className) };
  });
  assert.deepEqual(light, { shown: { shadow: false, marks: 3, links: 1, styled: 'underline' }, left: ['host-own'] });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('lang="en" gives the English interface; changing it after mount takes effect', async () => {
  const page = await open('examples/two-widgets.html');
  await page.locator('#first [data-aa-entity]').first().waitFor();
  await page.evaluate(() => document.querySelector('#first').setAttribute('lang', 'en'));
  const first = page.locator('#first');
  await first.locator('[data-aa-action="add-note"]', { hasText: 'Add a note' }).first().waitFor();
  assert.equal(await first.locator('.aa-root').getAttribute('lang'), 'en');
  assert.match(await first.locator('.aa-count').textContent(), /0 notes/);
  await first.locator('[data-aa-action="add-note"]').first().click();
  await first.locator('[data-aa-field="note-text"]').fill('in English');
  await first.locator('[data-aa-action="save-note"]').click();
  await first.locator('.aa-article .aa-note__time', { hasText: /\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d/ }).waitFor();
  await first.locator('.aa-status', { hasText: 'Note saved' }).waitFor();
  await page.evaluate(() => document.querySelector('#first').setAttribute('lang', 'vi'));
  await first.locator('[data-aa-action="add-note"]', { hasText: 'Thêm ghi chú' }).first().waitFor();
  await first.locator('.aa-article .aa-note__time', { hasText: /\d\d\/\d\d\/\d{4} \d\d:\d\d/ }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the widget is styled from its first frame: its shadow root adopts the stylesheet the embed script parsed once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The styles a highlight has when it first enters the DOM, before any frame is drawn.
  await page.addInitScript(() => {
    document.addEventListener('article-annotator:ready', (e) => {
      const root = e.target.shadowRoot;
      const seen = () => {
        const mark = root.querySelector('[data-aa-entity]');
        if (!mark) return false;
        window.__firstLook = { decoration: getComputedStyle(mark).textDecorationLine, opacity: getComputedStyle(root.querySelector('.aa-host')).opacity };
        return true;
      };
      if (seen()) return;
      const mo = new MutationObserver(() => { if (seen()) mo.disconnect(); });
      mo.observe(root, { childList: true, subtree: true });
    }, { capture: true, once: true });
  });
  await page.goto(APP_URL);
  await page.waitForFunction(() => window.__firstLook);
  assert.deepEqual(await page.evaluate(() => window.__firstLook), { decoration: 'underline', opacity: '1' });
  const root = await page.evaluate(() => {
    const r = document.querySelector('#app').shadowRoot;
    return { adopted: r.adoptedStyleSheets.length, links: r.querySelectorAll('link').length, requests: performance.getEntriesByType('resource').filter((x) => x.name.endsWith('/annotator.css')).length };
  });
  assert.deepEqual(root, { adopted: 1, links: 0, requests: 1 });
  // destroy() takes the sheet away with the rest.
  assert.equal(await page.evaluate(() => { const el = document.querySelector('#app'); el.destroy(); return el.shadowRoot.adoptedStyleSheets.length; }), 0);
  await context.close();
});

test('a stylesheet slow to come is linked instead: the widget stays transparent until it is in, and shows anyway if it fails', async () => {
  for (const failing of [false, true]) {
    const context = await browser.newContext();
    let release;
    const held = new Promise((r) => { release = r; });
    await context.route('**/annotator.css', async (route) => {
      await held;
      if (failing) await route.abort(); else await route.continue();
    });
    const page = await context.newPage();
    await page.goto(APP_URL);
    // The embed script waits half a second after the module for the sheet, then mounts with a
    // <link> to it.
    await page.locator('#app .aa-host [data-aa-entity]').first().waitFor({ state: 'attached' });
    const opacity = () => page.evaluate(() => getComputedStyle(document.querySelector('#app').shadowRoot.querySelector('.aa-host')).opacity);
    assert.equal(await opacity(), '0', 'not shown unstyled');
    assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.querySelectorAll('link[rel="stylesheet"]').length), 1);
    release();
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#app').shadowRoot.querySelector('.aa-host')).opacity === '1');
    const look = await page.evaluate(() => getComputedStyle(document.querySelector('#app').shadowRoot.querySelector('[data-aa-entity]')).textDecorationLine);
    assert.equal(look, failing ? 'none' : 'underline', failing ? 'shown unstyled rather than not at all' : 'shown with its styles');
    await context.close();
  }
});
