// The example design document's validate_doc_update (examples/couchdb/), run as CouchDB runs
// it, on documents the widget's sync writes (sample-docs.json) and on hostile ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const source = readFileSync(new URL('../../examples/couchdb/validate_doc_update.js', here), 'utf8');
const design = JSON.parse(readFileSync(new URL('../../examples/couchdb/design.json', here), 'utf8'));
const samples = JSON.parse(readFileSync(new URL('sample-docs.json', here), 'utf8'));
// CouchDB compiles the design document's string as one function expression.
const validate = (0, eval)(`(${design.validate_doc_update})`);

const user = (name, roles = []) => ({ db: 'annotations', name, roles });
const security = { admins: { names: ['editor-in-chief'], roles: ['desk-admin'] }, members: { names: [], roles: ['newsroom'] } };
const clone = (doc) => JSON.parse(JSON.stringify(doc));
const alice = samples.alice;

/** What validate_doc_update does: 'ok', or the key of what it throws (forbidden, unauthorized). */
function outcome(newDoc, oldDoc, ctx) {
  try {
    validate(newDoc, oldDoc, ctx, security);
    return 'ok';
  } catch (e) {
    assert.equal(typeof e, 'object', `throws an object, not ${e}`);
    const [key] = Object.keys(e);
    assert.equal(typeof e[key], 'string');
    return key;
  }
}

test('design.json holds validate_doc_update.js as it is', () => {
  assert.equal(design._id, '_design/article-annotator');
  assert.equal(design.language, 'javascript');
  assert.equal(design.validate_doc_update, source.trim());
});

const deletion = (doc) => ({ _id: doc._id, _rev: '2-b', _deleted: true, type: doc.type, article: doc.article, creator: doc.creator, deleted: '2026-12-05T10:00:00.000Z' });
const mutated = (change) => { const d = clone(alice); change(d); return d; };

const cases = [
  // [name, newDoc, oldDoc, userCtx, expected]
  ['the author creates her note', alice, null, user('alice'), 'ok'],
  ['a user whose name needs percent-encoding creates hers', samples.unicode_user, null, user(samples.unicode_user.creator.id), 'ok'],
  ['the author edits her note', alice, alice, user('alice'), 'ok'],
  ['the author deletes her note', deletion(alice), alice, user('alice'), 'ok'],
  ['a bare deletion by the author', { _id: alice._id, _rev: '2-b', _deleted: true }, alice, user('alice'), 'ok'],
  ['the author writes over her own tombstone', alice, deletion(alice), user('alice'), 'ok'],
  ['anyone writes over a bare tombstone', alice, { _id: alice._id, _deleted: true }, user('alice'), 'ok'],
  ['nobody logged in', alice, null, user(null), 'unauthorized'],
  ['another user creates a note in her name', alice, null, user('bob'), 'forbidden'],
  ['another user edits it', mutated((d) => { d.creator.id = 'bob'; }), alice, user('bob'), 'forbidden'],
  ['another user deletes it', deletion(alice), alice, user('bob'), 'forbidden'],
  ['another user writes over her tombstone', mutated((d) => { d.creator.id = 'bob'; }), deletion(alice), user('bob'), 'forbidden'],
  ['a user changes a note nobody owns', alice, mutated((d) => { delete d.creator; }), user('alice'), 'forbidden'],
  ['a server admin does anything', deletion(alice), alice, user('root', ['_admin']), 'ok'],
  ['a database admin by name', deletion(alice), alice, user('editor-in-chief'), 'ok'],
  ['a database admin by role', mutated((d) => { d.creator.id = 'x'; }), alice, user('desk', ['desk-admin']), 'ok'],
  ['a user writes a design document', { _id: '_design/evil', validate_doc_update: 'function(){}' }, null, user('alice'), 'forbidden'],
  ['another kind of document', mutated((d) => { d.type = 'page'; }), null, user('alice'), 'forbidden'],
  ['the id is not a UUID', mutated((d) => { d._id = 'my-note'; }), null, user('alice'), 'forbidden'],
  ['the annotation has another id', mutated((d) => { d.annotation.id = 'urn:uuid:00000000-0000-4000-8000-000000000000'; }), null, user('alice'), 'forbidden'],
  ['the annotation names another creator', mutated((d) => { d.annotation.creator.id = 'urn:article-annotator:user:bob'; }), null, user('alice'), 'forbidden'],
  ['the annotation names no creator', mutated((d) => { delete d.annotation.creator; }), null, user('alice'), 'forbidden'],
  ['no annotation', mutated((d) => { delete d.annotation; }), null, user('alice'), 'forbidden'],
  ['no body', mutated((d) => { delete d.annotation.body; }), null, user('alice'), 'forbidden'],
  ['no paragraph', mutated((d) => { d.native.paragraph = 5; }), null, user('alice'), 'forbidden'],
  ['no article', mutated((d) => { delete d.article; }), null, user('alice'), 'forbidden'],
  ['a creator id of the wrong type', mutated((d) => { d.creator.id = ['alice']; }), null, user('alice'), 'forbidden'],
  ['a deeply nested field', mutated((d) => { let v = 'x'; for (let i = 0; i < 40; i++) v = [v]; d.extra = v; }), null, user('alice'), 'forbidden'],
  ['an enormous note', mutated((d) => { d.annotation.body[0].value = 'x'.repeat(300000); }), null, user('alice'), 'forbidden'],
];

for (const [name, newDoc, oldDoc, ctx, expected] of cases) {
  test(name, () => {
    assert.equal(outcome(clone(newDoc), oldDoc && clone(oldDoc), ctx), expected);
  });
}
