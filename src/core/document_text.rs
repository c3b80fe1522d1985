//! The text a DOM-based client sees of the page an article is on, and where each paragraph's text
//! stands in it: what the W3C export's `TextPositionSelector` counts and its quotes' context is
//! read from, so that another client (Recogito, Hypothesis) anchors the export on the same page.
//!
//! The platform reads the page (`platform::document_text`): the text of every DOM text node under
//! the article's element, in document order, as `textContent` joins them, leaving out the
//! widget's own elements (`[data-aa-ui]`); and, per paragraph, where its text nodes stand in that
//! text. Everything decided about those offsets is decided here:
//! - in the rendered mode a paragraph is its text nodes verbatim ([`DocumentText::add_verbatim`]);
//! - in place a paragraph is a host block, whose text ([`BlockText`]: NFC, white space collapsed)
//!   is not its text nodes' text code point for code point ([`DocumentText::add_block`]).
//!
//! Every offset here is in code points: of a paragraph's text (as notes count), or of the
//! document's text (as the W3C model counts).

use super::host::{BlockText, PiecePoint};
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
    /// The paragraph's id (`data-aa-paragraph`).
    id: String,
    /// Length of the paragraph's text, in code points.
    len: CharIdx,
    /// Its runs, in order of `at` (and of `doc`).
    runs: Vec<Run>,
}

impl ParagraphMap {
    /// The run holding the paragraph's code point `at` (`at` < `len`).
    fn run_of(&self, at: CharIdx) -> Option<(usize, &Run)> {
        let i = self.runs.partition_point(|r| r.at <= at).checked_sub(1)?;
        self.runs.get(i).map(|r| (i, r))
    }

    /// Where code point `at` of the paragraph starts in the document's text.
    fn doc_start(&self, at: CharIdx) -> Option<CharIdx> {
        let (_, run) = self.run_of(at)?;
        Some(match run.doc_end {
            Some(_) => run.doc,
            None => run.doc + (at - run.at),
        })
    }

    /// Where code point `at` of the paragraph ends in the document's text.
    fn doc_end(&self, at: CharIdx) -> Option<CharIdx> {
        let (_, run) = self.run_of(at)?;
        Some(match run.doc_end {
            Some(end) => end,
            None => run.doc + (at - run.at) + 1,
        })
    }

    /// The document's code points this paragraph's runs cover: from the first run's start to the
    /// last run's end.
    fn doc_span(&self) -> Option<(CharIdx, CharIdx)> {
        let first = self.runs.first()?.doc;
        let end = self.doc_end(self.len.checked_sub(1)?)?;
        Some((first, end))
    }

    /// The paragraph's code point at the document's code point `doc` (inside [`Self::doc_span`]):
    /// how many of the paragraph's code points start before it.
    fn at_doc(&self, doc: CharIdx) -> CharIdx {
        let i = self.runs.partition_point(|r| r.doc <= doc);
        let Some(run) = i.checked_sub(1).and_then(|i| self.runs.get(i)) else {
            return 0;
        };
        let run_end = self.runs.get(i).map_or(self.len, |next| next.at);
        match run.doc_end {
            Some(end) if end <= doc => run_end,
            Some(_) => run.at,
            None => (run.at + (doc - run.doc)).min(run_end),
        }
    }
}

