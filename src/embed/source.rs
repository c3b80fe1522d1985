//! Where a widget's article comes from: a URL (`src`), the host page's own paragraphs, or the
//! bundled seed; and the newsroom's lexicon URL. Every failure is `(code, message)` for the
//! reader and the `article-annotator:error` event.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use crate::core::article::{Article, MAX_ARTICLE_BYTES, SEED_ARTICLE};
use crate::core::recognize::Recognizer;
use crate::platform::js_text;
use crate::ui::strings::Strings;

/// An article and the URL it came from, or `(error code, message)`.
pub type Loaded = Result<(Article, Option<String>), (String, String)>;

/// The three places an article can come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The article's text given directly (`ArticleAnnotator.mount(element, {text})`).
    Text(String),
    /// The article at a URL (`src`).
    Url(String),
    /// The host's own markup, annotated in place.
    InPlace,
    /// The bundled seed article.
    Seed,
}

impl Source {
    /// `text` or `src` if given; else the host's own article, in place, if it has content; else
    /// the seed.
    pub fn of(host: &Element, src: Option<&str>, text: Option<&str>) -> Source {
        match (src, text) {
            (_, Some(text)) => Source::Text(text.to_owned()),
            (Some(url), None) => Source::Url(url.to_owned()),
            (None, None) if has_content(host) => Source::InPlace,
            (None, None) => Source::Seed,
        }
    }

    /// Whether the article can be read without waiting.
    pub fn is_immediate(&self) -> bool {
        !matches!(self, Source::Url(_))
    }

    /// Reads an immediate source.
    pub fn read_now(&self, s: &Strings) -> Loaded {
        match self {
            Source::Seed => Article::parse(SEED_ARTICLE)
                .map(|a| (a, None))
                .map_err(|e| ("article".into(), s.article_error(&e))),
            Source::Text(text) => Article::from_bytes(text.as_bytes(), false)
                .map(|a| (a, None))
                .map_err(|e| ("article".into(), s.article_error(&e))),
            Source::Url(_) | Source::InPlace => Err((
                "article".into(),
                "internal: not a source to read here".into(),
            )),
        }
    }

    /// Reads any source.
    pub async fn read(&self, s: &Strings) -> Loaded {
        match self {
            Source::Url(url) => fetch_article(url, s).await,
            other => other.read_now(s),
        }
    }
}

/// Whether the host holds an article of its own: an element (not one of the widget's) or text.
fn has_content(host: &Element) -> bool {
    let children = host.child_nodes();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .any(|n| match n.dyn_ref::<Element>() {
            Some(e) => !e.has_attribute("data-aa-ui"),
            None => {
                n.node_type() == web_sys::Node::TEXT_NODE
                    && n.text_content().is_some_and(|t| !t.trim().is_empty())
            }
        })
}

/// Fetches `url`'s bytes: an error for network failures, HTTP errors and oversized bodies.
async fn fetch_bytes(
    url: &str,
    limit: usize,
    s: &Strings,
) -> Result<(Vec<u8>, String, String), (String, String)> {
    let en = s.tag == "en";
    let window = web_sys::window().ok_or_else(|| ("fetch".to_owned(), s.load_failed(url, "")))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| ("fetch".to_owned(), s.load_failed(url, &js_text(&e))))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| ("fetch".to_owned(), s.load_failed(url, "")))?;
    if !response.ok() {
        let (code, text) = (response.status(), response.status_text());
        return Err((
            "http".into(),
            if en {
                format!("The server answered {code} {text} for {url}")
            } else {
                format!("Máy chủ trả lời {code} {text} cho {url}")
            },
        ));
    }
    let final_url = response.url();
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if let Some(len) = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.parse::<usize>().ok())
    {
        if len > limit {
            return Err((
                "too-large".into(),
                s.article_error(&crate::core::article::ArticleError::TooLarge { bytes: len }),
            ));
        }
    }
    let buffer = response
        .array_buffer()
        .map_err(|e| ("fetch".to_owned(), s.load_failed(url, &js_text(&e))))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| ("fetch".to_owned(), s.load_failed(url, &js_text(&e))))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    if bytes.len() > limit {
        return Err((
            "too-large".into(),
            s.article_error(&crate::core::article::ArticleError::TooLarge { bytes: bytes.len() }),
        ));
    }
    Ok((
        bytes,
        content_type,
        if final_url.is_empty() {
            url.to_owned()
        } else {
            final_url
        },
    ))
}

async fn fetch_article(url: &str, s: &Strings) -> Loaded {
    let (bytes, content_type, final_url) = fetch_bytes(url, MAX_ARTICLE_BYTES, s).await?;
    let article = Article::from_bytes(&bytes, content_type.contains("json"))
        .map_err(|e| ("article".to_owned(), s.article_error(&e)))?;
    Ok((article, Some(final_url)))
}

/// Fetches a newsroom's JSON lexicon and adds it to `recognizer`.
pub async fn load_lexicon(
    url: &str,
    recognizer: &mut Recognizer,
    s: &Strings,
) -> Result<usize, String> {
    let (bytes, _, _) = fetch_bytes(url, 2 * 1024 * 1024, s)
        .await
        .map_err(|(_, m)| m)?;
    let text = String::from_utf8(bytes).map_err(|_| s.lexicon_error(url, None))?;
    recognizer
        .lexicon_mut()
        .add_json(&text)
        .map_err(|e| s.lexicon_error(url, Some(&e)))
}
