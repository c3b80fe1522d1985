// article-annotator: the one module script a host page loads.
//
//   <script type="module" src="https://example.org/annotator/article-annotator-element.js"></script>
//   <article-annotator src="/bai-viet/123.txt" article-id="bai-123"></article-annotator>
//
// Defines the custom element <article-annotator> and window.ArticleAnnotator.mount(element,
// options). Rust cannot subclass HTMLElement, so this small class forwards to the wasm module
// built next to this file: article-annotator.js and article-annotator_bg.wasm, or, for a widget
// that syncs (`sync="https://…/db"`), article-annotator-sync.js and article-annotator-sync_bg.wasm
// (the same widget with sync, so that pages that do not sync download none of it). No global name
// other than ArticleAnnotator; no inline script or style is needed (works under a strict CSP).
const here = import.meta.url;
const builds = new Map();
/**
 * The wasm build's `mount`, loaded once a page when a widget first needs it (a page with widgets
 * of both kinds loads both): its glue and its module fetched side by side. A load that failed is
 * forgotten, so that a later mount tries again. A User Timing mark for the page's own performance
 * tools (and scripts/bench-browser.mjs) says when the module is instantiated.
 */
function build(sync) {
  const name = sync ? 'article-annotator-sync' : 'article-annotator';
  if (!builds.has(name)) {
    const wasm = fetch(new URL(`${name}_bg.wasm`, here));
    wasm.catch(() => null); // a failed fetch is reported by the mount that waits for it
    const loading = import(new URL(`${name}.js`, here).href).then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      performance.mark('article-annotator:wasm-ready');
      return glue.mount;
    });
    loading.catch(() => builds.delete(name));
    builds.set(name, loading);
  }
  return builds.get(name);
}
const cssUrl = new URL('annotator.css', here).href;

// The stylesheet is fetched now (the module once a widget needs it), and parsed once into a
// constructed sheet that every widget's shadow root adopts: a widget is styled from its first
// frame, with no <link> to wait for (a linked sheet's load event comes a frame after the widget is
// drawn). Once a module is first ready, widgets wait for the sheet at most STYLE_GRACE_MS more;
// without it (no constructed stylesheets, the fetch failed or is slow), a widget links the sheet
// and stays transparent until it is in.
const STYLE_GRACE_MS = 500;
const sheet = fetch(cssUrl)
  .then((response) => (response.ok ? response.text() : null))
  .then((text) => {
    if (text === null || !('adoptedStyleSheets' in ShadowRoot.prototype)) return null;
    const parsed = new CSSStyleSheet();
    parsed.replaceSync(text);
    return parsed;
  })
  .catch(() => null);
/** Whether mount options ask for sync (as the module reads them: a URL that is not blank). */
const syncs = (options) => typeof options.sync === 'string' && options.sync.trim() !== '';
/** The grace the sheet has, from when a module is first ready (once a page). */
let grace = null;
/** The build's `mount` and the stylesheet, once both are ready (the sheet `null` if it is not). */
const ready = (sync) => build(sync).then((wasmMount) => {
  grace ??= new Promise((resolve) => setTimeout(resolve, STYLE_GRACE_MS, null));
  return Promise.race([sheet, grace]).then((parsed) => [wasmMount, parsed]);
});
// In place (the host's own article, issue #16): the DOM work, here rather than in the wasm module
// (each browser call made from Rust costs an import, a shim and glue). The module keeps the text
// logic (core::host: texts from these pieces, code points <-> pieces) and calls a HostDoc per
// widget. Regions: 0 the title's <h1>, i + 1 block i. Points: [region, piece, UTF-16 offset].
const OWN = '[data-aa-ui]';
// Blocks whose parent allows no other child: their controls go inside them, at the end.
const INSIDE = /^(li|t[dh]|d[dt]|figcaption|caption)$/;
const DEBOUNCE_MS = 150;
// How far below the pointer the tip stands (CSS pixels), so it never covers what is pointed at.
const TIP_OFFSET_PX = 16;
// What every widget painting on the page shares: how many, the highlights' stylesheet, the named
// Highlight objects (null without the Custom Highlight API: <mark>s instead) and their names.
let shared = null;

/** Adds `sheet` to (or takes it out of) the adopted sheets of `target`; false if it cannot. */
function adopt(target, sheet, on = true) {
  try {
    const rest = target.adoptedStyleSheets.filter((s) => s !== sheet);
    target.adoptedStyleSheets = on ? [...rest, sheet] : rest;
    return !!sheet;
  } catch {
    return false;
  }
}

