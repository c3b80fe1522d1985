// Accessibility: axe-core on the page with notes (tagged, coloured), the entity panel, the notes
// list and the editor open, at 1280 px (sidebar) and at 360 px (the list as an open sheet); no
// serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, addNote, axeViolations } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const width of [1280, 360]) {
  test(`axe-core finds no serious or critical violation at ${width} px`, async () => {
    const page = await openPage(browser, { width, height: 800 });
    const para = page.locator('[data-aa-paragraph]').nth(2);
    await para.locator('[data-aa-action="add-note"]').click();
    await para.locator('[data-aa-field="note-text"]').fill('một ghi chú');
    await para.locator('[data-aa-field="note-tags"]').fill('nhân sự, kiểm tra');
    await para.locator('[data-aa-field="note-color"]').selectOption('blue');
    await para.locator('[data-aa-action="save-note"]').click();
    await para.locator('.aa-note[data-aa-color="blue"]').waitFor();
    // On a phone the tools and the entity panel are folded into one button.
    if (width < 480) await page.locator('[data-aa-action="toggle-tools"]').click();
    await page.locator('[data-aa-action="choose-entity"]').first().click();
    await page.locator('[data-aa-paragraph]').nth(3).locator('[data-aa-action="add-note"]').click();
    if (width < 600) await page.locator('[data-aa-action="toggle-notes"]').click();
    await page.locator('#aa-notes-list [data-aa-field="notes-search"]').fill('nhan su');
    const result = await axeViolations(page);
    console.log(`axe violations at ${width} px: ${JSON.stringify(result)}`);
    const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, []);
    await page.context().close();
  });
}
