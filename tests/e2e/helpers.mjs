// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, against
// the page served by `trunk serve --release` at APP_URL (started by scripts/test.sh).
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:8080/';

const ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
}

/** A new page that records console errors and uncaught exceptions in `page.problems`. */
export async function openPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  // The focused element, looking through open shadow roots.
  await page.addInitScript(() => {
    window.deepActive = () => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a;
    };
  });
  await page.goto(APP_URL);
  await page.waitForSelector('.aa-root [data-aa-entity]');
  return page;
}

/** Adds a note to paragraph `index` through the UI and waits until it is shown. */
export async function addNote(page, index, text) {
  const para = page.locator('[data-aa-paragraph]').nth(index);
  await para.locator('[data-aa-action="add-note"]').click();
  await para.locator('[data-aa-field="note-text"]').fill(text);
  await para.locator('[data-aa-action="save-note"]').click();
  await para.locator('.aa-note__text', { hasText: text }).first().waitFor();
  await waitForSave(page, text);
}

/**
 * Waits until the widget's delayed save has written a note with `text` to localStorage, or has
 * told the reader it could not.
 */
export async function waitForSave(page, text) {
  await page.waitForFunction((t) => {
    const stored = Object.keys(localStorage).some((k) => k.startsWith('article-annotator:notes:') && localStorage.getItem(k).includes(t));
    const failed = [...document.querySelectorAll('article-annotator, #app')].some((h) => /Không lưu được|could not save/i.test(h.shadowRoot?.querySelector('.aa-status')?.textContent ?? ''));
    return stored || failed;
  }, text);
}

/**
 * Selects, in paragraph `index` of the widget `host`, the text from the start of `from` to the end
 * of `to` (each the first occurrence, possibly in different text nodes), as a reader dragging the
 * mouse would, and tells the widget the mouse was released.
 */
export async function selectPassage(page, index, from, to, host = '#app') {
  await page.evaluate(({ index, from, to, host }) => {
    const root = document.querySelector(host).shadowRoot;
    const p = root.querySelectorAll('[data-aa-paragraph] .aa-paragraph__text')[index];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    // Offsets in the paragraph's whole text, mapped back to (text node, offset).
    const whole = nodes.map((n) => n.data).join('');
    const start = whole.indexOf(from);
    const end = whole.indexOf(to, start) + to.length;
    if (start < 0 || end < start + to.length) throw new Error(`not found: ${from} … ${to}`);
    const place = (at, isEnd) => {
      let seen = 0;
      for (const n of nodes) {
        if (at < seen + n.data.length || (isEnd && at === seen + n.data.length)) return [n, at - seen];
        seen += n.data.length;
      }
      return [nodes[nodes.length - 1], nodes[nodes.length - 1].data.length];
    };
    const range = document.createRange();
    range.setStart(...place(start, false));
    range.setEnd(...place(end, true));
    const sel = root.getSelection ? root.getSelection() : getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, { index, from, to, host });
}

/** Saves a screenshot of the whole page as a test artefact in target/e2e/. */
export async function snap(page, name) {
  await page.screenshot({ path: `target/e2e/${name}.png`, fullPage: true });
}

/**
 * Adds a note to paragraph `index`, then rewrites its stored passage into one the article does not
 * hold, as if an editor had deleted it, and reloads: the note comes back as an orphan.
 */
export async function addOrphan(page, index, text) {
  await addNote(page, index, text);
  await page.evaluate((t) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('article-annotator:notes:'));
    const env = JSON.parse(localStorage.getItem(key));
    const target = env.notes.find((n) => n.text === t).target;
    target.quote.exact = 'Một đoạn văn đã bị biên tập viên xóa khỏi bài, không còn ở đâu trong bài nữa.';
    target.quote.prefix = 'hoàn toàn khác ';
    target.quote.suffix = ' cũng khác';
    target.paragraph = 'p9-00000000';
    localStorage.setItem(key, JSON.stringify(env));
  }, text);
  await page.reload();
  const orphan = page.locator('[data-aa-orphan="true"]', { hasText: text });
  await orphan.waitFor();
  return orphan;
}

/** The page's accessibility violations by axe-core (served from node_modules), in short. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes[0]?.target }));
  });
}
