// Sync with a CouchDB-compatible server: PouchDB Server, started in memory on a loopback port by
// scripts/test.sh (SYNC_SERVER_URL), behind a small proxy here that can be stopped and started
// again, as a server going down and coming back. Two browser contexts are two devices (each its
// own localStorage). Nothing leaves the loopback interface.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import { launch, APP_URL, addNote, waitForSave } from './helpers.mjs';

const require = createRequire(import.meta.url);
const SERVER = process.env.SYNC_SERVER_URL;
let browser;
let proxy;
before(async () => {
  assert.ok(SERVER, 'SYNC_SERVER_URL is not set: scripts/test.sh starts pouchdb-server and sets it');
  assert.match(new URL(SERVER).hostname, /^(127\.0\.0\.1|localhost)$/, 'the sync server is on loopback');
  browser = await launch();
  proxy = await startProxy();
});
after(async () => {
  await browser?.close();
  await proxy?.stop();
});

/** A forwarding proxy to the server that can be stopped (connections refused) and started again on the same port. */
async function startProxy() {
  const target = new URL(SERVER);
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => { res.destroy(); });
    req.pipe(upstream);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
    async start() {
      await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
  };
}

let dbCount = 0;
/** A new, empty database on the server; its URL through the proxy. */
async function newDatabase() {
  const name = `notes-${process.pid}-${Date.now()}-${dbCount++}`;
  const res = await fetch(new URL(name, SERVER), { method: 'PUT' });
  assert.ok(res.ok, `database ${name} created: ${res.status}`);
  return { name, url: `${proxy.url}/${name}` };
}

/** The sync demo page (examples/sync.html) with the widget set to sync with `sync`, as `user`. */
function hostUrl(sync, user) {
  const url = new URL('examples/sync.html', APP_URL);
  if (sync) url.searchParams.set('sync', sync);
  if (user) { url.searchParams.set('user-id', user.id); url.searchParams.set('user-name', user.name); }
  return url.href;
}

/** A device: its own browser context (own localStorage) with the widget syncing with `sync`. */
async function device(sync, user) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  await page.addInitScript(() => {
    window.__aa = { errors: [] };
    document.addEventListener('article-annotator:error', (e) => window.__aa.errors.push(e.detail));
  });
  await page.goto(hostUrl(sync, user));
  await page.waitForSelector('[data-aa-entity]');
  return page;
}

const status = (page) => page.locator('.aa-sync');
/** Waits until the status line says `state` (synced, pending, syncing, problem). */
async function waitFor(page, state) {
  try {
    await page.locator(`.aa-sync[data-aa-sync="${state}"]`).waitFor({ timeout: 15000 });
  } catch (e) {
    const now = await status(page).textContent().catch(() => 'no status line');
    throw new Error(`the sync status is not ${state} but: ${now}\n${page.problems.join('\n')}`, { cause: e });
  }
}
/** A round now, as when the browser comes back online. */
async function syncNow(page) {
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
}
const noteText = (page, text) => page.locator('.aa-note__text', { hasText: text });

test('a note added on one device appears on the other', async () => {
  const db = await newDatabase();
  const a = await device(db.url);
  await waitFor(a, 'synced');
  assert.equal(await status(a).getAttribute('role'), 'status');
  assert.equal(await status(a).textContent(), 'Đã đồng bộ.');
  await addNote(a, 2, 'ghi trên máy A');
  await waitFor(a, 'synced');
  const b = await device(db.url);
  await noteText(b, 'ghi trên máy A').waitFor({ timeout: 15000 });
  await waitFor(b, 'synced');
  // A second note while both are open reaches B on its next round.
  await addNote(a, 3, 'thêm nữa');
  await waitFor(a, 'synced');
  await syncNow(b);
  await noteText(b, 'thêm nữa').waitFor({ timeout: 15000 });
  // B's reader saved nothing: the notes from the server are stored without "Đã lưu ghi chú.".
  await b.waitForTimeout(600);
  assert.equal(await b.locator('.aa-status').textContent(), '');
  assert.deepEqual([...a.problems, ...b.problems], []);
  await a.context().close();
  await b.context().close();
});

