// The sync's requests (`platform::sync_client`), in the sync bundle only (a wasm-bindgen snippet
// its glue imports): written in JavaScript, as the in-place DOM work is in the element script,
// because each browser call made from Rust costs an import, a shim and glue.

/** `raw` resolved against the page, without query, fragment or trailing `/`; null unless http(s) with no credentials. */
export function databaseUrl(raw) {
  try {
    const u = new URL(raw.trim(), location.href);
    if (!/^https?:$/.test(u.protocol) || u.username || u.password) return null;
    u.hash = u.search = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * One request with the page's cookies, JSON accepted (and sent, for a POST), aborted after `ms`:
 * [status, body as UTF-8 text], [0, ''] when no answer came, null for an answer over `max` bytes.
 */
export async function send(url, post, body, ms, max) {
  const c = new AbortController(), t = setTimeout(() => c.abort(), ms), json = 'application/json';
  try {
    const r = await fetch(url, {
      method: post ? 'POST' : 'GET', credentials: 'include', signal: c.signal,
      headers: post ? { Accept: json, 'Content-Type': json } : { Accept: json }, body: post ? body : undefined,
    });
    if (+r.headers.get('content-length') > max) return null;
    const b = await r.arrayBuffer();
    return b.byteLength > max ? null : [r.status, new TextDecoder().decode(b)];
  } catch {
    return [0, ''];
  } finally {
    clearTimeout(t);
  }
}
