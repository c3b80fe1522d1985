// End-to-end: the reader's first slice, written against the public surface of DESIGN.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { launch, openPage, addNote, selectPassage, waitForSave } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NOTE = 'Cần so sánh với kế hoạch <i>Đại hội</i> năm 2015';

test('the seed article is shown with its officials, titles and bodies highlighted', async () => {
  const page = await openPage(browser);
  assert.equal(await page.locator('.aa-root').count(), 1);
  assert.equal(await page.locator('[data-aa-paragraph]').count(), 6);
  assert.equal(await page.locator('[data-aa-entity="official"]').count(), 6);
  assert.equal(await page.locator('[data-aa-entity="title"]').count(), 5);
  assert.equal(await page.locator('[data-aa-entity="body"]').count(), 27);
  const thang = page.locator('[data-aa-entity="official"]', { hasText: 'Phạm Xuân Thăng' });
  const ids = new Set(await thang.evaluateAll((els) => els.map((e) => e.dataset.aaEntityId)));
  assert.equal(ids.size, 1, 'all mentions of one official share an entity id');
  // Kinds differ by more than colour: each has its own underline style.
  const styles = await page.evaluate(() => ['official', 'title', 'body'].map((k) =>
    getComputedStyle(document.querySelector('#app').shadowRoot.querySelector(`[data-aa-entity="${k}"]`)).textDecorationStyle));
  assert.equal(new Set(styles).size, 3, `underline styles ${styles}`);
  const entities = JSON.parse(await page.evaluate(() => document.querySelector('#app').entities()));
  const official = entities.find((e) => e.name === 'Phạm Xuân Thăng');
  assert.equal(official.kind, 'official');
  assert.deepEqual(official.titles, ['Phó Bí thư Thường trực Tỉnh ủy']);
  assert.ok(entities.some((e) => e.kind === 'body' && e.name === 'Ban Thường vụ Tỉnh ủy'));
  await mkdir('target/e2e', { recursive: true });
  await page.screenshot({ path: 'target/e2e/seed-1280.png', fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a note added with the keyboard survives a reload and is exported', async () => {
  const page = await openPage(browser);
  // Reach the first "add note" with Tab alone.
  let focused = '';
  for (let i = 0; i < 80 && focused !== 'add-note'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => deepActive()?.dataset?.aaAction ?? '');
  }
  assert.equal(focused, 'add-note', 'add-note is reachable with Tab');
  await page.keyboard.press('Enter');
  const field = page.locator('[data-aa-field="note-text"]');
  await field.waitFor();
  assert.equal(await field.evaluate((el) => el === el.getRootNode().activeElement), true, 'the editor takes focus');
  await page.keyboard.type(NOTE);
  await page.keyboard.press('Control+Enter');
  await page.locator('.aa-note').first().waitFor();
  assert.equal(await page.locator('.aa-note__text').first().textContent(), NOTE);
  assert.equal(await page.locator('.aa-note i').count(), 0, 'note text is text, not markup');
  assert.equal(await page.evaluate(() => deepActive()?.dataset?.aaAction), 'add-note', 'focus returns to the paragraph');
  await page.locator('.aa-status', { hasText: 'Đã lưu' }).waitFor();

  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.length > 0 && keys.every((k) => k.startsWith('article-annotator:')), `keys ${keys}`);
  const envelope = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), keys[0]));
  assert.equal(typeof envelope.version, 'number');

  await page.reload();
  await page.waitForSelector('.aa-note');
  assert.equal(await page.locator('.aa-note__text').first().textContent(), NOTE);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-aa-action="export-json"]').click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.format, 'article-annotator');
  assert.equal(Number.isInteger(exported.version), true);
  assert.equal(exported.annotations.length, 1);
  assert.equal(exported.annotations[0].text, NOTE);
  const fromMethod = JSON.parse(await page.evaluate(() => document.querySelector('#app').exportJson()));
  assert.deepEqual(fromMethod.annotations, exported.annotations, 'exportJson() returns the same notes');
  // Kept for the W3C check that scripts/test.sh runs after these tests.
  await writeFile('target/e2e/export.native.json', JSON.stringify(exported, null, 2));
  const [w3cDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-aa-action="export-w3c"]').click(),
  ]);
  const w3c = JSON.parse(await readFile(await w3cDownload.path(), 'utf8'));
  assert.equal(w3c.type, 'AnnotationCollection');
  assert.equal(w3c.first.items[0].body.value, NOTE);
  const w3cMethod = JSON.parse(await page.evaluate(() => document.querySelector('#app').exportW3c()));
  assert.deepEqual(w3cMethod.first.items, w3c.first.items, 'exportW3c() returns the same annotations');
  await writeFile('target/e2e/export.w3c.json', JSON.stringify(w3c, null, 2));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('importJson() merges an export by id and reports what it did', async () => {
  const page = await openPage(browser);
  const host = '#app';
  const para = page.locator('[data-aa-paragraph]').nth(1);
  await addNote(page, 1, 'ghi chú để nhập lại');
  const native = await page.evaluate((h) => document.querySelector(h).exportJson(), host);
  const w3c = await page.evaluate((h) => document.querySelector(h).exportW3c(), host);
  await para.locator('[data-aa-action="delete-note"]').click();
  assert.equal(await page.locator('.aa-note').count(), 0);

  const added = await page.evaluate(([h, t]) => document.querySelector(h).importJson(t), [host, native]);
  assert.deepEqual(added, { added: 1, updated: 0, skipped: 0, errors: [] });
  await para.locator('.aa-note').waitFor();
  assert.equal(await para.locator('.aa-note__text').textContent(), 'ghi chú để nhập lại');
  const again = await page.evaluate(([h, t]) => document.querySelector(h).importJson(t), [host, w3c]);
  assert.deepEqual(again, { added: 0, updated: 0, skipped: 1, errors: [] }, 'nothing duplicated');

  const errorEvent = page.evaluate((h) => new Promise((resolve) =>
    document.querySelector(h).addEventListener('article-annotator:error', (e) => resolve(e.detail), { once: true })), host);
  const bad = await page.evaluate(([h]) => document.querySelector(h).importJson('{"format": "article-annotator", "version": 1'), [host]);
  assert.equal(bad.added + bad.updated + bad.skipped, 0);
  assert.match(bad.errors[0].reason, /không phải JSON hợp lệ/, 'the reason in the widget\'s language');
  assert.equal((await errorEvent).code, 'import');
  assert.equal(await page.locator('.aa-note').count(), 1, 'a failed import changes nothing');
  await page.reload();
  await page.waitForSelector('.aa-note');
  assert.equal(await page.locator('.aa-note').count(), 1, 'the import was saved');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a note can be edited and deleted', async () => {
  const page = await openPage(browser);
  const para = page.locator('[data-aa-paragraph]').nth(2);
  await addNote(page, 2, 'bản nháp');
  await para.locator('[data-aa-action="edit-note"]').click();
  await para.locator('[data-aa-field="note-text"]').fill('bản đã sửa');
  await para.locator('[data-aa-action="save-note"]').click();
  assert.equal(await para.locator('.aa-note__text').textContent(), 'bản đã sửa');
  const changes = page.evaluate(() => new Promise((resolve) =>
    document.querySelector('#app').addEventListener('article-annotator:change', (e) => resolve(e.detail.count), { once: true })));
  await para.locator('[data-aa-action="delete-note"]').click();
  assert.equal(await changes, 0, 'a change event reports the count');
  assert.equal(await para.locator('.aa-note').count(), 0);
  await page.reload();
  await page.waitForSelector('[data-aa-entity]');
  assert.equal(await page.locator('.aa-note').count(), 0, 'the deletion was saved');
  // An empty note is refused with a message, nothing is saved.
  await para.locator('[data-aa-action="add-note"]').click();
  await para.locator('[data-aa-action="save-note"]').click();
  assert.match(await para.locator('.aa-editor__error').textContent(), /không thể để trống/);
  assert.equal(await para.locator('[data-aa-field="note-text"]').count(), 1, 'the editor stays open');
  await page.keyboard.press('Escape');
  assert.equal(await para.locator('[data-aa-field="note-text"]').count(), 0, 'Escape closes the editor');
  assert.equal(await page.locator('.aa-note').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the page works on a 360 px phone', async () => {
  const page = await openPage(browser, { width: 360, height: 780 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
  await page.screenshot({ path: 'target/e2e/seed-360.png', fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the entity panel lists officials and bodies, steps through mentions, hides kinds', async () => {
  const page = await openPage(browser);
  const panel = page.locator('.aa-panel');
  const thang = panel.locator('[data-aa-action="choose-entity"]', { hasText: 'Phạm Xuân Thăng' });
  assert.match(await thang.textContent(), /Phó Bí thư Thường trực Tỉnh ủy/, 'an official with his title');
  assert.match(await thang.locator('.aa-panel__count').textContent(), /^6$/);
  const btv = panel.locator('[data-aa-action="choose-entity"]', { hasText: 'Ban Thường vụ Tỉnh ủy' });
  assert.equal(await btv.locator('.aa-panel__count').textContent(), '6');
  await thang.click();
  assert.equal(await thang.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.aa-entity--chosen[data-aa-entity="official"]').count(), 6);
  assert.equal(await panel.locator('.aa-panel__position').textContent(), '1 / 6');
  await panel.locator('[data-aa-action="next-mention"]').click();
  assert.equal(await panel.locator('.aa-panel__position').textContent(), '2 / 6');
  const focused = await page.evaluate(() => { const a = deepActive(); return a?.dataset?.aaEntity; });
  assert.equal(focused, 'official', 'the current mention takes focus');
  // Focused, it says what it is, as hovering does: a title alone names the official it stands for.
  const tip = await page.evaluate(() => { const a = deepActive(); return [a.title, getComputedStyle(a, '::after').content]; });
  assert.match(tip[0], /^Quan chức: Phạm Xuân Thăng/);
  assert.equal(tip[1], JSON.stringify(tip[0]), 'shown on focus, not only on hover');
  await panel.locator('[data-aa-action="previous-mention"]').click();
  await panel.locator('[data-aa-action="previous-mention"]').click();
  assert.equal(await panel.locator('.aa-panel__position').textContent(), '6 / 6', 'stepping wraps around');
  await thang.click();
  assert.equal(await page.locator('.aa-entity--chosen').count(), 0);
  // Hide the bodies: their mentions read as plain text, the others keep their look.
  await panel.locator('[data-aa-kind="body"]').uncheck();
  const looks = await page.evaluate(() => {
    const root = document.querySelector('#app').shadowRoot;
    const deco = (k) => getComputedStyle(root.querySelector(`.aa-article [data-aa-entity="${k}"]`)).textDecorationLine;
    return { body: deco('body'), official: deco('official') };
  });
  assert.deepEqual(looks, { body: 'none', official: 'underline' });
  await panel.locator('[data-aa-kind="body"]').check();
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#app').shadowRoot.querySelector('.aa-article [data-aa-entity="body"]')).textDecorationLine), 'underline');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a selected passage gets its own note and highlight, across entity highlights, kept after reload', async () => {
  const page = await openPage(browser);
  const para = page.locator('[data-aa-paragraph]').nth(2);
  // Select "Phạm Xuân Thăng, Phó Bí thư" — from inside one entity highlight into another.
  await selectPassage(page, 2, 'Phạm Xuân Thăng', 'Phó Bí thư');
  const offer = para.locator('[data-aa-action="add-passage-note"]');
  await offer.waitFor();
  assert.match(await offer.textContent(), /“Phạm Xuân Thăng, Phó Bí thư”/);
  await offer.click();
  await para.locator('.aa-editor__quote', { hasText: 'Phạm Xuân Thăng, Phó Bí thư' }).waitFor();
  await para.locator('[data-aa-field="note-text"]').fill('người chủ trì');
  await para.locator('[data-aa-action="save-note"]').click();
  await para.locator('.aa-note__quote', { hasText: 'Phạm Xuân Thăng, Phó Bí thư' }).waitFor();
  const marked = await page.evaluate(() => [...document.querySelector('#app').shadowRoot.querySelectorAll('[data-aa-note]')].map((e) => e.textContent).join(''));
  assert.equal(marked, 'Phạm Xuân Thăng, Phó Bí thư');
  assert.ok(await para.locator('[data-aa-note] [data-aa-entity="official"]').count() >= 1, 'the note highlight and the entity highlight coexist');
  const exported = JSON.parse(await page.evaluate(() => document.querySelector('#app').exportJson()));
  const t = exported.annotations[0].target;
  assert.equal(t.passage, true);
  assert.equal(t.quote.exact, 'Phạm Xuân Thăng, Phó Bí thư');
  await page.reload();
  await page.locator('[data-aa-note]').first().waitFor();
  assert.equal(await page.evaluate(() => [...document.querySelector('#app').shadowRoot.querySelectorAll('[data-aa-note]')].map((e) => e.textContent).join('')), 'Phạm Xuân Thăng, Phó Bí thư');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('notes are imported from a file (picker or drop) with a report, and copied to the clipboard', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const para = page.locator('[data-aa-paragraph]').nth(2);
  await addNote(page, 2, 'sẽ xuất rồi nhập lại');
  await page.locator('[data-aa-action="copy-json"]').click();
  await page.locator('.aa-status', { hasText: 'Đã sao chép' }).waitFor();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(copied.annotations[0].text, 'sẽ xuất rồi nhập lại');
  await para.locator('[data-aa-action="delete-note"]').click();
  // The file picker.
  await page.locator('[data-aa-field="import-file"]').setInputFiles({ name: 'ghi-chu.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(copied)) });
  await page.locator('.aa-status', { hasText: 'Đã nhập: 1 mới, 0 cập nhật, 0 bỏ qua.' }).waitFor();
  await para.locator('.aa-note__text', { hasText: 'sẽ xuất rồi nhập lại' }).waitFor();
  // Dropping a file: a second note, one item rejected with its reason.
  const second = structuredClone(copied);
  second.annotations[0].id = '00000000-0000-4000-8000-000000000042';
  second.annotations[0].text = 'thả vào';
  second.annotations.push({ ...second.annotations[0], id: 'not-a-uuid' });
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'tha.json', { type: 'application/json' }));
    document.querySelector('#app').shadowRoot.querySelector('.aa-root').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(second));
  await page.locator('.aa-status', { hasText: /1 mới.*1 bị từ chối/ }).waitFor();
  assert.equal(await page.locator('.aa-note').count(), 2);
  // A file that is not JSON changes nothing and says so.
  await page.locator('[data-aa-field="import-file"]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{ hỏng') });
  await page.locator('.aa-status', { hasText: 'Không nhập được tệp' }).waitFor();
  assert.equal(await page.locator('.aa-note').count(), 2);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('two files imported one after the other from the file picker are both kept', async () => {
  const page = await openPage(browser);
  await addNote(page, 2, 'nguồn của hai tệp');
  const base = JSON.parse(await page.evaluate(() => document.querySelector('#app').exportJson()));
  await page.locator('[data-aa-paragraph]').nth(2).locator('[data-aa-action="delete-note"]').click();
  const file = (id, text) => {
    const e = structuredClone(base);
    Object.assign(e.annotations[0], { id, text });
    return { name: `${text}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(e)) };
  };
  const picker = page.locator('[data-aa-field="import-file"]');
  await picker.setInputFiles(file('00000000-0000-4000-8000-00000000000a', 'tệp một'));
  await picker.setInputFiles(file('00000000-0000-4000-8000-00000000000b', 'tệp hai'));
  const para = page.locator('[data-aa-paragraph]').nth(2);
  await para.locator('.aa-note__text', { hasText: 'tệp hai' }).waitFor();
  await para.locator('.aa-note__text', { hasText: 'tệp một' }).waitFor();
  assert.match(await page.locator('.aa-status').textContent(), /Đã nhập: 1 mới/);
  const texts = () => page.evaluate(() => JSON.parse(document.querySelector('#app').exportJson()).annotations.map((a) => a.text).sort());
  assert.deepEqual(await texts(), ['tệp hai', 'tệp một']);
  await waitForSave(page, 'tệp hai');
  await page.reload();
  await page.locator('[data-aa-paragraph]').nth(2).locator('.aa-note__text', { hasText: 'tệp hai' }).waitFor();
  assert.deepEqual(await texts(), ['tệp hai', 'tệp một'], 'both saved');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('importJson() twice in one task: each call sees the one before, and exportJson() at once', async () => {
  const page = await openPage(browser);
  await addNote(page, 3, 'gốc');
  const result = await page.evaluate(() => {
    const el = document.querySelector('#app');
    const base = JSON.parse(el.exportJson());
    const file = (id, text) => JSON.stringify({ ...base, annotations: [{ ...base.annotations[0], id, text }] });
    const a = el.importJson(file('00000000-0000-4000-8000-0000000000a1', 'tệp A'));
    const afterA = JSON.parse(el.exportJson()).annotations.map((n) => n.text);
    const b = el.importJson(file('00000000-0000-4000-8000-0000000000b2', 'tệp B'));
    const afterB = JSON.parse(el.exportJson()).annotations.map((n) => n.text);
    return { a: a.added, b: b.added, afterA, afterB };
  });
  assert.deepEqual(result, { a: 1, b: 1, afterA: ['gốc', 'tệp A'], afterB: ['gốc', 'tệp A', 'tệp B'] });
  await page.locator('[data-aa-paragraph]').nth(3).locator('.aa-note__text', { hasText: 'tệp A' }).waitFor();
  await waitForSave(page, 'tệp B');
  await page.reload();
  await page.locator('[data-aa-paragraph]').nth(3).locator('.aa-note__text', { hasText: 'tệp B' }).waitFor();
  assert.equal(await page.locator('[data-aa-paragraph]').nth(3).locator('.aa-note').count(), 3, 'nothing lost after a reload');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a deleted note comes back with undo, and stays after reload', async () => {
  const page = await openPage(browser);
  const para = page.locator('[data-aa-paragraph]').nth(4);
  await addNote(page, 4, 'xóa nhầm');
  await para.locator('[data-aa-action="delete-note"]').click();
  assert.match(await page.locator('.aa-status').textContent(), /Đã xóa ghi chú/);
  await page.locator('[data-aa-action="undo-delete"]').click();
  await para.locator('.aa-note__text', { hasText: 'xóa nhầm' }).waitFor();
  assert.match(await page.locator('.aa-status').textContent(), /Đã khôi phục/);
  await page.reload();
  await page.locator('[data-aa-paragraph]').nth(4).locator('.aa-note__text', { hasText: 'xóa nhầm' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