test('edits on both devices while the server is down both survive when it is back', async () => {
  const db = await newDatabase();
  const a = await device(db.url);
  await addNote(a, 2, 'chung');
  await waitFor(a, 'synced');
  const b = await device(db.url);
  await noteText(b, 'chung').waitFor({ timeout: 15000 });
  await waitFor(b, 'synced');

  await proxy.stop();
  try {
    await addNote(a, 4, 'A lúc mất mạng');
    await addNote(b, 5, 'B lúc mất mạng');
    // The same note edited on both: the later edit (B's) wins on both.
    const para = a.locator('[data-aa-paragraph]').nth(2);
    await para.locator('[data-aa-action="edit-note"]').click();
    await para.locator('[data-aa-field="note-text"]').fill('chung, A sửa');
    await para.locator('[data-aa-action="save-note"]').click();
    await waitForSave(a, 'chung, A sửa');
    await new Promise((r) => setTimeout(r, 50));
    const paraB = b.locator('[data-aa-paragraph]').nth(2);
    await paraB.locator('[data-aa-action="edit-note"]').click();
    await paraB.locator('[data-aa-field="note-text"]').fill('chung, B sửa sau');
    await paraB.locator('[data-aa-action="save-note"]').click();
    await waitForSave(b, 'chung, B sửa sau');
    for (const [page, n] of [[a, 2], [b, 2]]) {
      await waitFor(page, 'problem');
      assert.match(await status(page).textContent(), new RegExp(`^Chưa đồng bộ \\(${n} thay đổi\\)\\. Không kết nối được máy chủ; sẽ thử lại\\.$`));
    }
    // Nothing is lost meanwhile: a reload shows the notes from localStorage.
    await a.reload();
    await noteText(a, 'A lúc mất mạng').waitFor();
    await waitFor(a, 'problem');
  } finally {
    await proxy.start();
  }
  await syncNow(a);
  await waitFor(a, 'synced');
  await syncNow(b);
  await waitFor(b, 'synced');
  await syncNow(a);
  await waitFor(a, 'synced');
  for (const page of [a, b]) {
    await noteText(page, 'A lúc mất mạng').waitFor({ timeout: 15000 });
    await noteText(page, 'B lúc mất mạng').waitFor({ timeout: 15000 });
    await noteText(page, 'chung, B sửa sau').waitFor({ timeout: 15000 });
    assert.equal(await noteText(page, 'chung, A sửa').count(), 0, 'the older edit lost');
    assert.equal(await page.locator('.aa-note').count(), 3);
  }
  await a.context().close();
  await b.context().close();
});

test('a note deleted on one device disappears on the other', async () => {
  const db = await newDatabase();
  const a = await device(db.url);
  await addNote(a, 2, 'sẽ bị xóa');
  await addNote(a, 3, 'ở lại');
  await waitFor(a, 'synced');
  const b = await device(db.url);
  await noteText(b, 'sẽ bị xóa').waitFor({ timeout: 15000 });
  await a.locator('[data-aa-paragraph]').nth(2).locator('[data-aa-action="delete-note"]').click();
  assert.equal(await noteText(a, 'sẽ bị xóa').count(), 0);
  await waitFor(a, 'synced');
  await syncNow(b);
  await b.waitForFunction(() => ![...document.querySelector('#app').shadowRoot.querySelectorAll('.aa-note__text')].some((n) => n.textContent === 'sẽ bị xóa'), null, { timeout: 15000 });
  await noteText(b, 'ở lại').waitFor();
  // The server holds a deletion (a tombstone), not the note: one live document is left.
  const all = await (await fetch(`${SERVER}/${db.name}/_all_docs`)).json();
  assert.equal(all.rows.length, 1);
  const changes = await (await fetch(`${SERVER}/${db.name}/_changes`)).json();
  assert.equal(changes.results.filter((r) => r.deleted).length, 1, 'one deletion');
  await a.context().close();
  await b.context().close();
});

