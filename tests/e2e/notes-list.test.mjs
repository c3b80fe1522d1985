// Managing notes: tags and colours, the notes list in article order, search and filters, jumping
// from a note to its passage and back, the list as a sheet on phones, orphans attached to a
// selection. Screenshots of each at 1280 and 360 px are kept in target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, addNote, addOrphan, selectPassage, snap } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const list = (page) => page.locator('#aa-notes-list');
const listTexts = (page) => list(page).locator('.aa-list__text').allTextContents();

/** Waits (up to 5 s) for the list to show exactly `want`, in order; fails with what it shows. */
async function expectList(page, want, what) {
  let got;
  for (let i = 0; i < 50; i++) {
    got = await listTexts(page);
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(got, want, what);
}

/** Adds a note with tags and a colour to paragraph `index` through the editor. */
async function addTagged(page, index, text, tags, color) {
  const para = page.locator('[data-aa-paragraph]').nth(index);
  await para.locator('[data-aa-action="add-note"]').click();
  await para.locator('[data-aa-field="note-text"]').fill(text);
  await para.locator('[data-aa-field="note-tags"]').fill(tags);
  await para.locator('[data-aa-field="note-color"]').selectOption(color);
  await para.locator('[data-aa-action="save-note"]').click();
  await para.locator('.aa-note__text', { hasText: text }).waitFor();
}

test('a note carries tags and a colour, named in text, kept in exports and after reload', async () => {
  const page = await openPage(browser);
  await addTagged(page, 3, 'cần hỏi lại', ' nhân sự , Nhân sự, kiểm tra,', 'green');
  const note = page.locator('.aa-article .aa-note', { hasText: 'cần hỏi lại' });
  assert.equal(await note.getAttribute('data-aa-color'), 'green');
  assert.deepEqual(await note.locator('.aa-tag').allTextContents(), ['Xanh lá', 'nhân sự', 'kiểm tra'], 'the colour is named; tags trimmed, each once');
  const exported = JSON.parse(await page.evaluate(() => document.querySelector('#app').exportJson()));
  assert.deepEqual([exported.annotations[0].tags, exported.annotations[0].color], [['nhân sự', 'kiểm tra'], 'green']);
  const w3c = JSON.parse(await page.evaluate(() => document.querySelector('#app').exportW3c()));
  assert.equal(w3c.first.items[0].target.styleClass, 'aa-note-green');

  // Editing changes tags and colour; the editor opens with the current ones.
  await note.locator('[data-aa-action="edit-note"]').click();
  const para = page.locator('[data-aa-paragraph]').nth(3);
  assert.equal(await para.locator('[data-aa-field="note-tags"]').inputValue(), 'nhân sự, kiểm tra');
  assert.equal(await para.locator('[data-aa-field="note-color"]').inputValue(), 'green');
  await para.locator('[data-aa-field="note-tags"]').fill('lịch');
  await para.locator('[data-aa-field="note-color"]').selectOption('purple');
  await para.locator('[data-aa-action="save-note"]').click();
  await page.locator('.aa-article .aa-note[data-aa-color="purple"]').waitFor();
  await page.reload();
  const again = page.locator('.aa-article .aa-note', { hasText: 'cần hỏi lại' });
  await again.waitFor();
  assert.deepEqual(await again.locator('.aa-tag').allTextContents(), ['Tím', 'lịch']);

  // A coloured passage note colours its highlight, over the entity highlights.
  await selectPassage(page, 2, 'Phạm Xuân Thăng', 'Tỉnh ủy');
  const p2 = page.locator('[data-aa-paragraph]').nth(2);
  await p2.locator('[data-aa-action="add-passage-note"]').click();
  await p2.locator('[data-aa-field="note-text"]').fill('người chủ trì');
  await p2.locator('[data-aa-field="note-color"]').selectOption('pink');
  await p2.locator('[data-aa-action="save-note"]').click();
  await p2.locator('[data-aa-note][data-aa-color="pink"]').first().waitFor();
  const bg = await p2.locator('[data-aa-note][data-aa-color="pink"]').first().evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(bg, 'rgb(255, 211, 230)', 'the pink highlight');
  await snap(page, 'note-colours-1280');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the notes list shows notes in article order, searched without tones, filtered by tag and entity', async () => {
  const page = await openPage(browser);
  await addTagged(page, 5, 'ghi chú đoạn sáu', 'lịch', '');
  await addTagged(page, 1, 'ghi chú đoạn hai', 'nhân sự', 'yellow');
  await addTagged(page, 3, 'Kiểm tra số liệu đoạn bốn', 'nhân sự', 'blue');
  await list(page).waitFor();
  assert.deepEqual(await listTexts(page), ['ghi chú đoạn hai', 'Kiểm tra số liệu đoạn bốn', 'ghi chú đoạn sáu'], 'article order, not the order written');
  assert.match(await list(page).locator('.aa-list__count').textContent(), /3 trên 3 ghi chú/);

  const search = list(page).locator('[data-aa-field="notes-search"]');
  await search.fill('kiem tra');
  await expectList(page, ['Kiểm tra số liệu đoạn bốn'], 'typed without tones');
  await search.fill('không có chữ này');
  await list(page).locator('.aa-list__count', { hasText: 'Không có ghi chú nào khớp' }).waitFor();
  await list(page).locator('[data-aa-action="clear-filters"]').click();
  await expectList(page, ['ghi chú đoạn hai', 'Kiểm tra số liệu đoạn bốn', 'ghi chú đoạn sáu'], 'filters cleared');

  await list(page).locator('[data-aa-field="notes-tag"]').selectOption('nhân sự');
  await expectList(page, ['ghi chú đoạn hai', 'Kiểm tra số liệu đoạn bốn'], 'by tag');
  await list(page).locator('[data-aa-field="notes-tag"]').selectOption('');

  // An entity: the notes on paragraphs that mention it, and only those.
  const entities = JSON.parse(await page.evaluate(() => document.querySelector('#app').entities()));
  const paragraphs = page.locator('[data-aa-paragraph]');
  const mentioned = async (i, id) => (await paragraphs.nth(i).locator(`[data-aa-entity-id="${id}"]`).count()) > 0;
  let checked = 0;
  for (const [k, e] of entities.entries()) {
    if (e.kind === 'title') continue;
    const want = [];
    for (const [i, text] of [[1, 'ghi chú đoạn hai'], [3, 'Kiểm tra số liệu đoạn bốn'], [5, 'ghi chú đoạn sáu']]) {
      if (await mentioned(i, e.id)) want.push(text);
    }
    if (want.length === 0 || want.length === 3) continue;
    await list(page).locator('[data-aa-field="notes-entity"]').selectOption(String(k));
    await expectList(page, want, `entity ${e.name}`);
    checked += 1;
    if (checked === 3) break;
  }
  assert.ok(checked > 0, 'some entity is mentioned by some of the noted paragraphs only');
  await snap(page, 'notes-list-1280');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('from a note in the list to its passage and back, with the keyboard', async () => {
  const page = await openPage(browser);
  await addNote(page, 5, 'ghi chú cuối bài');
  await addNote(page, 1, 'ghi chú đầu bài');
  const entry = list(page).locator('.aa-list__item', { hasText: 'ghi chú cuối bài' });
  await entry.locator('[data-aa-action="jump-to-note"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.deepActive()?.closest?.('.aa-article [data-aa-note-id]') != null);
  const focused = await page.evaluate(() => window.deepActive().closest('.aa-note').textContent);
  assert.match(focused, /ghi chú cuối bài/, 'focus on the note at its passage');
  // Back: Tab to "back to list" inside the focused note and press it.
  const back = page.locator('.aa-article .aa-note', { hasText: 'ghi chú cuối bài' }).locator('[data-aa-action="back-to-list"]');
  await back.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.deepActive()?.matches?.('[data-aa-list-note]'));
  assert.match(await page.evaluate(() => window.deepActive().textContent), /ghi chú cuối bài/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an empty notes list says so, without filters, and opening it on a phone focuses its close button', async () => {
  const page = await openPage(browser, { width: 360, height: 740 });
  await page.locator('[data-aa-action="toggle-notes"]').click();
  await list(page).waitFor();
  await page.waitForFunction(() => window.deepActive()?.matches?.('[data-aa-action="close-notes"]'));
  assert.match(await list(page).locator('.aa-list__count').textContent(), /Chưa có ghi chú nào/);
  assert.equal(await list(page).locator('[data-aa-field="notes-search"], select').count(), 0, 'no filters over nothing');
  // The first note brings the filters.
  await page.keyboard.press('Escape');
  await addTagged(page, 1, 'ghi chú đầu tiên', 'lịch', 'blue');
  await page.locator('[data-aa-action="toggle-notes"]').click();
  await page.waitForFunction(() => window.deepActive()?.matches?.('[data-aa-field="notes-search"]'));
  assert.equal(await list(page).locator('select').count(), 2);
  await page.context().close();
});

test('on a 360 px phone the notes list is a sheet opened from a button', async () => {
  const page = await openPage(browser, { width: 360, height: 740 });
  await addTagged(page, 2, 'trên điện thoại', 'nhân sự', 'yellow');
  const toggle = page.locator('[data-aa-action="toggle-notes"]');
  assert.ok(await toggle.isVisible());
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await list(page).isVisible(), false, 'closed at first');
  await toggle.click();
  await list(page).waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.waitForFunction(() => window.deepActive()?.matches?.('[data-aa-field="notes-search"]'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.deepActive()?.matches?.('[data-aa-action="toggle-notes"]'));
  assert.equal(await list(page).isVisible(), false, 'Escape closes it, focus back on its button');
  await page.keyboard.press('Enter');
  await list(page).waitFor();
  const box = await list(page).boundingBox();
  assert.ok(box.width <= 360 && box.x >= 0, `the sheet fits the screen: ${JSON.stringify(box)}`);
  await page.screenshot({ path: 'target/e2e/notes-list-360.png' });
  await list(page).locator('[data-aa-action="jump-to-note"]').click();
  await page.waitForFunction(() => window.deepActive()?.closest?.('.aa-article [data-aa-note-id]') != null);
  assert.equal(await list(page).isVisible(), false, 'jumping closes the sheet so the passage shows');
  await snap(page, 'note-colours-360');
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= 360, `no sideways scrolling: ${scrollWidth}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an orphan is attached to the passage the reader selected', async () => {
  const page = await openPage(browser, { width: 360, height: 740 });
  const orphan = await addOrphan(page, 2, 'sẽ thành mồ côi');
  assert.equal(await orphan.locator('[data-aa-action="attach-to-selection"]').count(), 0, 'offered only once something is selected');
  await selectPassage(page, 4, 'rà soát', 'chương trình');
  await orphan.locator('[data-aa-action="attach-to-selection"]').click();
  const mark = page.locator('[data-aa-paragraph]').nth(4).locator('[data-aa-note]');
  await mark.first().waitFor();
  assert.match((await mark.allTextContents()).join(''), /^rà soát.*chương trình$/);
  assert.equal(await page.locator('[data-aa-orphan]').count(), 0);
  await snap(page, 'orphan-attached-360');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
