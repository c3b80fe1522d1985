// Screenshots of each part of the reader's widget at 360 and 1280 px, kept in target/e2e/ as test
// artefacts for review: the entity panel with a chosen entity, passage and coloured notes, the
// notes list (sheet on phones), import report, English, dark mode and print. Each view is also
// checked for what it must show, so a blank or broken view fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, selectPassage, snap, waitForSave } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const width of [360, 1280]) {
  test(`each view at ${width} px`, async () => {
    const page = await openPage(browser, { width, height: 800 });
    // Entity panel, a chosen official: its mentions stand out, the current one says what it is.
    // On a phone the tools and the entity panel are folded into one button.
    if (width < 480) await page.locator('[data-aa-action="toggle-tools"]').click();
    await page.locator('[data-aa-action="choose-entity"]').first().click();
    await page.locator('[data-aa-action="next-mention"]').click();
    assert.ok(await page.locator('.aa-entity--chosen').count() > 1);
    await snap(page, `1-entity-panel-${width}`);

    // A coloured passage note over entity highlights, and a tagged paragraph note.
    await selectPassage(page, 2, 'Phạm Xuân Thăng', 'Tỉnh ủy');
    const p2 = page.locator('[data-aa-paragraph]').nth(2);
    await p2.locator('[data-aa-action="add-passage-note"]').click();
    await p2.locator('[data-aa-field="note-text"]').fill('Người chủ trì cuộc giao ban.');
    await p2.locator('[data-aa-field="note-tags"]').fill('nhân sự');
    await p2.locator('[data-aa-field="note-color"]').selectOption('yellow');
    await p2.locator('[data-aa-action="save-note"]').click();
    await waitForSave(page, 'Người chủ trì');
    await p2.locator('[data-aa-note][data-aa-color="yellow"]').first().waitFor();
    await snap(page, `2-passage-note-${width}`);

    // The notes list: a sidebar at 1280, a sheet opened from its button at 360.
    if (width < 600) await page.locator('[data-aa-action="toggle-notes"]').click();
    await page.locator('#aa-notes-list .aa-list__item').first().waitFor();
    await page.locator('#aa-notes-list').screenshot({ path: `target/e2e/3-notes-list-${width}.png` });
    if (width < 600) await page.locator('[data-aa-action="close-notes"]').click();

    // Import with its report.
    const exported = await page.evaluate(() => document.querySelector('#app').exportJson());
    await page.locator('[data-aa-field="import-file"]').setInputFiles({ name: 'ghi-chu.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await page.locator('.aa-status', { hasText: 'Đã nhập' }).waitFor();
    await page.locator('.aa-header').screenshot({ path: `target/e2e/4-import-report-${width}.png` });

    // Dark mode and print.
    await page.emulateMedia({ colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('#app').shadowRoot.querySelector('.aa-root')).backgroundColor);
    assert.equal(bg, 'rgb(23, 24, 26)', 'the dark theme');
    await snap(page, `7-dark-${width}`);
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    assert.equal(await page.locator('[data-aa-action="add-note"]').first().isVisible(), false, 'no controls in print');
    await snap(page, `7-print-${width}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('the English interface at 360 px', async () => {
  const page = await openPage(browser, { width: 360, height: 800 });
  await page.evaluate(() => document.querySelector('#app').setAttribute('lang', 'en'));
  await page.locator('[data-aa-action="add-note"]', { hasText: 'Add a note' }).first().waitFor();
  await snap(page, '6-english-360');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