test('in a shared database each reader sees the other\'s notes, named and read-only', async () => {
  const db = await newDatabase();
  const lan = { id: 'lan', name: 'Lan Biên tập' };
  const minh = { id: 'minh', name: 'Minh <b>PV</b>' };
  const a = await device(db.url, lan);
  await addNote(a, 2, 'của Lan');
  await waitFor(a, 'synced');
  const b = await device(db.url, minh);
  const theirs = b.locator('.aa-note', { hasText: 'của Lan' });
  await theirs.waitFor({ timeout: 15000 });
  assert.equal(await theirs.locator('[data-aa-author]').textContent(), 'Ghi chú của Lan Biên tập');
  assert.equal(await theirs.locator('[data-aa-action="edit-note"], [data-aa-action="delete-note"]').count(), 0);
  await addNote(b, 2, 'của Minh');
  const mine = b.locator('.aa-note', { hasText: 'của Minh' });
  assert.equal(await mine.locator('[data-aa-action="edit-note"]').count(), 1, 'one\'s own note stays editable');
  assert.equal(await mine.locator('[data-aa-author]').count(), 0);
  await waitFor(b, 'synced');
  await syncNow(a);
  const fromMinh = a.locator('.aa-note', { hasText: 'của Minh' });
  await fromMinh.waitFor({ timeout: 15000 });
  assert.equal(await fromMinh.locator('[data-aa-author]').textContent(), 'Ghi chú của Minh <b>PV</b>', 'a name is text, never markup');
  assert.equal(await fromMinh.locator('[data-aa-action="delete-note"]').count(), 0);
  assert.equal(await a.locator('.aa-note b').count(), 0);
  // Each document names its author as the W3C creator.
  const docs = (await (await fetch(`${SERVER}/${db.name}/_all_docs?include_docs=true`)).json()).rows.map((r) => r.doc);
  assert.deepEqual(docs.map((d) => d.creator?.id).sort(), ['lan', 'minh']);
  await a.context().close();
  await b.context().close();
});

test('hostile documents on the server: markup stays text, wrong types are refused, nothing else is lost', async () => {
  const db = await newDatabase();
  const a = await device(db.url);
  await addNote(a, 2, 'bình thường');
  await waitFor(a, 'synced');
  const rows = (await (await fetch(`${SERVER}/${db.name}/_all_docs?include_docs=true`)).json()).rows;
  assert.equal(rows.length, 1);
  const { _rev, ...original } = rows[0].doc;
  const copy = (text) => {
    const id = crypto.randomUUID();
    const doc = structuredClone(original);
    doc._id = id;
    doc.annotation.id = `urn:uuid:${id}`;
    const bodies = Array.isArray(doc.annotation.body) ? doc.annotation.body : [doc.annotation.body];
    bodies[0].value = text;
    return doc;
  };
  const script = copy('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>kịch bản');
  const wrong = copy('sai kiểu');
  wrong.native.passage = 'có';
  const res = await fetch(`${SERVER}/${db.name}/_bulk_docs`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ docs: [script, wrong] }) });
  assert.ok(res.ok);
  const b = await device(db.url);
  await noteText(b, 'kịch bản').waitFor({ timeout: 15000 });
  await waitFor(b, 'synced');
  assert.equal(await noteText(b, 'kịch bản').textContent(), '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>kịch bản');
  assert.equal(await b.locator('#app img, #app script').count(), 0);
  assert.equal(await b.evaluate(() => window.__pwned), undefined);
  assert.equal(await noteText(b, 'sai kiểu').count(), 0, 'the document of the wrong shape is not applied');
  await noteText(b, 'bình thường').waitFor();
  assert.equal(await status(b).textContent(), 'Đã đồng bộ. 1 ghi chú bị từ chối khi đồng bộ.');
  const errors = await b.evaluate(() => window.__aa.errors);
  assert.ok(errors.some((e) => e.code === 'sync' && /1 ghi chú bị từ chối/.test(e.message)), JSON.stringify(errors));
  await a.context().close();
  await b.context().close();
});

