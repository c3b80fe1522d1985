// End-to-end: notes that survive — other tabs, a full or blocked localStorage, corrupt values,
// and notes whose passage left the article.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, addNote, addOrphan, APP_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const notesKey = (page) => page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('article-annotator:notes:')));

test('two tabs on the same article stay in step', async () => {
  const a = await openPage(browser);
  const b = await a.context().newPage();
  b.problems = [];
  b.on('pageerror', (e) => b.problems.push(e.message));
  await b.goto(APP_URL);
  await b.waitForSelector('[data-aa-entity]');

  await addNote(a, 2, 'từ tab A');
  await b.locator('.aa-note__text', { hasText: 'từ tab A' }).waitFor({ timeout: 5000 });
  // Both add at once: neither loses its note.
  await Promise.all([addNote(a, 3, 'A lần hai'), addNote(b, 4, 'B lần một')]);
  for (const page of [a, b]) {
    await page.locator('.aa-note__text', { hasText: 'A lần hai' }).waitFor({ timeout: 5000 });
    await page.locator('.aa-note__text', { hasText: 'B lần một' }).waitFor({ timeout: 5000 });
    assert.equal(await page.locator('.aa-note').count(), 3);
  }
  // Both edit the same note at once: the later edit wins everywhere, no note is lost.
  const editIn = async (page, text) => {
    const para = page.locator('[data-aa-paragraph]').nth(3);
    await para.locator('[data-aa-action="edit-note"]').click();
    await para.locator('[data-aa-field="note-text"]').fill(text);
    await para.locator('[data-aa-action="save-note"]').click();
  };
  await editIn(a, 'sửa ở A');
  await editIn(b, 'sửa ở B, sau');
  for (const page of [a, b]) {
    await page.locator('.aa-note__text', { hasText: 'sửa ở B, sau' }).waitFor({ timeout: 5000 });
    assert.equal(await page.locator('.aa-note').count(), 3);
  }
  // A deletion in one tab is not undone by the other.
  await b.locator('[data-aa-paragraph]').nth(2).locator('[data-aa-action="delete-note"]').click();
  await a.locator('.aa-note__text', { hasText: 'từ tab A' }).waitFor({ state: 'detached', timeout: 5000 });
  await a.reload();
  await a.waitForSelector('.aa-note');
  assert.equal(await a.locator('.aa-note').count(), 2);
  assert.deepEqual([...a.problems, ...b.problems], []);
  await a.context().close();
});

test('a full localStorage keeps the note in the page and says so', async () => {
  const page = await openPage(browser);
  await page.evaluate(() => {
    let i = 0;
    for (const size of [512 * 1024, 32 * 1024, 1024, 16]) {
      const chunk = 'x'.repeat(size);
      try { for (; i < 10000; i++) localStorage.setItem(`filler-${i}`, chunk); } catch { /* full */ }
    }
  });
  const para = page.locator('[data-aa-paragraph]').nth(2);
  await addNote(page, 2, 'không lưu được nhưng không mất');
  await para.locator('.aa-note').waitFor();
  await page.locator('.aa-status', { hasText: 'Không lưu được' }).waitFor();
  const exported = JSON.parse(await page.evaluate(() => document.querySelector('#app').exportJson()));
  assert.equal(exported.annotations[0].text, 'không lưu được nhưng không mất', 'export still offers the note');
  await page.context().close();
});

test('corrupt stored notes are kept aside, never overwritten, and the reader is told', async () => {
  const page = await openPage(browser);
  await addNote(page, 2, 'tạm');
  const key = await notesKey(page);
  await page.evaluate((k) => localStorage.setItem(k, '{"format": "article-annotator/notes", "version": 1, "notes": [trunc'), key);
  await page.reload();
  await page.waitForSelector('[data-aa-entity]');
  assert.match(await page.locator('.aa-status').textContent(), /Có vấn đề/);
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('article-annotator:backup:')));
  assert.equal(backups.length, 1);
  assert.match(await page.evaluate((k) => localStorage.getItem(k), backups[0]), /\[trunc$/, 'kept untouched');
  await addNote(page, 3, 'sau khi hỏng');
  await page.locator('.aa-status', { hasText: 'ghi đè' }).waitFor();
  assert.match(await page.evaluate((k) => localStorage.getItem(k), key), /\[trunc$/, 'what could not be read is never overwritten');
  const exported = JSON.parse(await page.evaluate(() => document.querySelector('#app').exportJson()));
  assert.deepEqual(exported.annotations.map((a) => a.text), ['sau khi hỏng'], 'the new note is kept in the page and exported');
  await page.context().close();
});

