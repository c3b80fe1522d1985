// In-browser performance harness (issue 8): Debian's Chromium driven by playwright-core against a
// release build served at APP_URL. Run it with `bash scripts/bench-browser.sh`, not in the test
// command: it measures time, and timings are not tests.
//
// Measures, medians of several runs:
//   - the seed article: navigation → highlights painted, and wasm ready → highlights painted;
//   - a 1 MB article (the seed's paragraphs repeated 300 times) with 5,000 passage notes: time to
//     open, to add one note and to edit one (click → next frame painted), the JS heap and the
//     wasm module's linear memory;
//   - in place, a host article of 1,800 blocks (the seed's paragraphs repeated): wasm ready →
//     highlights painted (CSS.highlights), and one note added (click → next frame painted).
// Prints a Markdown table.
import { chromium } from 'playwright-core';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:8125/';
const RUNS = Number(process.env.RUNS ?? 7);
// ONLY=seed measures the seed article alone (a quick check of the load path); ONLY=in-place the
// in-place host article alone.
const ONLY = process.env.ONLY ?? 'all';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

// Installed before any page script: records when the first highlights are on screen (the widget's
// ready event, its first entity mark in the DOM with the widget shown, then the next frame).
function recordPaint() {
  window.__aa = {};
  document.addEventListener('article-annotator:ready', (e) => {
    const root = e.target.shadowRoot;
    const painted = () => requestAnimationFrame(() => setTimeout(() => {
      window.__aa.painted = performance.now();
      console.debug('article-annotator:painted'); // the harness waits for this, without polling the page
    }, 0));
    // Highlights in the DOM and shown: the widget stays transparent until its stylesheet is in.
    const shown = () => root.querySelector('[data-aa-entity]') && root.querySelector('.aa-host')?.style.opacity !== '0';
    if (shown()) return painted();
    const mo = new MutationObserver(() => {
      if (shown()) { mo.disconnect(); painted(); }
    });
    mo.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
  }, { capture: true, once: true });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
// A figure from several runs: the median, then the range seen (this machine is noisy).
const spread = (xs) => `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;

/**
 * Resolves once the page has painted its first highlights, with the times. Call it before
 * navigating. It listens for the page's console message instead of polling, since a polling
 * script running on the page's main thread would delay what it measures.
 */
async function whenPainted(page) {
  await page.waitForEvent('console', { predicate: (m) => m.text() === 'article-annotator:painted', timeout: 120_000 });
  return page.evaluate(() => ({
    painted: window.__aa.painted,
    wasm: performance.getEntriesByName('article-annotator:wasm-ready')[0]?.startTime ?? NaN,
  }));
}

async function seed(browser) {
  const nav = [];
  const fromWasm = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(recordPaint);
    const done = whenPainted(page);
    await page.goto(APP_URL);
    const t = await done;
    nav.push(t.painted);
    fromWasm.push(t.painted - t.wasm);
    await context.close();
  }
  return { nav, fromWasm };
}

const BENCH_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>bench</title>
<script type="module" src="/article-annotator-element.js"></script>
<article-annotator id="big" src="/bench/big.json" article-id="bench-big"></article-annotator>`;

/** The seed's paragraphs as the widget shows them (NFC, tidied). */
async function seedParagraphs(browser) {
  const page = await browser.newPage();
  await page.goto(APP_URL);
  await page.waitForSelector('.aa-root [data-aa-paragraph]');
  const out = await page.evaluate(() => ({
    title: document.querySelector('#app').shadowRoot.querySelector('.aa-title').textContent,
    paragraphs: [...document.querySelector('#app').shadowRoot.querySelectorAll('[data-aa-paragraph] .aa-paragraph__text')].map((p) => p.textContent),
  }));
  await page.close();
  return out;
}

async function big(browser) {
  const { title, paragraphs } = await seedParagraphs(browser);
  const body = Array.from({ length: 300 }, () => paragraphs).flat();
  const article = JSON.stringify({ title, paragraphs: body });
  const context = await browser.newContext();
  await context.route('**/bench/page.html', (r) => r.fulfill({ contentType: 'text/html', body: BENCH_PAGE }));
  await context.route('**/bench/big.json', (r) => r.fulfill({ contentType: 'application/json', body: article }));
  const page = await context.newPage();
  await page.addInitScript(recordPaint);
  const url = new URL('bench/page.html', APP_URL).href;

  // Without notes first; then 5,000 passage notes imported through importJson(), saved.
  const emptyDone = whenPainted(page);
  await page.goto(url);
  const empty = await emptyDone;
  const imported = await page.evaluate((n) => {
    const host = document.querySelector('#big');
    const root = host.shadowRoot;
    const ids = [...root.querySelectorAll('[data-aa-paragraph]')].map((p) => p.getAttribute('data-aa-paragraph'));
    const texts = [...root.querySelectorAll('[data-aa-paragraph] .aa-paragraph__text')].map((p) => [...p.textContent]);
    const all = texts.map((t) => t.join('')).join('\n\n');
    const chars = [...all];
    const starts = [];
    let at = 0;
    for (const t of texts) { starts.push(at); at += t.length + 2; }
    const hex = (i) => i.toString(16).padStart(12, '0');
    const annotations = [];
    for (let i = 0; i < n; i++) {
      const p = (i * 7) % texts.length;
      const len = texts[p].length;
      const s = starts[p] + (i * 13) % Math.max(len - 40, 1);
      const e = Math.min(s + 30, starts[p] + len);
      annotations.push({
        id: `00000000-0000-4000-8000-${hex(i)}`,
        target: {
          paragraph: ids[p], passage: true,
          quote: { exact: chars.slice(s, e).join(''), prefix: chars.slice(Math.max(0, s - 32), s).join(''), suffix: chars.slice(e, e + 32).join('') },
          position: { start: s, end: e },
        },
        text: `ghi chú số ${i}`,
        created: new Date(1_600_000_000_000 + i).toISOString(),
        modified: new Date(1_600_000_000_000 + i).toISOString(),
      });
    }
    const doc = { format: 'article-annotator', version: 1, exported: new Date().toISOString(), article: { id: 'bench-big', title: 'bench', source: null }, annotations };
    const t0 = performance.now();
    const report = host.importJson(JSON.stringify(doc));
    return { report, ms: performance.now() - t0, paragraphs: ids.length, bytes: new TextEncoder().encode(all).length };
  }, 5000);
  if (imported.report.added !== 5000) throw new Error(`import: ${JSON.stringify(imported.report)}`);
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('article-annotator:notes:') && k.includes('bench-big')), null, { timeout: 30_000 });

  const open = [];
  const add = [];
  const edit = [];
  const firstAdd = [];
  const firstEdit = [];
  let heap = 0;
  let wasmMemory = 0;
  const cdp = await context.newCDPSession(page);
  for (let i = 0; i < Math.max(3, Math.floor(RUNS / 2)); i++) {
    const done = whenPainted(page);
    await page.goto(url);
    open.push((await done).painted);
    await page.waitForFunction(() => Number((document.querySelector('#big').shadowRoot.querySelector('.aa-count')?.textContent ?? '').replace(/\D/g, '')) >= 5000, null, { timeout: 10_000 }).catch(async (e) => {
      const state = await page.evaluate(() => {
        const root = document.querySelector('#big').shadowRoot;
        return { marks: root.querySelectorAll('[data-aa-note]').length, orphans: root.querySelectorAll('[data-aa-orphan]').length, status: root.querySelector('.aa-status')?.textContent, count: root.querySelector('.aa-count')?.textContent, stored: Object.entries(localStorage).map(([k, v]) => [k, v.length]) };
      });
      throw new Error(`the notes are not all shown after reload: ${JSON.stringify(state)}`, { cause: e });
    });
    // Notes added, then edited: click → the next frame, with the new text on screen. The save
    // each change schedules runs later, outside the frame measured.
    await page.waitForTimeout(600);
    const t = await page.evaluate(async (k) => {
      const root = document.querySelector('#big').shadowRoot;
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const settle = () => new Promise((r) => setTimeout(r, 600));
      // Adds a note to paragraph `i`, then edits it; each timed from the click on "save" to the
      // next frame with the text on screen.
      const addThenEdit = async (i, label) => {
        // A long article renders a paragraph's controls as it comes near the viewport.
        root.querySelectorAll('[data-aa-paragraph]')[i].scrollIntoView();
        while (!root.querySelectorAll('[data-aa-paragraph]')[i].querySelector('[data-aa-action="add-note"]')) await frame();
        const para = root.querySelectorAll('[data-aa-paragraph]')[i];
        para.querySelector('[data-aa-action="add-note"]').click();
        await frame();
        para.querySelector('[data-aa-field="note-text"]').value = `ghi chú đo ${label}`;
        let t0 = performance.now();
        para.querySelector('[data-aa-action="save-note"]').click();
        await frame();
        const add = performance.now() - t0;
        if (![...para.querySelectorAll('.aa-note__text')].some((n) => n.textContent === `ghi chú đo ${label}`)) throw new Error('the note did not appear');
        // Let the delayed save (250 ms after a change) run, so that it is not counted in the edit.
        await settle();
        const item = [...para.querySelectorAll('.aa-note')].find((n) => n.textContent.includes(`ghi chú đo ${label}`));
        item.querySelector('[data-aa-action="edit-note"]').click();
        await frame();
        para.querySelector('[data-aa-field="note-text"]').value = `ghi chú đã sửa ${label}`;
        t0 = performance.now();
        para.querySelector('[data-aa-action="save-note"]').click();
        await frame();
        const edit = performance.now() - t0;
        if (![...para.querySelectorAll('.aa-note__text')].some((n) => n.textContent === `ghi chú đã sửa ${label}`)) throw new Error('the edit did not appear');
        await settle();
        return { add, edit };
      };
      // The first change after a load also compiles the code it runs (wasm is compiled lazily);
      // the second is what a reader adding notes meets from then on.
      const first = await addThenEdit(10 + k, `${k}a`);
      const next = await addThenEdit(30 + k, `${k}b`);
      return { firstAdd: first.add, firstEdit: first.edit, add: next.add, edit: next.edit };
    }, i);
    firstAdd.push(t.firstAdd);
    firstEdit.push(t.firstEdit);
    add.push(t.add);
    edit.push(t.edit);
    await cdp.send('HeapProfiler.collectGarbage');
    heap = Math.max(heap, (await cdp.send('Runtime.getHeapUsage')).usedSize);
    // The wasm module's memory (outside the JS heap): the glue's init returns the instance it
    // already made, so importing it again reads the widget's own memory. It never shrinks, so
    // this is its peak.
    wasmMemory = Math.max(wasmMemory, await page.evaluate(async () => {
      const glue = await import('/article-annotator.js');
      return (await glue.default()).memory.buffer.byteLength;
    }));
  }
  await context.close();
  return { empty: empty.painted, imported, open, add, edit, firstAdd, firstEdit, heap, wasmMemory };
}

