// In place: the widget around a news site's own article page (examples/in-place.html). Every node
// of the host's article stays where it was, visible, styled by the site; entities are painted with
// the CSS Custom Highlight API (or <mark>s where it is missing); notes on blocks and on passages
// across links; a page that changes under the widget; destroy() gives the markup back exactly; two
// widgets on a page; the strict CSP; axe-core at 1280 and 360 px, with screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, APP_URL, axeViolations } from './helpers.mjs';

const PAGE = new URL('examples/in-place.html', APP_URL).href;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Before the widget's module runs (module scripts run once the document is parsed), records every
 * node of the host's article and its markup, in `window.__before`.
 */
function recordBefore() {
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive' || window.__before) return;
    const story = document.querySelector('article-annotator .story');
    // Init scripts run in frames too (the video embed): only the article's page records.
    if (!story) return;
    const nodes = [];
    const walker = document.createTreeWalker(story, NodeFilter.SHOW_ALL);
    for (let n = walker.currentNode; n; n = walker.nextNode()) nodes.push(n);
    window.__before = { nodes, html: story.outerHTML };
  });
}

/** In the page, what the article looks like: each host element's visibility, and the font of its
 * first body paragraph. */
const looks = () => {
  const story = document.querySelector('article-annotator .story');
  const visible = [];
  const walker = document.createTreeWalker(story, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => (n.hasAttribute('data-aa-ui') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.currentNode; n; n = walker.nextNode()) visible.push(`${n.localName}:${n.checkVisibility()}`);
  const style = getComputedStyle(story.querySelector('p:not(.story__sapo)'));
  return { visible, font: [style.fontFamily, style.fontSize, style.lineHeight, style.color].join(' | ') };
};

/** A page on the example, `options.noHighlightApi` deleting `CSS.highlights` before the module loads. */
async function open({ width = 1280, height = 900, noHighlightApi = false, url = PAGE } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(recordBefore);
  await page.addInitScript(installRangeText);
  if (noHighlightApi) await page.addInitScript(() => { delete CSS.highlights; });
  await page.goto(url);
  await page.locator('article-annotator .aa-root--in-place').first().waitFor();
  await page.locator('aa-tools [data-aa-action="add-note"]').first().waitFor();
  return page;
}

/** Installs `window.rangeText(staticRange)`: the text a painted (static) range covers. */
function installRangeText() {
  window.rangeText = (r) => {
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return live.toString();
  };
}

/** Per highlight name, `tag:text` of each range (the tag of the block it lies in), from CSS.highlights. */
const paintedBlocks = (page) => page.evaluate(() => {
  const out = {};
  for (const [name, highlight] of CSS.highlights) {
    out[name] = [...highlight].map((r) => {
      const el = r.startContainer.parentElement.closest('p, li, h1, h2, figcaption, td, blockquote');
      return `${el?.localName}:${window.rangeText(r)}`;
    });
  }
  return out;
});

/** The text of the `<aa-tools>` block controls of block `index` (the add-note button's scope). */
const block = (page, index) => page.locator('aa-tools').nth(index);

test('in place: every host node stays connected, visible and styled by the site; entities are painted in paragraphs, list items, captions and subheadings', async () => {
  // The same page without the widget (its module not loaded), to compare with.
  const control = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await control.route('**/article-annotator-element.js', (route) => route.abort());
  await control.goto(PAGE, { waitUntil: 'load' });
  const without = await control.evaluate(looks);
  await control.close();
  const page = await open();
  await page.waitForFunction(() => document.querySelector('.story img').complete);
  const withWidget = await page.evaluate(looks);
  assert.deepEqual(withWidget.visible, without.visible, 'every host element is as visible as without the widget');
  assert.equal(withWidget.font, without.font, 'the paragraph keeps the site\'s font');
  const check = await page.evaluate(() => {
    const b = window.__before;
    const img = document.querySelector('.story img');
    return {
      count: b.nodes.length,
      disconnected: b.nodes.filter((n) => !n.isConnected).length,
      photo: img.complete && img.naturalWidth > 0 && img.checkVisibility(),
      hrefs: [...document.querySelectorAll('.story a')].map((a) => a.getAttribute('href')),
      hrefsBefore: b.nodes.filter((n) => n.localName === 'a').map((a) => a.getAttribute('href')),
      ownNodes: [...document.querySelectorAll('.story *')].filter((e) => e.localName.startsWith('aa-')).every((e) => e.hasAttribute('data-aa-ui')),
    };
  });
  assert.ok(check.count > 100, `nodes recorded: ${check.count}`);
  assert.equal(check.disconnected, 0, 'every host node is still connected');
  assert.match(withWidget.font, /Noto Serif.*19px/);
  assert.ok(check.photo, 'the photo loaded and shows');
  assert.deepEqual(check.hrefs, check.hrefsBefore, 'links keep their href');
  assert.ok(check.ownNodes, 'the widget\'s own elements are marked data-aa-ui');
  // A link is still a link: focusable and followed on click.
  const link = page.locator('.story a[href="#so-noi-vu"]');
  await link.focus();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#so-noi-vu');
  await link.click();
  assert.match(page.url(), /#so-noi-vu$/);

  const painted = await paintedBlocks(page);
  for (const name of ['aa-official', 'aa-title', 'aa-body']) assert.ok(painted[name]?.length > 0, `${name} painted`);
  const all = [...painted['aa-official'], ...painted['aa-title'], ...painted['aa-body']];
  for (const [tag, text] of [['p', 'Sở Thông tin và Truyền thông'], ['li', 'Sở Nội vụ'], ['li', 'Công an tỉnh'], ['figcaption', 'Trương Quốc Định'], ['h2', 'Chủ tịch UBND tỉnh']]) {
    assert.ok(all.some((e) => e.startsWith(`${tag}:`) && e.includes(text)), `${text} painted in a ${tag}: ${JSON.stringify(all)}`);
  }
  // Nothing in the ad slot, the related-articles box or the script is read.
  assert.ok(!all.some((e) => /Quảng cáo|HĐND tỉnh chất vấn/.test(e)), 'skipped boxes are not read');
  // A few Highlight objects in all, not one per mention.
  assert.ok(await page.evaluate(() => CSS.highlights.size) <= 10);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('in place: a keyboard-only note on a block survives a reload; a selection across a link makes a passage note', async () => {
  const page = await open();
  // Keyboard only: the block's "add note" is reached and pressed from the keyboard.
  const tools = block(page, 2);
  await tools.locator('[data-aa-action="add-note"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Ghi chú bằng bàn phím');
  await tools.locator('[data-aa-action="save-note"]').focus();
  await page.keyboard.press('Enter');
  await tools.locator('.aa-note__text', { hasText: 'Ghi chú bằng bàn phím' }).waitFor();

  // A selection from before the link to after it, in the same paragraph.
  await page.evaluate(() => {
    const a = document.querySelector('.story a[href="#so-ttt"]');
    const p = a.closest('p');
    const range = document.createRange();
    range.setStart(p.firstChild, p.firstChild.data.indexOf('báo cáo'));
    range.setEnd(a.nextSibling, a.nextSibling.data.indexOf('trong 11 tháng') + 'trong 11 tháng'.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  const passage = page.locator('aa-tools [data-aa-action="add-passage-note"]');
  await passage.waitFor();
  assert.match(await passage.textContent(), /báo cáo của Sở Thông tin và Truyền thông, trong 11 tháng/);
  await passage.click();
  await page.locator('aa-tools [data-aa-field="note-text"]').fill('Ghi chú qua liên kết');
  await page.locator('aa-tools [data-aa-action="save-note"]').click();
  await page.locator('aa-tools .aa-note__text', { hasText: 'Ghi chú qua liên kết' }).waitFor();
  const noted = await paintedBlocks(page);
  assert.deepEqual(noted['aa-note'], ['p:báo cáo của Sở Thông tin và Truyền thông, trong 11 tháng']);

  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('article-annotator:notes:') && localStorage.getItem(k).includes('Ghi chú qua liên kết')));
  await page.reload();
  await page.locator('aa-tools .aa-note__text', { hasText: 'Ghi chú bằng bàn phím' }).waitFor();
  await page.locator('aa-tools .aa-note__text', { hasText: 'Ghi chú qua liên kết' }).waitFor();
  assert.equal((await paintedBlocks(page))['aa-note'].length, 1, 'the passage is painted again after the reload');
  const exported = JSON.parse(await page.evaluate(() => document.querySelector('article-annotator').exportJson()));
  assert.deepEqual(exported.annotations.map((n) => n.target.quote.exact).sort(), [
    'báo cáo của Sở Thông tin và Truyền thông, trong 11 tháng',
    exported.annotations.find((n) => !n.target.passage).target.quote.exact,
  ].sort());
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('in place: the panel steps through the mentions, the tip names a mention under the pointer', async () => {
  const page = await open();
  await page.locator('[data-aa-action="toggle-tools"]').click();
  await page.locator('[data-aa-action="choose-entity"]', { hasText: 'Trương Quốc Định' }).click();
  const chosen = async () => (await paintedBlocks(page))['aa-chosen'];
  assert.ok((await chosen()).length >= 2, 'the chosen entity\'s mentions are painted aa-chosen');
  const before = await page.evaluate(() => scrollY);
  await page.locator('[data-aa-action="next-mention"]').click();
  await page.waitForFunction((y) => scrollY !== y, before);
  assert.match(await page.locator('.aa-panel__position').textContent(), /^2 \//);
  // The tip: the pointer over a painted mention.
  const box = await page.evaluate(() => {
    const r = [...CSS.highlights.get('aa-body')].find((x) => window.rangeText(x) === 'Sở Nội vụ');
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    range.startContainer.parentElement.scrollIntoView({ block: 'center' });
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  const tip = page.locator('.aa-tip');
  await tip.waitFor();
  assert.match(await tip.textContent(), /Sở Nội vụ/);
  await page.keyboard.press('Escape');
  await tip.waitFor({ state: 'hidden' });
  await page.context().close();
});

test('in place: a paragraph the page adds after load is read and painted; destroy() gives the markup back exactly', async () => {
  const page = await open();
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Chiều cùng ngày, Sở Tư pháp tỉnh Bình An họp báo.';
    document.querySelector('.story__author').before(p);
  });
  await page.waitForFunction(() => [...(CSS.highlights.get('aa-body') ?? [])].some((r) => window.rangeText(r).startsWith('Sở Tư pháp')));
  await page.locator('aa-tools').nth(await page.locator('aa-tools').count() - 1).waitFor();
  // Take the added paragraph out again, then destroy: the article is what it was.
  await page.evaluate(() => [...document.querySelectorAll('.story p')].find((p) => p.textContent.startsWith('Chiều cùng ngày')).remove());
  await page.waitForTimeout(400);
  const after = await page.evaluate(() => {
    document.querySelector('article-annotator').destroy();
    return {
      same: document.querySelector('article-annotator .story').outerHTML === window.__before.html,
      highlights: [...CSS.highlights.keys()],
      tools: document.querySelectorAll('aa-tools').length,
      shown: document.querySelector('.story p').checkVisibility(),
    };
  });
  assert.ok(after.same, 'the host markup is byte-identical after destroy()');
  assert.deepEqual(after.highlights, []);
  assert.equal(after.tools, 0);
  assert.ok(after.shown, 'the article is still shown');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('in place without the Custom Highlight API: <mark>s around text runs, taken out again by destroy()', async () => {
  const page = await open({ noHighlightApi: true });
  const marks = await page.evaluate(() => [...document.querySelectorAll('.story mark[data-aa-entity]')].map((m) => `${m.parentElement.closest('p, li, h1, h2, figcaption').localName}:${m.textContent}`));
  assert.ok(marks.some((m) => m === 'li:Sở Nội vụ'), JSON.stringify(marks));
  assert.ok(marks.some((m) => m.startsWith('figcaption:')), 'captions too');
  // Elements of the host are never replaced: every recorded node is still connected.
  assert.equal(await page.evaluate(() => window.__before.nodes.filter((n) => n.nodeType === 1 && !n.isConnected).length), 0);
  // A note on a block, then destroy: the markup is exactly what it was.
  await block(page, 1).locator('[data-aa-action="add-note"]').click();
  await block(page, 1).locator('[data-aa-field="note-text"]').fill('ghi chú khi không có API');
  await block(page, 1).locator('[data-aa-action="save-note"]').click();
  await block(page, 1).locator('.aa-note__text').waitFor();
  const same = await page.evaluate(() => {
    document.querySelector('article-annotator').destroy();
    return document.querySelector('article-annotator .story').outerHTML === window.__before.html;
  });
  assert.ok(same, 'destroy() unwraps every mark and joins the split text nodes');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('in place: two widgets on one page paint and go independently; a host with no readable text says so', async () => {
  const page = await open();
  const errors = await page.evaluate(async () => {
    const second = document.createElement('article-annotator');
    second.setAttribute('article-id', 'thu-hai');
    second.innerHTML = '<h1>Tin ngắn</h1><p>Sở Y tế tỉnh Bình An kiểm tra an toàn thực phẩm.</p>';
    document.body.append(second);
    const empty = document.createElement('article-annotator');
    empty.setAttribute('article-id', 'rong');
    empty.innerHTML = '<div><p hidden>Đoạn ẩn.</p><script>1</script></div>';
    const seen = [];
    empty.addEventListener('article-annotator:error', (e) => seen.push(e.detail.code));
    document.body.append(empty);
    await second.whenReady;
    await empty.whenReady;
    return seen;
  });
  await page.waitForFunction(() => [...CSS.highlights.get('aa-body')].some((r) => window.rangeText(r) === 'Sở Y tế tỉnh Bình An'));
  assert.deepEqual(errors, ['article']);
  const message = await page.evaluate(() => document.querySelectorAll('article-annotator')[2].shadowRoot.querySelector('.aa-error').textContent);
  assert.match(message, /Không tìm thấy đoạn văn/);
  // The second goes; the first's highlights stay.
  const left = await page.evaluate(() => {
    document.querySelectorAll('article-annotator')[1].destroy();
    return [...CSS.highlights.get('aa-body')].map((r) => window.rangeText(r));
  });
  assert.ok(!left.includes('Sở Y tế tỉnh Bình An') && left.includes('Sở Nội vụ'), JSON.stringify(left));
  await page.context().close();
});

test('in place under a strict Content-Security-Policy', async () => {
  const page = await open({ url: new URL('examples/in-place-csp.html', APP_URL).href });
  const painted = await paintedBlocks(page);
  assert.ok(painted['aa-body'].length > 0);
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('article-annotator').shadowRoot.querySelector('.aa-toolbar')).display);
  assert.equal(styled, 'flex', 'the widget is styled');
  assert.deepEqual(page.problems.filter((p) => /Content Security Policy|CSP/i.test(p)), []);
  await page.context().close();
});

for (const width of [1280, 360]) {
  test(`in place: axe-core finds no serious or critical violation at ${width} px; no widget control lies over the article`, async () => {
    const page = await open({ width, height: 800 });
    await block(page, 3).locator('[data-aa-action="add-note"]').click();
    await block(page, 3).locator('[data-aa-field="note-text"]').fill('một ghi chú');
    await block(page, 3).locator('[data-aa-action="save-note"]').click();
    await block(page, 3).locator('.aa-note').waitFor();
    // The first paragraph of the article is in the first screen.
    const top = await page.evaluate(() => document.querySelector('.story__sapo').getBoundingClientRect().top);
    assert.ok(top < 800, `the sapo starts at ${top} px`);
    // The widget's controls never overlap the article's text blocks.
    const overlaps = await page.evaluate(() => {
      const root = document.querySelector('article-annotator').shadowRoot;
      const controls = [...root.querySelectorAll('button, .aa-panel')].filter((e) => e.checkVisibility());
      const blocks = [...document.querySelectorAll('.story p, .story li, .story h1, .story h2, .story figcaption')];
      const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return controls.flatMap((c) => blocks.filter((b) => hit(c.getBoundingClientRect(), b.getBoundingClientRect())).map((b) => `${c.textContent.trim().slice(0, 20)} over ${b.textContent.slice(0, 20)}`));
    });
    assert.deepEqual(overlaps, []);
    await page.screenshot({ path: `target/e2e/in-place-${width}.png` });
    const result = await axeViolations(page);
    console.log(`in place, axe violations at ${width} px: ${JSON.stringify(result)}`);
    assert.deepEqual(result.filter((v) => v.impact === 'serious' || v.impact === 'critical'), []);
    await page.context().close();
  });
}

test('in place: the article is the page\'s while the module loads; the notes list jumps to a note beside its block and back', async () => {
  // The wasm held back: the host's article is shown, untouched, until the widget comes.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/article-annotator_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(PAGE);
  await page.waitForTimeout(500);
  const loading = await page.evaluate(() => ({
    shown: document.querySelector('.story__sapo').checkVisibility(),
    shadow: !!document.querySelector('article-annotator').shadowRoot,
  }));
  assert.deepEqual(loading, { shown: true, shadow: false }, 'nothing hides the article before the module');
  release();
  await page.locator('aa-tools [data-aa-action="add-note"]').first().waitFor();
  const tools = page.locator('aa-tools').nth(4);
  await tools.locator('[data-aa-action="add-note"]').click();
  await tools.locator('[data-aa-field="note-text"]').fill('ghi chú để tìm');
  await tools.locator('[data-aa-action="save-note"]').click();
  await tools.locator('.aa-note__text').waitFor();
  // The list (a sheet in the article's column): the entry's jump focuses the note beside its block.
  await page.locator('[data-aa-action="toggle-notes"]').click();
  await page.locator('#aa-notes-list .aa-list__item', { hasText: 'ghi chú để tìm' }).waitFor();
  await page.locator('#aa-notes-list [data-aa-action="jump-to-note"]').first().click();
  await page.waitForFunction(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.closest?.('.aa-note');
  });
  const focused = await page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a.textContent;
  });
  assert.match(focused, /ghi chú để tìm/);
  await context.close();
});
