// article-annotator: the one module script a host page loads.
//
//   <script type="module" src="https://example.org/annotator/article-annotator-element.js"></script>
//   <article-annotator src="/bai-viet/123.txt" article-id="bai-123"></article-annotator>
//
// Defines the custom element <article-annotator> and window.ArticleAnnotator.mount(element,
// options). Rust cannot subclass HTMLElement, so this small class forwards to the wasm module
// built next to this file (article-annotator.js and article-annotator_bg.wasm). No global name
// other than ArticleAnnotator; no inline script or style is needed (works under a strict CSP).
import init, { mount as wasmMount } from './article-annotator.js';

const here = import.meta.url;
// User Timing marks for the page's own performance tools (and scripts/bench-browser.mjs): when the
// wasm module is fetched and instantiated.
const wasmReady = init({ module_or_path: new URL('article-annotator_bg.wasm', here) }).then((wasm) => {
  performance.mark('article-annotator:wasm-ready');
  return wasm;
});
const cssUrl = new URL('annotator.css', here).href;

// The stylesheet is fetched now, alongside the module, and parsed once into a constructed sheet
// that every widget's shadow root adopts: a widget is styled from its first frame, with no
// <link> to wait for (a linked sheet's load event comes a frame after the widget is drawn). Once
// the module is ready, a widget waits for the sheet at most STYLE_GRACE_MS more; without it (no
// constructed stylesheets, the fetch failed or is slow), the widget links the sheet and stays
// transparent until it is in.
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
const styled = Promise.race([sheet, wasmReady.then(() => new Promise((resolve) => setTimeout(resolve, STYLE_GRACE_MS, null)))]);
/** The module and the stylesheet, once both are ready (the sheet `null` if it is not). */
const ready = Promise.all([wasmReady, styled]).then(([, parsed]) => parsed);
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
  return { ...options, cssUrl: url, sheet: url === cssUrl ? parsed : null };
}

async function mount(element, options = {}) {
  return wasmMount(element, withSheet(options, await ready));
}

class ArticleAnnotatorElement extends HTMLElement {
  static observedAttributes = ['src', 'article-id', 'lang', 'lexicon', 'blocks', 'skip'];

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
    const mounting = ready.then((parsed) => {
      if (this.#mounting !== mounting || !this.isConnected) return null;
      this.#handle = wasmMount(this, withSheet(optionsOf(this), parsed));
      return this.#handle;
    }).catch((e) => fail(this, e));
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
