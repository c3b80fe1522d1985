//! The text a DOM-based client sees of the page an article is on, and where each paragraph's text
//! stands in it: what the W3C export's `TextPositionSelector` counts and its quotes' context is
//! read from, so that another client (Recogito, Hypothesis) anchors the export on the same page.
//!
//! The document's text is the text of every DOM text node under the article's element, in
//! document order, as `textContent` joins them, less the widget's own elements (`[data-aa-ui]`):
//! - rendered, the widget's `.aa-article` shows each paragraph's text as it is, one paragraph after
//!   the other, and the rest is the widget's own: [`DocumentText::rendered`] needs no DOM;
//! - in place, the host's article element, read by the element script (`platform::in_place`); a
//!   block's text ([`BlockText`]: NFC, white space collapsed) is not its text nodes' text code
//!   point for code point, and the page has text no block reads (ads, captions of skipped
//!   elements, source white space): [`DocumentText::add_block`] places each block by its pieces.
//!
//! Every offset here is in code points: of a paragraph's text, of the article's text (paragraphs
//! joined by blank lines, as notes count), or of the document's text (as the W3C model counts).

use super::article::Article;
use super::host::{BlockText, PiecePoint};
use super::notes::Target;
use super::text::CharIdx;

/// A run of a paragraph's text and where it stands in the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// The run's first code point in the paragraph's text.
    at: CharIdx,
    /// Where its source starts in the document's text (code points).
    doc: CharIdx,
    /// `None`: the run is its source, code point for code point. `Some(end)`: the run stands for
    /// the document's code points `doc..end` as a whole (collapsed white space, a composed
    /// letter): every code point of it maps to that span.
    doc_end: Option<CharIdx>,
}

/// One paragraph's place in the document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ParagraphMap {
    /// Where the paragraph starts in the article's text (code points).
    article_start: CharIdx,
    /// Length of the paragraph's text, in code points.
    len: CharIdx,
    /// Its runs, in order of `at` (and of `doc`).
    runs: Vec<Run>,
}

impl ParagraphMap {
    /// The run holding the paragraph's code point `at` (`at` < `len`).
    fn run_of(&self, at: CharIdx) -> Option<&Run> {
        let i = self.runs.partition_point(|r| r.at <= at).checked_sub(1)?;
        self.runs.get(i)
    }

    /// Where code point `at` of the paragraph starts (`end`: ends) in the document's text.
    fn doc_of(&self, at: CharIdx, end: bool) -> Option<CharIdx> {
        let run = self.run_of(at)?;
        Some(match run.doc_end {
            Some(doc_end) if end => doc_end,
            Some(_) => run.doc,
            None => run.doc + (at - run.at) + usize::from(end),
        })
    }
}

/// The text a DOM client sees of an article's page, and each paragraph's place in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentText {
    /// The document's URL, when it names the article better than the export's own source (the
    /// W3C `target.source`): in place, the page's canonical URL. `None`: the URL the article was
    /// read from, or its URN.
    pub url: Option<String>,
    /// The document's text, one `char` per code point.
    chars: Vec<char>,
    /// The paragraphs placed in it (looked up one by one: an export is rare, and a search
    /// structure would cost the widget more code than the lookups cost time).
    paragraphs: Vec<ParagraphMap>,
}

impl DocumentText {
    /// The document whose text is `text` (its text nodes joined in document order), at `url`.
    pub fn new(text: &str, url: Option<String>) -> DocumentText {
        DocumentText {
            url,
            chars: text.chars().collect(),
            paragraphs: Vec::new(),
        }
    }

    /// The rendered article's document: `article`'s paragraphs' texts one after the other, each
    /// as it is (what the widget's `.aa-article` shows, its own controls and notes left out).
    pub fn rendered(article: &Article, url: Option<String>) -> DocumentText {
        let text: String = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
        let mut doc = DocumentText::new(&text, url);
        let (mut article_start, mut doc_start) = (0, 0);
        for p in &article.paragraphs {
            let len = p.text.chars().count();
            doc.paragraphs.push(ParagraphMap {
                article_start,
                len,
                runs: vec![Run {
                    at: 0,
                    doc: doc_start,
                    doc_end: None,
                }],
            });
            article_start += len + super::article::PARAGRAPH_SEPARATOR.chars().count();
            doc_start += len;
        }
        doc
    }

    /// Length of the document's text, in code points.
    pub fn len(&self) -> CharIdx {
        self.chars.len()
    }

