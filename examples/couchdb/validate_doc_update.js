function (newDoc, oldDoc, userCtx, secObj) {
  // article-annotator's rule for a database its widgets sync notes with (see README.md here).
  // Plain ES5: CouchDB's older JavaScript engine and PouchDB Server both run it.
  // - server and database admins may write anything;
  // - everyone else must be logged in, may write only annotation documents, and may create,
  //   change or delete only documents whose creator id is their own user name;
  // - a document must have the shape the widget writes (a UUID id, the W3C annotation with the
  //   same id and author, the native fields) and stay under a size limit.
  var TYPE = 'article-annotator/annotation';
  var MAX_DOC_CHARS = 262144;
  // Deeper JSON than any note needs; clients' parsers refuse very deep documents, and one such
  // document in the changes feed would stop every reader's sync at it.
  var MAX_DEPTH = 16;
  var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  function has(list, value) {
    return !!list && list.indexOf(value) !== -1;
  }
  function isAdmin() {
    var admins = (secObj && secObj.admins) || {};
    if (has(userCtx.roles, '_admin') || has(admins.names, userCtx.name)) {
      return true;
    }
    for (var i = 0; i < (userCtx.roles || []).length; i++) {
      if (has(admins.roles, userCtx.roles[i])) {
        return true;
      }
    }
    return false;
  }
  function forbid(reason) {
    throw({ forbidden: reason });
  }
  function creatorOf(doc) {
    return doc && doc.creator && typeof doc.creator.id === 'string' ? doc.creator.id : null;
  }
  // The IRI the widget writes as the W3C creator: every UTF-8 byte but letters, digits and
  // -._~ percent-encoded (encodeURIComponent leaves !'()* as they are).
  function creatorIri(name) {
    return 'urn:article-annotator:user:' + encodeURIComponent(name).replace(/[!'()*]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }
  function depth(value) {
    if (value === null || typeof value !== 'object') {
      return 0;
    }
    var deepest = 0;
    for (var key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key)) {
        deepest = Math.max(deepest, depth(value[key]));
        if (deepest > MAX_DEPTH) {
          break;
        }
      }
    }
    return deepest + 1;
  }
  function isText(value) {
    return typeof value === 'string' && value.length > 0;
  }

  if (isAdmin()) {
    return;
  }
  if (!userCtx.name) {
    throw({ unauthorized: 'Log in to save notes.' });
  }
  if (newDoc._id.indexOf('_design/') === 0) {
    forbid('Only admins may change design documents.');
  }
  if (oldDoc) {
    var owner = creatorOf(oldDoc);
    if (owner === null ? !oldDoc._deleted : owner !== userCtx.name) {
      forbid('Only the author of a note may change or delete it.');
    }
  }
  if (newDoc._deleted) {
    return;
  }
  if (newDoc.type !== TYPE) {
    forbid('Only annotation documents may be saved here.');
  }
  if (creatorOf(newDoc) !== userCtx.name) {
    forbid('A note\'s creator must be the logged-in user.');
  }
  if (!UUID.test(newDoc._id)) {
    forbid('A note\'s id must be a lower-case UUID.');
  }
  if (typeof newDoc.version !== 'number' || !isText(newDoc.article)) {
    forbid('A note must name its format version and its article.');
  }
  var a = newDoc.annotation;
  if (!a || typeof a !== 'object' || a.type !== 'Annotation' || a.id !== 'urn:uuid:' + newDoc._id) {
    forbid('A note must hold its W3C annotation, with the same id.');
  }
  if (!isText(a.created) || !isText(a.modified) || !a.body || !a.target) {
    forbid('A note\'s annotation must have its times, body and target.');
  }
  if (!a.creator || a.creator.id !== creatorIri(userCtx.name)) {
    forbid('A note\'s annotation must name the logged-in user as its creator.');
  }
  if (!newDoc.native || !isText(newDoc.native.paragraph)) {
    forbid('A note must name its paragraph.');
  }
  if (depth(newDoc) > MAX_DEPTH) {
    forbid('A note is limited to ' + MAX_DEPTH + ' levels of nesting.');
  }
  if (JSON.stringify(newDoc).length > MAX_DOC_CHARS) {
    forbid('A note is limited to ' + MAX_DOC_CHARS + ' characters of JSON.');
  }
}