test('a note whose passage left the article is an orphan, then re-attached', async () => {
  const page = await openPage(browser);
  const orphan = await addOrphan(page, 2, 'gắn vào đoạn sẽ bị xóa');
  assert.equal(await page.locator('[data-aa-paragraph] .aa-note').count(), 0, 'not attached to a lookalike');
  assert.match(await orphan.textContent(), /gắn vào đoạn sẽ bị xóa/);
  const target = await page.locator('[data-aa-paragraph]').nth(4).getAttribute('data-aa-paragraph');
  await orphan.locator('select').selectOption(target);
  await orphan.locator('[data-aa-action="reattach-note"]').click();
  await page.locator(`[data-aa-paragraph="${target}"] .aa-note`).waitFor();
  assert.equal(await page.locator('[data-aa-orphan]').count(), 0);
  await page.reload();
  await page.locator(`[data-aa-paragraph="${target}"] .aa-note`).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('in a sandboxed iframe, where localStorage throws, notes stay in the page and the reader is told', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The sandboxed frame has an opaque origin: let it load the module scripts cross-origin.
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent(`<iframe sandbox="allow-scripts allow-downloads" src="${APP_URL}" style="width:1000px;height:900px"></iframe>`);
  const frame = page.frameLocator('iframe');
  await frame.locator('[data-aa-entity]').first().waitFor();
  assert.match(await frame.locator('.aa-status').textContent(), /chặn lưu trữ/);
  const para = frame.locator('[data-aa-paragraph]').nth(2);
  await para.locator('[data-aa-action="add-note"]').click();
  await para.locator('[data-aa-field="note-text"]').fill('trong khung cát');
  await para.locator('[data-aa-action="save-note"]').click();
  await para.locator('.aa-note__text', { hasText: 'trong khung cát' }).waitFor();
  await frame.locator('.aa-status', { hasText: 'Không lưu được' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload in the middle of typing keeps the draft, new note or edit', async () => {
  const page = await openPage(browser);
  const para = page.locator('[data-aa-paragraph]').nth(2);
  await para.locator('[data-aa-action="add-note"]').click();
  await para.locator('[data-aa-field="note-text"]').pressSequentially('đang gõ dở');
  await page.reload();
  const field = page.locator('[data-aa-paragraph]').nth(2).locator('[data-aa-field="note-text"]');
  await field.waitFor();
  assert.equal(await field.inputValue(), 'đang gõ dở', 'the new note\'s draft survived');
  await page.locator('[data-aa-paragraph]').nth(2).locator('[data-aa-action="save-note"]').click();
  await page.locator('.aa-note__text', { hasText: 'đang gõ dở' }).waitFor();
  // An edit in progress survives too; saving clears the draft.
  await page.locator('[data-aa-action="edit-note"]').click();
  await page.locator('[data-aa-field="note-text"]').fill('đã sửa một nửa');
  await page.locator('[data-aa-field="note-text"]').press('Space');
  await page.reload();
  await page.locator('[data-aa-field="note-text"]').waitFor();
  assert.equal(await page.locator('[data-aa-field="note-text"]').inputValue(), 'đã sửa một nửa ');
  await page.keyboard.press('Escape');
  await page.reload();
  await page.waitForSelector('.aa-note');
  assert.equal(await page.locator('[data-aa-field="note-text"]').count(), 0, 'Escape discarded the draft');
  assert.equal(await page.locator('.aa-note__text').textContent(), 'đang gõ dở');
  const drafts = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('article-annotator:draft:')));
  assert.deepEqual(drafts, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a note saved just before the page goes away is written on the way out', async () => {
  const page = await openPage(browser);
  const para = page.locator('[data-aa-paragraph]').nth(3);
  await para.locator('[data-aa-action="add-note"]').click();
  await para.locator('[data-aa-field="note-text"]').fill('lưu khi rời trang');
  await para.locator('[data-aa-action="save-note"]').click();
  await para.locator('.aa-note__text', { hasText: 'lưu khi rời trang' }).waitFor();
  // At once, inside the save delay: the pending save runs on pagehide.
  await page.reload();
  await page.locator('[data-aa-paragraph]').nth(3).locator('.aa-note__text', { hasText: 'lưu khi rời trang' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