    /// Whether the document has no text.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Code points `start..end` of the document's text (clamped to it).
    pub fn slice(&self, start: CharIdx, end: CharIdx) -> String {
        let end = end.min(self.chars.len());
        self.chars
            .get(start.min(end)..end)
            .unwrap_or_default()
            .iter()
            .collect()
    }

    /// Places the paragraph that starts at `article_start` in the article's text (paragraphs are
    /// placed in the article's order), a host block whose text is `block`, whose pieces' text
    /// nodes stand at the document's code points `pieces` (`Some((start, end))` for a text piece,
    /// `None` for a break or a node not found in the document), one for one with the pieces
    /// `block` was read from.
    pub fn add_block(
        &mut self,
        article_start: CharIdx,
        block: &BlockText,
        pieces: &[Option<(CharIdx, CharIdx)>],
    ) {
        // A break (or a piece not found) stands where the text before it ends, else where the
        // text after it starts.
        let mut at: Vec<Option<(CharIdx, CharIdx)>> = pieces.to_vec();
        let mut last_end = None;
        for slot in &mut at {
            match slot {
                Some((_, end)) => last_end = Some(*end),
                None => *slot = last_end.map(|e| (e, e)),
            }
        }
        let mut next_start = None;
        for (slot, given) in at.iter_mut().zip(pieces).rev() {
            match given {
                Some((start, _)) => next_start = Some(*start),
                None if slot.is_none() => *slot = next_start.map(|s| (s, s)),
                None => {}
            }
        }
        let point = |p: PiecePoint| -> Option<CharIdx> {
            let (start, end) = (*at.get(p.piece)?)?;
            let mut utf16 = 0;
            let inside = self
                .chars
                .get(start..end.min(self.chars.len()))
                .unwrap_or_default()
                .iter()
                .take_while(|c| {
                    utf16 += c.len_utf16();
                    utf16 <= p.utf16
                })
                .count();
            Some(start + inside)
        };
        let runs: Option<Vec<Run>> = block
            .sources()
            .map(|(at, from, to)| {
                Some(Run {
                    at,
                    doc: point(from)?,
                    doc_end: match to {
                        Some(to) => Some(point(to)?),
                        None => None,
                    },
                })
            })
            .collect();
        if let Some(runs) = runs {
            self.paragraphs.push(ParagraphMap {
                article_start,
                len: block.len(),
                runs,
            });
        }
    }

    /// Where a note's target (its position in the article's text, inside one paragraph) stands in
    /// the document's text: from where its first code point starts to where its last ends. `None`
    /// for a paragraph not placed, or a position outside it.
    pub fn passage(&self, target: &Target) -> Option<(CharIdx, CharIdx)> {
        self.span(target.position.start, target.position.end)
    }