/** A block (or the title) as read: its element, and per piece its text node (null: a break). */
const block = (el) => ({ el, n: [] });
/** Adds the [target, event, listener] listeners; returns what takes them out. */
function listen(on) {
  for (const [t, n, f] of on) t.addEventListener(n, f);
  return () => { for (const [t, n, f] of on) t.removeEventListener(n, f); };
}
/** A break in `b`'s pieces (never two in a row, never first). */
const brk = (b) => b?.n.at(-1) && b.n.push(null);

class HostDoc {
  // The host; its selectors; the blocks read (then kept) and the title's <h1>, each {el, n: its
  // pieces' text nodes}; the <aa-tools>; the painted ranges [Highlight, range], marks, and splits
  // [node, added, at]; whether it holds the shared highlights; the observer, its timer, onChange.
  #host; #sel; #skip; #b = []; #h = null; #t = []; #g = []; #m = []; #sp = []; #p = false; #o = null; #timer; #onChange;
  /**
   * Reads `host`'s text blocks (`blocks`, less `skip`: CSS selector lists; a bad one throws
   * [attribute, selector, message]). `this.read` is [title's pieces | null, title attribute,
   * <time> text, then per block its tag and pieces], a piece a text node's data or null.
   */
  constructor(host, blocks, skip) {
    for (const [a, s] of [['blocks', blocks], ['skip', skip]]) {
      try { host.matches(s); } catch (e) { throw [a, s, e.message]; }
    }
    this.#host = host;
    this.#sel = blocks;
    this.#skip = skip;
    this.#walk(host, null, true);
    // Each piece's length in code points is kept (`b.l`): the marks split text nodes later.
    const pieces = (b) => (b.l = b.n.map((t) => t && [...t.data].length), b.n.map((t) => t && t.data)),
      time = host.querySelector('time')?.textContent;
    this.read = [this.#h && pieces(this.#h), host.getAttribute('title'), time?.trim() ? time : null,
      ...this.#b.flatMap((b) => [b.el.localName, pieces(b)])];
  }

  // Text goes to `slot`; hidden elements (display: none, or invisible where the parent was not)
  // and skipped ones are left out; a nested block is read once, as its own; <br> and the edges of
  // block-level elements and of nested blocks keep words apart.
  #walk(parent, slot, shown) {
    for (const c of parent.childNodes) {
      if (c.nodeType === 3) { slot?.n.push(c); continue; }
      if (c.nodeType !== 1 || c.matches(this.#skip)) continue;
      const style = getComputedStyle(c), d = style.display, visible = style.visibility === 'visible';
      if (d === 'none' || (shown && !visible)) continue;
      if (c.localName === 'br') { brk(slot); continue; }
      let inner = slot;
      if (c.localName === 'h1' && !this.#h && !slot) inner = this.#h = block(c);
      else if (c.matches(this.#sel)) this.#b.push(inner = block(c));
      const apart = inner !== slot || !(d.startsWith('inline') || d === 'contents');
      if (apart) brk(slot);
      this.#walk(c, inner, visible);
      if (apart) brk(slot);
    }
  }

  /**
   * Keeps the blocks `keep` (indices into those read) and the title if `title`, puts an
   * <aa-tools data-aa-ui> with an open shadow root (adopting `sheet`, else linking `cssUrl`)
   * beside each, and readies the highlights (`css`, `names`: the stylesheet and the names,
   * lowest priority first). Returns where each block's controls go.
   */
  tools(keep, title, sheet, cssUrl, css, names) {
    this.#b = Array.from(keep, (i) => this.#b[i]);
    if (!title) this.#h = null;
    if (!shared) {
      let s = null, hs = null;
      try { s = new CSSStyleSheet(); s.replaceSync(css); } catch { s = null; }
      if (!adopt(document, s)) s = null;
      names = names.split(' ');
      if (window.Highlight && CSS.highlights) {
        hs = names.map((name, i) => {
          const h = new Highlight();
          h.priority = i;
          CSS.highlights.set(name, h);
          return h;
        });
      }
      shared = { n: 0, s, hs, names };
    }
    shared.n++;
    this.#p = true;
    this.api = !!shared.hs;
    const make = (tag) => document.createElement(tag);
    return this.#b.map(({ el }) => {
      const tools = make('aa-tools'), root = tools.attachShadow({ mode: 'open' }), target = make('div');
      tools.setAttribute('data-aa-ui', '');
      if (!adopt(root, sheet) && cssUrl) {
        const link = root.appendChild(make('link'));
        link.rel = 'stylesheet';
        link.href = cssUrl;
      }
      target.className = 'aa-block-tools';
      root.append(target);
      INSIDE.test(el.localName) ? el.append(tools) : el.after(tools);
      this.#t.push(tools);
      return target;
    });
  }

  #reg(r) { return r ? this.#b[r - 1] : this.#h; }

  /** The element of region `r`. */
  el(r) { return this.#reg(r)?.el; }

  /**
   * The page as a DOM-based client reads it: [its URL (the canonical link's, else the page's
   * without its fragment), the host's `textContent` less the widget's own elements, then per block
   * kept, per piece, the code points where its text node starts and ends in it (-1, -1: a break;
   * -2, -2: a text node no longer in the host, whose block then cannot be placed)].
   */
  text() {
    const at = new Map(), link = document.querySelector('link[rel~="canonical" i][href]')?.href;
    let s = '', n = 0;
    const walk = (p) => {
      for (const c of p.childNodes) {
        if (c.nodeType === 3) { at.set(c, n); s += c.data; n += [...c.data].length; }
        else if (c.nodeType === 1 && !c.matches(OWN)) walk(c);
      }
    };
    walk(this.#host);
    return [/^https?:/.test(link) ? link : location.href.split('#')[0], s,
      ...this.#b.map((b) => b.n.flatMap((t, i) => (at.has(t) ? [at.get(t), at.get(t) + b.l[i]] : t ? [-2, -2] : [-1, -1])))];
  }

  /**
   * Paints, in place of what it painted before. With the API, `a` holds per range (region, first
   * piece, UTF-16 start, last piece, UTF-16 end, name, second name); with <mark>s, per text run
   * from the last to the first (region, piece, UTF-16 start, end, first mark, marks), a mark being
   * 6 strings of `s` (attribute names and values; an empty name is none). Returns how many.
   */
  paint(a, s) {
    let done = 0, i = 0;
    const x = () => a[i++];
    this.#quietly(() => {
      this.#unpaint();
      while (this.#p && i < a.length) {
        const n = this.#reg(x())?.n ?? [];
        if (this.api) {
          const init = { startContainer: n[x()], startOffset: x(), endContainer: n[x()], endOffset: x() };
          const names = [x(), x()];
          try {
            const range = new StaticRange(init);
            for (const k of names) {
              const h = shared.hs[k];
              if (h) { h.add(range); this.#g.push([h, range]); }
            }
            done++;
          } catch { /* the text is gone: not painted */ }
        } else {
          done += this.#wrap(n[x()], x(), x(), s, x(), x());
        }
      }
    });
    return done;
  }

  // Wraps UTF-16 units start..end of `node` in marks (notes outside, the mention inside),
  // splitting the node where the run starts and ends.
  #wrap(node, start, end, s, first, count) {
    if (!count || !node?.parentNode || start >= end || end > node.length) return 0;
    if (end < node.length) this.#sp.push([node, node.splitText(end), end]);
    let t = node, outer = node.parentNode, before = node;
    if (start > 0) this.#sp.push([node, before = t = node.splitText(start), start]);
    for (let k = first * 6; k < (first + count) * 6; k += 6) {
      const mark = document.createElement('mark');
      for (let j = k; j < k + 6; j += 2) if (s[j]) mark.setAttribute(s[j], s[j + 1]);
      outer.insertBefore(mark, before);
      this.#m.push(mark);
      outer = mark;
      before = null;
    }
    outer.append(t);
    return 1;
  }

  /** Takes out what it painted: its ranges, or its marks, joining the nodes it split (only those). */
  #unpaint() {
    for (const [h, range] of this.#g) h.delete(range);
    for (const mark of this.#m.reverse()) mark.replaceWith(...mark.childNodes);
    // Split last, joined first: each added node is then the original's next sibling again.
    for (const [node, added] of this.#sp.reverse()) {
      if (added.previousSibling === node) { node.appendData(added.data); added.remove(); }
    }
    this.#g = []; this.#m = []; this.#sp = [];
  }

  // A DOM point as in the host's own markup: a point in a node the marks split off is the same
  // point in the original.
  #unsplit(node, offset) {
    for (const [o, added, at] of this.#sp) if (node === added) return [o, at + offset];
    return [node, offset];
  }

  /** The point [region, piece, UTF-16] of a DOM point (exact in a text piece; else the start of
   * the next piece), or null outside the article. */
  #at(node, offset) {
    [node, offset] = this.#unsplit(node, offset);
    const all = [this.#h, ...this.#b];
    // The innermost block (the last that holds it), the title last.
    let r = all.length;
    while (r-- && !all[r]?.el.contains(node));
    if (r < 0) return null;
    const n = all[r].n;
    let p = n.indexOf(node);
    if (p < 0) {
      const range = document.createRange();
      try { range.setStart(node, offset); } catch { return null; }
      p = n.findIndex((t) => t && range.comparePoint(t, 0) >= 0);
      if (p < 0) p = n.length;
      offset = 0;
    }
    return [r, p, offset];
  }

  /** The point under viewport point (x, y), from the caret there (highlights are not hit-testable). */
  point(x, y) {
    const c = document.caretPositionFromPoint?.(x, y), r = c ? null : document.caretRangeFromPoint?.(x, y);
    return c ? this.#at(c.offsetNode, c.offset) : r ? this.#at(r.startContainer, r.startOffset) : null;
  }

  /** The reader's selection as two points, or null when there is none. */
  selection() {
    const s = getSelection();
    if (!s?.rangeCount || s.isCollapsed) return null;
    const r = s.getRangeAt(0), a = this.#at(r.startContainer, r.startOffset), b = this.#at(r.endContainer, r.endOffset);
    return a && b ? [...a, ...b] : null;
  }

  /**
   * Shows in `tip` (an element) the text `text(region, piece, utf16)` gives for the mention under
   * the pointer, on a move, a tap or a click, below the pointer; where it gives none, leaving the
   * article, or Escape hides it. It stays where it first showed while on the same mention, so
   * moving the pointer changes nothing on the page. Returns what stops it.
   */
  tips(tip, text) {
    const hide = () => { tip.hidden = true; };
    const show = (e) => {
      const p = this.point(e.clientX, e.clientY), t = p && text(...p);
      if (t == null) hide();
      else if (tip.hidden || t !== tip.textContent) {
        tip.textContent = t;
        tip.style.left = `${e.clientX}px`;
        tip.style.top = `${e.clientY + TIP_OFFSET_PX}px`;
        tip.hidden = false;
      }
    };
    const h = this.#host;
    return listen([[h, 'pointermove', show], [h, 'click', show], [h, 'pointerleave', hide], [window, 'keydown', (e) => e.key === 'Escape' && hide()]]);
  }

  /** Calls `f` with each mouseup, keyup and touchend in block `i` (where a reader's selection
   * ends); returns what stops it. */
  ends(i, f) {
    const el = this.#b[i]?.el;
    return listen(el ? ['mouseup', 'keyup', 'touchend'].map((n) => [el, n, f]) : []);
  }

  /** Brings a point into view at the middle of the viewport (else the region's element). */
  scroll(r, p, u) {
    const b = this.#reg(r);
    let node = b?.n[p], top;
    try {
      // With marks, a point past a split lies in a later text node.
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
      while (u > node.length) {
        u -= node.length;
        walker.currentNode = node;
        node = walker.nextNode();
      }
      const range = document.createRange();
      range.setStart(node, u);
      const rect = range.getBoundingClientRect();
      if (rect.height > 0) top = rect.top;
    } catch { /* no text there */ }
    if (top !== undefined) scrollBy(0, top - innerHeight / 2);
    else b?.el.scrollIntoView(false);
  }

  // Whether a mutation record changes the article: not the widget's own elements'.
  #changes(r) {
    let e = r.target;
    if (e.nodeType !== 1) e = e.parentElement;
    if (!e || e.closest(OWN)) return false;
    if (r.type === 'childList') return [...r.addedNodes, ...r.removedNodes].some((n) => !n.closest?.(OWN));
    const b = e.closest(this.#sel);
    return (b && this.#host.contains(b)) || (r.type !== 'characterData' && !!e.querySelector(this.#sel));
  }

  #noted(records) {
    if (records.some((r) => this.#changes(r))) {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#onChange?.(), DEBOUNCE_MS);
    }
  }

  /** Calls `onChange` DEBOUNCE_MS after the article last changed (nodes, text, hidden/style/class). */
  watch(onChange) {
    this.#onChange = onChange;
    this.#o = new MutationObserver((records) => this.#noted(records));
    this.#o.observe(this.#host, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['hidden', 'style', 'class'] });
  }

  // Runs f without what it changes being reported (changes made before still are).
  #quietly(f) {
    if (this.#o) this.#noted(this.#o.takeRecords());
    f();
    this.#o?.takeRecords();
  }

  /** Takes out all it added: the watch, the highlights (the last widget's stylesheet and names
   * too), the controls' places. Idempotent. */
  close() {
    clearTimeout(this.#timer);
    this.#o?.disconnect();
    this.#o = this.#onChange = null;
    if (this.#p) {
      this.#unpaint();
      this.#p = false;
      if (!--shared.n) {
        if (shared.hs) for (const name of shared.names) CSS.highlights.delete(name);
        if (shared.s) adopt(document, shared.s, false);
        shared = null;
      }
    }
    for (const tools of this.#t) tools.remove();
    this.#t = [];
  }
}
const inPlace = { open: (host, blocks, skip) => new HostDoc(host, blocks, skip) };

const METHODS = ['exportJson', 'exportW3c', 'exportMarkdown', 'exportCsv', 'exportHtml', 'importJson', 'entities'];

function optionsOf(element, extra = {}) {
  return {
    src: element.getAttribute('src') ?? undefined,
    articleId: element.getAttribute('article-id') ?? undefined,
    lang: element.getAttribute('lang') ?? undefined,
    lexicon: element.getAttribute('lexicon') ?? undefined,
    // In place: which of the host's elements are text blocks, and which are left out (CSS
    // selector lists; absent, the widget's defaults).
    blocks: element.getAttribute('blocks') ?? undefined,
    skip: element.getAttribute('skip') ?? undefined,
    sync: element.getAttribute('sync') ?? undefined,
    user: element.hasAttribute('user-id')
      ? { id: element.getAttribute('user-id'), name: element.getAttribute('user-name') ?? '' }
      : undefined,
    cssUrl,
    ...extra,
  };
}

function fail(element, error) {
  element.dispatchEvent(new CustomEvent('article-annotator:error', {
    bubbles: true, composed: true, detail: { code: 'load', message: String(error?.message ?? error) },
  }));
}

/** `options` for the wasm module's mount: the parsed sheet goes with the default stylesheet only. */
function withSheet(options, parsed) {
  const url = options.cssUrl ?? cssUrl;
  return { ...options, cssUrl: url, sheet: url === cssUrl ? parsed : null, inPlace };
}

async function mount(element, options = {}) {
  const [wasmMount, parsed] = await ready(syncs(options));
  return wasmMount(element, withSheet(options, parsed));
}

class ArticleAnnotatorElement extends HTMLElement {
  static observedAttributes = ['src', 'article-id', 'lang', 'lexicon', 'blocks', 'skip', 'sync', 'user-id', 'user-name'];

  connectedCallback() {
    this.#remount();
  }

  disconnectedCallback() {
    this.destroy();
  }

  attributeChangedCallback(_name, old, value) {
    if (old !== value && this.isConnected && this.#mounting) this.#remount();
  }

  #handle = null;
  #mounting = null;

  #remount() {
    this.destroy();
    // Read once: an attribute changed meanwhile mounts again.
    const options = optionsOf(this);
    const mounting = ready(syncs(options)).then(([wasmMount, parsed]) => {
      if (this.#mounting !== mounting || !this.isConnected) return null;
      this.#handle = wasmMount(this, withSheet(options, parsed));
      return this.#handle;
    }).catch((e) => {
      if (this.#mounting === mounting) fail(this, e);
    });
    this.#mounting = mounting;
  }

  /** The handle once mounted (the wasm module loads asynchronously). */
  get whenReady() {
    return this.#mounting ?? Promise.resolve(null);
  }

  exportJson() { return this.#handle?.exportJson() ?? ''; }
  exportW3c() { return this.#handle?.exportW3c() ?? ''; }
  exportMarkdown() { return this.#handle?.exportMarkdown() ?? ''; }
  exportCsv() { return this.#handle?.exportCsv() ?? ''; }
  exportHtml() { return this.#handle?.exportHtml() ?? ''; }
  importJson(text) { return this.#handle?.importJson(text) ?? { added: 0, updated: 0, skipped: 0, errors: [{ index: 0, id: null, reason: 'the widget is not ready yet' }] }; }
  entities() { return this.#handle?.entities() ?? '[]'; }

  destroy() {
    this.#handle?.destroy();
    this.#handle = null;
  }
}

if (!customElements.get('article-annotator')) {
  customElements.define('article-annotator', ArticleAnnotatorElement);
}

/** Mounts the widget on any element; the returned handle has the element's methods. */
async function mountOn(element, options = {}) {
  const handle = await mount(element, { ...optionsOf(element), ...options });
  for (const name of METHODS) element[name] = (...args) => handle[name](...args);
  element.destroy = () => handle.destroy();
  return handle;
}

window.ArticleAnnotator = Object.freeze({ mount: mountOn, version: '0.1.0' });

// Elements that carry data-article-annotator (and are not <article-annotator>) mount by themselves,
// annotating the host's own article in place.
function autoMount() {
  for (const el of document.querySelectorAll('[data-article-annotator]:not(article-annotator)')) {
    if (!el.shadowRoot) mountOn(el).catch((e) => fail(el, e));
  }
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoMount, { once: true });
else autoMount();
