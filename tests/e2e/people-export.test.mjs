// End-to-end: the exports for people (Markdown, CSV, HTML) from the buttons and the element's
// methods, with a hostile note and an orphan; the HTML page opened in the browser runs nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openPage, addNote, addOrphan } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// No double quote: the helpers find a saved note by its text in the stored JSON.
const HOSTILE = '=HYPERLINK(http://evil.example) [x](javascript:alert(1)) <img src=x onerror=window.__pwned=1>';

/** The export with the line that says when it was made taken out (two calls may straddle a minute). */
const stable = (text) => text.split('\n').filter((l) => !/Xuất lúc|Exported/.test(l)).join('\n');

test('Markdown, CSV and HTML downloads match the element methods, hostile notes stay text', async () => {
  const page = await openPage(browser);
  await addOrphan(page, 3, 'ghi chú mồ côi');
  await addNote(page, 2, 'Ai chủ trì?');
  await addNote(page, 1, HOSTILE);
  const methods = await page.evaluate(() => {
    const el = document.querySelector('#app');
    return { md: el.exportMarkdown(), csv: el.exportCsv(), html: el.exportHtml() };
  });
  for (const [action, key, ext] of [['export-markdown', 'md', '.md'], ['export-csv', 'csv', '.csv'], ['export-html', 'html', '.html']]) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-aa-action="${action}"]`).click(),
    ]);
    assert.ok(download.suggestedFilename().endsWith(ext), download.suggestedFilename());
    const text = await readFile(await download.path(), 'utf8');
    assert.equal(stable(text), stable(methods[key]), `${action}: the button gives what the method returns`);
  }

  const md = methods.md;
  assert.match(md, /^# Ghi chú: Tổ chức Đại hội/);
  assert.ok(md.includes('http\\://evil\\.example) \\[x\\](javascript:alert(1)) \\<img src=x onerror=window.\\_\\_pwned=1\\>'), md);
  assert.ok(md.indexOf('Ai chủ trì?') < md.indexOf('Ghi chú không còn tìm thấy chỗ trong bài'), 'article order, orphans last');
  assert.ok(md.includes('Phạm Xuân Thăng (Phó Bí thư Thường trực Tỉnh ủy)'), 'the official, by his full name');

  assert.ok(methods.csv.startsWith('\uFEFF"#","Bài viết"'), 'a BOM and the header');
  assert.equal(methods.csv.split('\r\n').filter((l) => /^"\d+"/.test(l)).length, 3, 'one record per note');
  assert.ok(methods.csv.includes('"\'=HYPERLINK(http://evil.example) [x]'), 'formula guarded');

  const html = methods.html;
  assert.ok(html.includes(`content="default-src 'none'; style-src 'unsafe-inline'`), 'a strict CSP');
  assert.ok(!/<script|<img/i.test(html), 'no script, no image');
  // Opened as a page of its own: it shows the notes and runs nothing.
  const view = await page.context().newPage();
  await view.setContent(html);
  assert.equal(await view.locator('section').count(), 3);
  assert.equal(await view.locator('section').nth(0).locator('.t').textContent(), HOSTILE);
  await view.waitForTimeout(300);
  assert.equal(await view.evaluate(() => window.__pwned), undefined, 'the note\'s onerror never ran');
  assert.equal(await view.locator('img, script, a, [onerror]').count(), 0);

  await page.evaluate(() => document.querySelector('#app').setAttribute('lang', 'en'));
  await page.locator('[data-aa-action="export-csv"]', { hasText: 'Download spreadsheet' }).waitFor();
  const en = await page.evaluate(() => document.querySelector('#app').exportMarkdown());
  assert.match(en, /^# Notes: /);
  assert.ok(en.includes('Notes whose passage is no longer in the article'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