/** A server that answers every request with `answer` (status, content type, body), CORS allowed. */
async function badServer(answer) {
  const server = http.createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Headers': 'accept, content-type',
      'Access-Control-Allow-Methods': 'GET, POST',
    };
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
    res.writeHead(answer.status, { ...cors, 'Content-Type': answer.type });
    res.end(answer.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/db`, close: () => new Promise((r) => server.close(r)) };
}

const BAD = [
  { name: 'an HTML error page', answer: { status: 502, type: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>' }, says: /Máy chủ đồng bộ trả lời không hợp lệ; sẽ thử lại\.$/ },
  { name: 'malformed JSON', answer: { status: 200, type: 'application/json', body: '{"update_seq": 1, "results": [' }, says: /Máy chủ đồng bộ trả lời không hợp lệ; sẽ thử lại\.$/ },
  { name: 'a 401', answer: { status: 401, type: 'application/json', body: '{"error":"unauthorized"}' }, says: /Cần đăng nhập để đồng bộ\.$/ },
  { name: 'a 403', answer: { status: 403, type: 'application/json', body: '{"error":"forbidden"}' }, says: /Tài khoản này không được phép đồng bộ vào đây\.$/ },
];

for (const { name, answer, says } of BAD) {
  test(`a server answering ${name} gets a clear message and loses nothing`, async () => {
    const bad = await badServer(answer);
    const page = await device(bad.url);
    await waitFor(page, 'problem');
    assert.match(await status(page).textContent(), says);
    await addNote(page, 2, 'vẫn còn');
    assert.match(await status(page).textContent(), /^Chưa đồng bộ \(1 thay đổi\)\./);
    await page.reload();
    await noteText(page, 'vẫn còn').waitFor();
    await waitFor(page, 'problem');
    const errors = await page.evaluate(() => window.__aa.errors);
    assert.ok(errors.some((e) => e.code === 'sync' && says.test(e.message)), JSON.stringify(errors));
    assert.equal(await page.locator('#app script, .aa-sync *').count(), 0, 'nothing the server sent is markup in the page');
    assert.doesNotMatch(await status(page).textContent(), /Bad Gateway|alert|unauthorized|forbidden/);
    // The browser logs each failed request itself; nothing else goes wrong in the page.
    assert.deepEqual(page.problems.filter((p) => !/Failed to load resource/.test(p)), []);
    await page.context().close();
    await bad.close();
  });
}

test('with sync set, the only requests beyond the widget\'s own files go to that database', async () => {
  const db = await newDatabase();
  const page = await device(db.url);
  await addNote(page, 2, 'riêng tư');
  await waitFor(page, 'synced');
  const origin = new URL(APP_URL).origin;
  // The widget's files are the sync bundle's (the other bundle is not loaded at all), and the
  // snippet that makes its requests.
  const own = ['/examples/sync.html', '/examples/sync.js', '/examples/page.css', '/article-annotator-element.js', '/article-annotator-sync.js', '/article-annotator-sync_bg.wasm', '/annotator.css'];
  const ours = (u) => new URL(u).origin === origin && (own.includes(new URL(u).pathname) || /^\/snippets\/[^/]+\/src\/platform\/sync_net\.js$/.test(new URL(u).pathname));
  const widget = page.requests.filter(ours).map((u) => new URL(u).pathname);
  assert.ok(widget.includes('/article-annotator-sync_bg.wasm') && widget.some((p) => p.endsWith('/sync_net.js')), JSON.stringify(widget));
  const others = page.requests.filter((u) => !ours(u));
  assert.ok(others.length > 0, 'sync made requests');
  for (const u of others) assert.ok(u === db.url || u.startsWith(`${db.url}/`), `a request off the sync database: ${u}`);
  await page.context().close();
});

test('axe-core finds no serious or critical violation with the sync status shown', async () => {
  const db = await newDatabase();
  const page = await device(db.url, { id: 'lan', name: 'Lan' });
  await addNote(page, 2, 'một ghi chú');
  await waitFor(page, 'synced');
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, target: v.nodes[0]?.target }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, []);
  await page.context().close();
});