/** Resolves once `CSS.highlights` has the host article's entity ranges, with the time (the next
 * frame after they were registered), and the wasm-ready mark. */
function recordInPlacePaint() {
  document.addEventListener('article-annotator:ready', () => {
    requestAnimationFrame(() => setTimeout(() => {
      const painted = CSS.highlights?.get('aa-body')?.size ?? 0;
      window.__aa = { painted: performance.now(), ranges: painted };
      console.debug('article-annotator:painted');
    }, 0));
  }, { capture: true, once: true });
}

async function inPlace(browser) {
  const { title, paragraphs } = await seedParagraphs(browser);
  const escape = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const blocks = Array.from({ length: 300 }, () => paragraphs).flat();
  const page = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>bench in place</title>
<script type="module" src="/article-annotator-element.js"></script>
<article-annotator id="host" article-id="bench-in-place"><article><h1>${escape(title)}</h1>
${blocks.map((p) => `<p>${escape(p)}</p>`).join('\n')}</article></article-annotator>`;
  const ready = [];
  const add = [];
  let ranges = 0;
  for (let i = 0; i < Math.max(3, Math.floor(RUNS / 2)); i++) {
    const context = await browser.newContext();
    await context.route('**/bench/in-place.html', (r) => r.fulfill({ contentType: 'text/html', body: page }));
    const tab = await context.newPage();
    await tab.addInitScript(recordInPlacePaint);
    const done = tab.waitForEvent('console', { predicate: (m) => m.text() === 'article-annotator:painted', timeout: 120_000 });
    await tab.goto(new URL('bench/in-place.html', APP_URL).href);
    await done;
    const t = await tab.evaluate(() => ({ ...window.__aa, wasm: performance.getEntriesByName('article-annotator:wasm-ready')[0]?.startTime ?? NaN }));
    ready.push(t.painted - t.wasm);
    ranges = t.ranges;
    await tab.waitForTimeout(600);
    add.push(await tab.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const tools = document.querySelectorAll('aa-tools')[10].shadowRoot;
      tools.querySelector('[data-aa-action="add-note"]').click();
      await frame();
      tools.querySelector('[data-aa-field="note-text"]').value = 'ghi chú đo';
      const t0 = performance.now();
      tools.querySelector('[data-aa-action="save-note"]').click();
      await frame();
      if (!tools.querySelector('.aa-note__text')) throw new Error('the note did not appear');
      return performance.now() - t0;
    }));
    await context.close();
  }
  return { blocks: blocks.length, ready, add, ranges };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
try {
  const s = ONLY === 'in-place' ? null : await seed(browser);
  const b = ONLY === 'all' ? await big(browser) : null;
  const p = ONLY === 'seed' ? null : await inPlace(browser);
  const mb = (x) => `${(x / 1048576).toFixed(1)} MB`;
  console.log(`Chromium ${browser.version()}, headless, ${RUNS} runs: medians (and the range seen); ${new Date().toISOString().slice(0, 10)}.\n`);
  console.log('| what | measured | goal |');
  console.log('|---|---:|---:|');
  if (s) {
    console.log(`| seed article: navigation → highlights painted | ${spread(s.nav)} | — |`);
    console.log(`| seed article: wasm ready → highlights painted | ${spread(s.fromWasm)} | ≤ 100 ms |`);
  }
  if (b) {
    console.log(`| ${mb(b.imported.bytes)} article (${b.imported.paragraphs} paragraphs), no notes: navigation → highlights painted | ${ms(b.empty)} | — |`);
    console.log(`| importing 5,000 notes into it (importJson) | ${ms(b.imported.ms)} | — |`);
    console.log(`| the same with 5,000 notes: navigation → highlights painted | ${spread(b.open)} | ≤ 1 s |`);
    console.log(`| first note added after the load: click → next frame | ${spread(b.firstAdd)} | — |`);
    console.log(`| first edit after the load: click → next frame | ${spread(b.firstEdit)} | — |`);
    console.log(`| add one note (the next ones): click → next frame | ${spread(b.add)} | ≤ 16 ms |`);
    console.log(`| edit one note (the next ones): click → next frame | ${spread(b.edit)} | ≤ 16 ms |`);
    console.log(`| JS heap after GC, with the 1 MB article and 5,000 notes | ${mb(b.heap)} | — |`);
    console.log(`| wasm memory (its peak), the same | ${mb(b.wasmMemory)} | — |`);
  }
  if (p) {
    console.log(`| in place, a host article of ${p.blocks.toLocaleString('en')} blocks (${p.ranges} body mentions painted): wasm ready → highlights painted | ${spread(p.ready)} | — |`);
    console.log(`| in place, the same: add one note, click → next frame | ${spread(p.add)} | ≤ 16 ms |`);
  }
} finally {
  await browser.close();
}