/// The text a DOM client sees of an article's page, and each paragraph's place in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentText {
    /// The document's URL, when the article has one (the W3C `target.source`): in place the
    /// page's canonical URL, rendered from `src` the absolute `src` URL.
    pub url: Option<String>,
    /// The document's text, one `char` per code point.
    chars: Vec<char>,
    /// The paragraphs placed in it, by id.
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

    /// Whether paragraph `id` is placed in the document.
    pub fn has_paragraph(&self, id: &str) -> bool {
        self.index_of(id).is_ok()
    }

    fn index_of(&self, id: &str) -> Result<usize, usize> {
        self.paragraphs.binary_search_by(|p| p.id.as_str().cmp(id))
    }

    fn insert(&mut self, map: ParagraphMap) {
        match self.index_of(&map.id) {
            Ok(i) => {
                if let Some(slot) = self.paragraphs.get_mut(i) {
                    *slot = map;
                }
            }
            Err(i) => self.paragraphs.insert(i, map),
        }
    }

    /// Places paragraph `id`, whose text is `text`, shown as it is by the text nodes that stand at
    /// the document's code points `pieces` (`(start, end)` each, in order), as the rendered
    /// article shows it. Nothing is placed, and false is returned, when those nodes' text is not
    /// the paragraph's text.
    pub fn add_verbatim(&mut self, id: &str, text: &str, pieces: &[(CharIdx, CharIdx)]) -> bool {
        let mut runs = Vec::with_capacity(pieces.len());
        let mut at = 0;
        let mut expected = text.chars();
        for &(start, end) in pieces {
            let Some(piece) = self.chars.get(start..end.min(self.chars.len())) else {
                return false;
            };
            if piece.is_empty() {
                continue;
            }
            if !piece.iter().all(|&c| expected.next() == Some(c)) {
                return false;
            }
            runs.push(Run {
                at,
                doc: start,
                doc_end: None,
            });
            at += piece.len();
        }
        if expected.next().is_some() {
            return false;
        }
        self.insert(ParagraphMap {
            id: id.to_owned(),
            len: at,
            runs,
        });
        true
    }

    /// Places paragraph `id`, a host block whose text is `block`, whose pieces' text nodes stand
    /// at the document's code points `pieces` (`Some((start, end))` for a text piece, `None` for
    /// a break or a node not found in the document), one for one with the pieces `block` was
    /// read from.
    pub fn add_block(
        &mut self,
        id: &str,
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
            self.insert(ParagraphMap {
                id: id.to_owned(),
                len: block.len(),
                runs,
            });
        }
    }

    /// Where code points `start..end` of paragraph `id`'s text (end exclusive) stand in the
    /// document's text: from where the first starts to where the last ends. `None` for a
    /// paragraph not placed, or a passage outside it.
    pub fn passage(&self, id: &str, start: CharIdx, end: CharIdx) -> Option<(CharIdx, CharIdx)> {
        let map = self.paragraphs.get(self.index_of(id).ok()?)?;
        if start > end || end > map.len {
            return None;
        }
        let doc_start = if start == map.len {
            map.doc_span()?.1
        } else {
            map.doc_start(start)?
        };
        let doc_end = match end.checked_sub(1) {
            Some(last) if end > start => map.doc_end(last)?,
            _ => doc_start,
        };
        Some((doc_start, doc_end.max(doc_start)))
    }

    /// The paragraph a code point of the document's text falls in, and the code point of that
    /// paragraph's text it stands at: the innermost paragraph whose text nodes span it (in place
    /// a block can hold another).
    pub fn paragraph_at(&self, doc: CharIdx) -> Option<(&str, CharIdx)> {
        self.paragraphs
            .iter()
            .filter_map(|p| Some((p, p.doc_span()?)))
            .filter(|(_, (a, b))| *a <= doc && doc <= *b)
            // A paragraph that starts there before one that ends there; the innermost first.
            .min_by_key(|(_, (a, b))| (doc == *b, b - a))
            .map(|(p, _)| (p.id.as_str(), p.at_doc(doc)))
    }
}

/// The document the rendered mode shows for `article`: its paragraphs' texts one after the
/// other (the rendered article's `textContent`), each paragraph one text node.
#[cfg(test)]
pub(crate) fn rendered(article: &crate::core::article::Article, url: Option<&str>) -> DocumentText {
    let text: String = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let mut doc = DocumentText::new(&text, url.map(str::to_owned));
    let mut at = 0;
    for p in &article.paragraphs {
        let len = p.text.chars().count();
        doc.add_verbatim(&p.id, &p.text, &[(at, at + len)]);
        at += len;
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::host::Piece;

    /// Builds a document from text nodes (`"<br>"` is a break, `"[…]"` text that no block
    /// reads, such as an ad), places the block made of the others, and checks that each passage
    /// of the block's text (given as its text) maps to the document's text `want`.
    #[track_caller]
    fn check_block(nodes: &[&str], passages: &[(&str, &str)]) {
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
        d.add_block("p0-x", &block, &at);
        for (passage, want) in passages {
            let text = block.text();
            let byte = text.find(passage).expect("passage in the block's text");
            let start = text[..byte].chars().count();
            let end = start + passage.chars().count();
            let (a, b) = d.passage("p0-x", start, end).expect("placed");
            assert_eq!(d.slice(a, b), *want, "{passage:?} in {text:?}");
            assert_eq!(
                d.paragraph_at(a),
                Some(("p0-x", start)),
                "back from the document"
            );
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
    fn verbatim_paragraphs_map_one_for_one_and_are_checked() {
        // Two paragraphs rendered one after the other, the first split by a highlight.
        let text = "Sở Y tế họp.Hội nghị kết thúc.";
        let mut d = DocumentText::new(text, Some("https://example.vn/a".into()));
        assert!(d.add_verbatim("p0-a", "Sở Y tế họp.", &[(0, 7), (7, 12)]));
        assert!(d.add_verbatim("p1-b", "Hội nghị kết thúc.", &[(12, 30)]));
        assert!(
            !d.add_verbatim("p2-c", "Something else", &[(12, 30)]),
            "a paragraph whose nodes read otherwise is not placed"
        );
        assert!(!d.has_paragraph("p2-c"));
        type Span = Option<(CharIdx, CharIdx)>;
        let cases: [(&str, CharIdx, CharIdx, Span); 6] = [
            ("p0-a", 0, 7, Some((0, 7))),
            ("p0-a", 3, 12, Some((3, 12))),
            ("p1-b", 0, 8, Some((12, 20))),
            ("p1-b", 0, 18, Some((12, 30))),
            ("p1-b", 0, 19, None),
            ("p9-z", 0, 1, None),
        ];
        for (id, a, b, want) in cases {
            assert_eq!(d.passage(id, a, b), want, "{id} {a}..{b}");
        }
        assert_eq!(d.paragraph_at(14), Some(("p1-b", 2)));
        assert_eq!(d.paragraph_at(31), None);
        assert_eq!(d.slice(12, 20), "Hội nghị");
    }
}
