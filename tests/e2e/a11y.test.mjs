// Accessibility: axe-core on the page with notes, the entity panel, an orphan and the editor
// open; no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, openPage, addNote } from './helpers.mjs';

const require = createRequire(import.meta.url);
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('axe-core finds no serious or critical violation', async () => {
  const page = await openPage(browser);
  const para = page.locator('[data-aa-paragraph]').nth(2);
  await addNote(page, 2, 'một ghi chú');
  await page.locator('[data-aa-action="choose-entity"]').first().click();
  await page.locator('[data-aa-paragraph]').nth(3).locator('[data-aa-action="add-note"]').click();
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes[0]?.target }));
  });
  console.log(`axe violations: ${JSON.stringify(result)}`);
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, []);
  await page.context().close();
});