    /// Where code points `start..end` of the article's text (inside one paragraph) stand in the
    /// document's text (see [`Self::passage`]).
    pub fn span(&self, start: CharIdx, end: CharIdx) -> Option<(CharIdx, CharIdx)> {
        let i = self
            .paragraphs
            .partition_point(|p| p.article_start <= start);
        let map = self.paragraphs.get(i.checked_sub(1)?)?;
        let start = start.checked_sub(map.article_start)?;
        let end = end.checked_sub(map.article_start)?;
        if start >= end || end > map.len {
            return None;
        }
        let doc_start = map.doc_of(start, false)?;
        Some((doc_start, map.doc_of(end - 1, true)?.max(doc_start)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::host::Piece;
    use crate::core::notes::{TextPosition, TextQuote};

    /// A target on code points `start..end` of the article's text, in paragraph `id`.
    fn target(id: &str, start: CharIdx, end: CharIdx) -> Target {
        Target {
            paragraph: id.to_owned(),
            passage: true,
            quote: TextQuote {
                exact: String::new(),
                prefix: String::new(),
                suffix: String::new(),
            },
            position: TextPosition { start, end },
        }
    }

    /// Builds a document from text nodes (`"<br>"` is a break, `"[…]"` text that no block
    /// reads, such as an ad), places the block made of the others as a paragraph starting at
    /// code point 100 of the article's text, and checks that each passage of the block's text
    /// (given as its text) maps to what the document reads there.
    #[track_caller]
    fn check_block(nodes: &[&str], passages: &[(&str, &str)]) {
        const AT: CharIdx = 100;
        let mut doc = String::new();
        let mut pieces = Vec::new();
        let mut at = Vec::new();
        for node in nodes {
            if *node == "<br>" {
                pieces.push(Piece::Break);
                at.push(None);
            } else if let Some(skipped) = node.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
                doc.push_str(skipped);
            } else {
                let start = doc.chars().count();
                doc.push_str(node);
                pieces.push(Piece::Text(node));
                at.push(Some((start, doc.chars().count())));
            }
        }
        let block = BlockText::new(&pieces);
        let mut d = DocumentText::new(&doc, None);
        d.add_block(AT, &block, &at);
        for (passage, want) in passages {
            let text = block.text();
            let byte = text.find(passage).expect("passage in the block's text");
            let start = text[..byte].chars().count();
            let end = start + passage.chars().count();
            let (a, b) = d
                .passage(&target("p0-x", AT + start, AT + end))
                .expect("placed");
            assert_eq!(d.slice(a, b), *want, "{passage:?} in {text:?}");
        }
    }

    #[test]
    fn host_blocks_map_to_their_text_nodes() {
        let nfd = crate::core::unicode::nfd;
        let decomposed = nfd("Chủ tịch UBND tỉnh");
        // (text nodes, passages of the block's text with what the document reads there)
        type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);
        let cases: Vec<Case> = vec![
            // Inline elements: one text node each.
            (
                vec!["Theo báo cáo của ", "Sở Thông tin", ", trong 11 tháng"],
                vec![
                    ("Sở Thông tin", "Sở Thông tin"),
                    ("của Sở", "của Sở"),
                    ("tin, trong", "tin, trong"),
                ],
            ),
            // Source white space (HTML indentation) collapses in the block, not in the document.
            (
                vec!["\n    Đồng chí   Nguyễn\n  Văn A phát biểu.\n  "],
                vec![
                    ("Đồng chí", "Đồng chí"),
                    ("chí Nguyễn Văn", "chí   Nguyễn\n  Văn"),
                    ("biểu.", "biểu."),
                ],
            ),
            // A `<br>` is a space in the block and nothing in the document.
            (
                vec!["nhiều lần.", "<br>", "Trung tâm đề nghị"],
                vec![("lần. Trung", "lần.Trung"), ("Trung tâm", "Trung tâm")],
            ),
            // Text no block reads (an ad inside the block) is in the document.
            (
                vec!["Sở Nội vụ ", "[Quảng cáo]", "rà soát"],
                vec![("Sở Nội vụ", "Sở Nội vụ"), ("vụ rà", "vụ Quảng cáorà")],
            ),
            // Decomposed text: the document keeps it as it is.
            (
                vec![decomposed.as_str(), " phát biểu"],
                vec![
                    ("Chủ tịch", &decomposed[..nfd("Chủ tịch").len()]),
                    ("phát", "phát"),
                ],
            ),
            // Astral characters are one code point each.
            (vec!["Ảnh 📷 ", "Minh Khang"], vec![("📷 Minh", "📷 Minh")]),
        ];
        for (nodes, passages) in cases {
            check_block(&nodes, &passages);
        }
    }

    #[test]
    fn the_rendered_article_is_its_paragraphs_one_after_the_other() {
        let a = Article::parse(crate::core::article::SEED_ARTICLE).expect("seed");
        let d = DocumentText::rendered(&a, Some("https://example.vn/a".into()));
        let page: String = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(d.slice(0, d.len()), page);
        let starts = a.paragraph_starts();
        let doc_start = |i: usize| -> CharIdx {
            a.paragraphs[..i]
                .iter()
                .map(|p| p.text.chars().count())
                .sum()
        };
        let len = |i: usize| a.paragraphs[i].text.chars().count();
        let last = a.paragraphs.len() - 1;
        // (paragraph, passage in it) → where the document has it
        type Span = Option<(CharIdx, CharIdx)>;
        let cases: [(usize, CharIdx, CharIdx, Span); 6] = [
            (0, 0, 7, Some((0, 7))),
            (0, 0, len(0), Some((0, len(0)))),
            (4, 3, 30, Some((doc_start(4) + 3, doc_start(4) + 30))),
            (
                last,
                0,
                len(last),
                Some((doc_start(last), page.chars().count())),
            ),
            (4, 3, len(4) + 1, None),
            (4, 3, 3, None),
        ];
        for (i, s, e, want) in cases {
            let id = &a.paragraphs[i].id;
            assert_eq!(
                d.passage(&target(id, starts[i] + s, starts[i] + e)),
                want,
                "{i}: {s}..{e}"
            );
        }
        assert_eq!(d.passage(&target("p0-x", 90_000, 90_001)), None);
    }
}
