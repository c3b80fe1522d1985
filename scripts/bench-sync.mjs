// Benchmark (not a test): a first pull of N notes (default 5,000) by a new device, in headless
// Chromium against the release build and PouchDB Server, both on loopback.
//
//   APP_URL=http://127.0.0.1:8080/ SYNC_SERVER_URL=http://127.0.0.1:5984 node scripts/bench-sync.mjs [N] [RUNS]
//
// One device writes a note through the widget; its document, copied N - 1 times under new ids,
// is put on the server directly. Then, RUNS times, a new browser context (an empty localStorage)
// opens examples/sync.html with that database, and the time from the wasm being ready to the
// status line saying "synced" with N notes is measured in the page (performance.now()), with the
// number of requests to the database. Prints the runs and their median.
import { chromium } from 'playwright-core';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:8080/';
const SERVER = process.env.SYNC_SERVER_URL;
const N = Number(process.argv[2] ?? 5000);
const RUNS = Number(process.argv[3] ?? 3);
if (!SERVER) throw new Error('SYNC_SERVER_URL is not set (a CouchDB-compatible server on loopback)');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] });
const db = `bench-${Date.now()}`;
const dbUrl = `${SERVER}/${db}`;
await fetch(dbUrl, { method: 'PUT' });
const page = (sync) => new URL(`examples/sync.html?sync=${encodeURIComponent(sync)}`, APP_URL).href;

// One real document, written by the widget.
{
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(page(dbUrl));
  const para = p.locator('[data-aa-paragraph]').nth(2);
  await para.locator('[data-aa-action="add-note"]').click();
  await para.locator('[data-aa-field="note-text"]').fill('ghi chú mẫu 0');
  await para.locator('[data-aa-action="save-note"]').click();
  await p.locator('.aa-sync[data-aa-sync="synced"]').waitFor({ timeout: 30000 });
  await context.close();
}
const [{ doc: model }] = (await (await fetch(`${dbUrl}/_all_docs?include_docs=true`)).json()).rows;
delete model._rev;
for (let done = 1; done < N;) {
  const docs = [];
  for (; docs.length < 1000 && done < N; done++) {
    const id = crypto.randomUUID();
    const doc = structuredClone(model);
    doc._id = id;
    doc.annotation.id = `urn:uuid:${id}`;
    const bodies = Array.isArray(doc.annotation.body) ? doc.annotation.body : [doc.annotation.body];
    bodies[0].value = `ghi chú mẫu ${done}`;
    docs.push(doc);
  }
  const res = await fetch(`${dbUrl}/_bulk_docs`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ docs }) });
  if (!res.ok) throw new Error(`_bulk_docs: ${res.status}`);
}

const runs = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext();
  const p = await context.newPage();
  let requests = 0;
  p.on('request', (r) => { if (r.url().startsWith(dbUrl)) requests++; });
  await p.goto(page(dbUrl));
  const ms = await p.evaluate(async (n) => {
    const host = () => document.querySelector('#app')?.shadowRoot;
    for (;;) {
      const line = host()?.querySelector('.aa-sync[data-aa-sync="synced"]');
      const count = host()?.querySelector('.aa-count')?.textContent ?? '';
      if (line && count.startsWith(`${n} `)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const ready = performance.getEntriesByName('article-annotator:wasm-ready')[0]?.startTime ?? 0;
    return performance.now() - ready;
  }, N);
  runs.push({ ms: Math.round(ms), requests });
  await context.close();
}
await browser.close();
const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
console.log(JSON.stringify({ notes: N, runs, median_ms: sorted[Math.floor(sorted.length / 2)] }));
