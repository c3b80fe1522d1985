// A very long article (over 200 paragraphs) renders its far paragraphs lazily: text only until
// they come near the viewport. Everything must still reach them: scrolling, the entity panel's
// stepping, jumping to a note from the list, and the text itself (find in page, screen readers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, APP_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page with the seed's paragraphs repeated `times` times, as one JSON article. */
async function longPage(times) {
  const seed = await openPage(browser);
  const { title, paragraphs } = await seed.evaluate(() => {
    const root = document.querySelector('#app').shadowRoot;
    return { title: root.querySelector('.aa-title').textContent, paragraphs: [...root.querySelectorAll('[data-aa-paragraph] .aa-paragraph__text')].map((p) => p.textContent) };
  });
  // A short article is not chunked and skips nothing (content-visibility would cost it a layout).
  assert.equal(await seed.locator('#app [data-aa-chunk]').count(), 0, 'the seed is not chunked');
  await seed.context().close();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const body = Array.from({ length: times }, () => paragraphs).flat();
  await context.route('**/long/page.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/article-annotator-element.js"></script><article-annotator id="long" src="/long/article.json" article-id="long"></article-annotator>' }));
  await context.route('**/long/article.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify({ title, paragraphs: body }) }));
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(new URL('long/page.html', APP_URL).href);
  await page.locator('#long [data-aa-entity]').first().waitFor();
  return { page, total: body.length };
}

test('a long article renders far paragraphs as they come near, and everything still reaches them', async () => {
  const { page, total } = await longPage(35);
  const host = page.locator('#long');
  const paragraphs = host.locator('[data-aa-paragraph]');
  assert.equal(await paragraphs.count(), total, 'every paragraph is in the page');
  const pending = await host.locator('[data-aa-pending]').count();
  assert.ok(pending > total / 2, `far paragraphs wait: ${pending} of ${total}`);
  assert.match(await paragraphs.last().textContent(), /\S/, 'their text is there');
  // Laid out and watched in chunks of 20 paragraphs.
  const chunks = host.locator('[data-aa-chunk]');
  assert.equal(await chunks.count(), Math.ceil(total / 20), 'paragraphs in chunks of 20');
  assert.equal(await chunks.first().locator('[data-aa-paragraph]').count(), 20);
  assert.equal(await chunks.last().locator('[data-aa-paragraph]').count(), total - 20 * (Math.ceil(total / 20) - 1));

  // Scrolling to the end shows the last paragraph in full.
  await paragraphs.last().scrollIntoViewIfNeeded();
  await paragraphs.last().locator('[data-aa-action="add-note"]').waitFor();
  assert.ok(await paragraphs.last().locator('[data-aa-entity]').count() > 0);

  // Choosing an official shows every paragraph that mentions him: all his mentions are marked.
  const thang = host.locator('[data-aa-action="choose-entity"]', { hasText: 'Phạm Xuân Thăng' });
  const count = Number(await thang.locator('.aa-panel__count').textContent());
  await thang.click();
  await host.locator('.aa-panel__position', { hasText: `1 / ${count}` }).waitFor();
  await page.waitForFunction((n) => document.querySelector('#long').shadowRoot.querySelectorAll('.aa-entity--chosen[data-aa-entity="official"]').length === n, count);

  // A note far down, reached from the notes list after a reload.
  const far = paragraphs.nth(total - 3);
  await far.scrollIntoViewIfNeeded();
  await far.locator('[data-aa-action="add-note"]').click();
  await far.locator('[data-aa-field="note-text"]').fill('ở cuối bài dài');
  await far.locator('[data-aa-action="save-note"]').click();
  await far.locator('.aa-note__text', { hasText: 'ở cuối bài dài' }).waitFor();
  await page.waitForFunction(() => (localStorage.getItem('article-annotator:notes:long') ?? '').includes('ở cuối bài dài'));
  await page.reload();
  await page.locator('#long [data-aa-entity]').first().waitFor();
  assert.equal(await host.locator('.aa-article .aa-note').count(), 0, 'not rendered while far away');
  await host.locator('[data-aa-action="jump-to-note"]').click();
  await page.waitForFunction(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.closest?.('.aa-article [data-aa-note-id]')?.textContent.includes('ở cuối bài dài');
  });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
