//! A host page's own article, annotated in place: which elements are text blocks, each block's
//! text as its DOM text nodes give it, and the two-way mapping between a block's text (NFC, white
//! space collapsed: what the recogniser reads and notes count, in code points) and the DOM's
//! pieces of it (text nodes, offsets in UTF-16 code units).
//!
//! The platform walks the host's elements and hands each block over as [`Piece`]s; everything
//! decided about that text is decided here:
//! - [`BlockText`]: the block's text, [`BlockText::spans`] (a code-point range → the text-node
//!   pieces to build a DOM range or marks from) and [`BlockText::offset_at`] (a DOM point → a code
//!   point of the block's text);
//! - [`HostArticle`]: the blocks with their ids, and the [`Article`] the recogniser and notes use;
//! - [`Highlight`], [`HighlightRange`] and [`cut`]: what is painted, under which
//!   `CSS.highlights` names, and the runs the `<mark>` fallback wraps.
//!
//! Block ids are paragraph ids (`p<index>-<FNV-1a of the text>`, [`paragraph_id`]): the same
//! markup gives the same ids on every load, and the same text gives the same ids as the rendered
//! mode. A block appended after load (lazy loading) takes the next index and leaves every earlier
//! id as it was; a block inserted before others shifts their index, and their notes are placed
//! again by quote and context (`core::anchor`), as after any edit of the article.

use super::article::{paragraph_id, Article, ArticleError, ParagraphKind};
use super::notes::NoteColor;
use super::order;
use super::recognize::Label;
use super::text::{ByteIdx, CharIdx};
use super::unicode::nfc;

/// The host's text blocks when the host sets no `blocks` attribute (a CSS selector list).
pub const DEFAULT_BLOCKS: &str = "p, li, h2, h3, h4, h5, h6, blockquote, figcaption, td, dd";

/// What is left out when the host sets no `skip` attribute (a CSS selector list): never-text
/// elements, ad slots, "related articles" boxes, and anything marked `data-aa-skip`.
pub const DEFAULT_SKIP: &str =
    "script, style, noscript, template, aside, [data-ad], .ad, .related, [data-aa-skip]";

/// Left out whatever `skip` says: elements whose content is never read as text (scripts, embedded
/// media's fallback content, form controls) and the widget's own elements (`data-aa-ui`).
pub const ALWAYS_SKIP: &str = "script, style, noscript, template, svg, math, iframe, object, \
    video, audio, canvas, button, select, textarea, [data-aa-ui]";

/// Characters that take no place in a block's text: soft hyphen, zero-width space, word joiner,
/// byte-order mark.
const INVISIBLE: [char; 4] = ['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// One piece of a block's text as the DOM holds it, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A text node's data.
    Text(&'a str),
    /// A `<br>`, or the edge of a block-level element or of a nested block inside the block:
    /// white space between words, with no text node behind it.
    Break,
}

/// A point in a block's pieces: piece `piece`, `utf16` code units into its text (the DOM's
/// offset in a text node). Points order as they stand in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PiecePoint {
    /// Index into the block's pieces.
    pub piece: usize,
    /// UTF-16 code units into the piece's text.
    pub utf16: usize,
}

/// A run of one text piece: UTF-16 code units `start_utf16..end_utf16` of piece `piece`. A DOM
/// range runs from the first span's start to the last span's end; the `<mark>` fallback wraps each
/// span on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PieceSpan {
    /// Index into the block's pieces (always a [`Piece::Text`]).
    pub piece: usize,
    /// UTF-16 code units into the piece's text, start inclusive.
    pub start_utf16: usize,
    /// UTF-16 code units into the piece's text, end exclusive.
    pub end_utf16: usize,
}

/// Where a run of the block's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// The run's first code point in the block's text.
    start: CharIdx,
    /// The same, in bytes of the block's text.
    start_byte: ByteIdx,
    /// Where its source starts in the pieces.
    from: PiecePoint,
    /// `None`: the run is its source's text, code point for code point, inside one piece.
    /// `Some(end)`: the run stands for the source up to `end` as a whole (white space collapsed
    /// into one space, a decomposed letter composed); every code point of it maps to that span.
    replaces_to: Option<PiecePoint>,
}

/// One block's text and where each part of it comes from in the DOM's pieces.
///
/// The text is what [`Article::from_parts`] makes of the pieces joined: NFC, every run of white
/// space (non-breaking spaces, line breaks and `<br>` among them) one space, trimmed, and the
/// [`INVISIBLE`] characters left out. Normalisation works on the stretches between ASCII
/// characters and white space, so a letter split from its tone mark by an element (`u<em>̉</em>`)
/// is composed like any other.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BlockText {
    text: String,
    /// Code points in `text`.
    len: CharIdx,
    /// UTF-16 length of each piece's text (0 for a [`Piece::Break`]).
    piece_lens: Vec<usize>,
    runs: Vec<Run>,
}

/// A character of the pieces with its place.
#[derive(Clone, Copy)]
struct RawChar {
    c: char,
    from: PiecePoint,
    to: PiecePoint,
}

/// Builds a [`BlockText`], run by run.
#[derive(Default)]
struct Builder {
    out: BlockText,
    /// Where the last copied code point's source ends, while a copy run is open.
    copy_to: Option<PiecePoint>,
    /// White space seen since the last character: its source span, and whether it is exactly one
    /// plain space (kept as a copy).
    space: Option<(PiecePoint, PiecePoint, bool)>,
}

impl Builder {
    fn push_run(&mut self, from: PiecePoint, replaces_to: Option<PiecePoint>) {
        self.out.runs.push(Run {
            start: self.out.len,
            start_byte: self.out.text.len(),
            from,
            replaces_to,
        });
    }

    /// `c` copied from `from..to`, continuing the open copy run when it ends where `c` starts.
    fn copy(&mut self, c: char, from: PiecePoint, to: PiecePoint) {
        if self.copy_to != Some(from) {
            self.push_run(from, None);
        }
        self.out.text.push(c);
        self.out.len += 1;
        self.copy_to = Some(to);
    }

    /// `text` standing for the source `from..to` as a whole.
    fn replace(&mut self, text: &str, from: PiecePoint, to: PiecePoint) {
        self.push_run(from, Some(to));
        self.out.text.push_str(text);
        self.out.len += text.chars().count();
        self.copy_to = None;
    }

    fn white(&mut self, ch: RawChar) {
        self.space = match self.space {
            Some((from, _, _)) => Some((from, ch.to, false)),
            None => Some((ch.from, ch.to, ch.c == ' ')),
        };
    }

    /// One character of text already in NFC.
    fn push_raw(&mut self, ch: RawChar) {
        if is_white(ch.c) {
            self.white(ch);
        } else if !INVISIBLE.contains(&ch.c) {
            self.flush_space();
            self.copy(ch.c, ch.from, ch.to);
        }
    }

    /// Text not in NFC: each stretch that composes differently ([`stretch_end`]) stands for its
    /// source as a whole.
    fn push_composing(&mut self, raw: &[RawChar]) {
        let mut i = 0;
        while let Some(&ch) = raw.get(i) {
            if is_white(ch.c) || INVISIBLE.contains(&ch.c) {
                self.push_raw(ch);
                i += 1;
                continue;
            }
            self.flush_space();
            let end = stretch_end(raw, i);
            let stretch = raw.get(i..end).unwrap_or_default();
            let source: String = stretch.iter().map(|r| r.c).collect();
            let normal = nfc(&source);
            match (normal == source, stretch.first(), stretch.last()) {
                (false, Some(first), Some(last)) => self.replace(&normal, first.from, last.to),
                _ => {
                    for r in stretch {
                        self.copy(r.c, r.from, r.to);
                    }
                }
            }
            i = end.max(i + 1);
        }
    }

    /// Writes the pending white space as one space, unless it leads the text.
    fn flush_space(&mut self) {
        if let Some((from, to, plain)) = self.space.take() {
            if self.out.len == 0 {
                return;
            }
            if plain {
                self.copy(' ', from, to);
            } else {
                self.replace(" ", from, to);
            }
        }
    }
}

fn is_white(c: char) -> bool {
    c.is_whitespace()
}

/// Whether `c` is surely unchanged by NFC whatever stands around it, without a table: below the
/// combining marks (ASCII, Latin-1, Latin Extended-A and -B: đ, ơ, ư among them), Latin Extended
/// Additional (Vietnamese's toned vowels: ạ, ế, ử …) and general punctuation (dashes, quotes,
/// ellipsis). All are starters that NFC keeps as they are; a mark that would compose with one is
/// itself outside these ranges, so text made only of them is NFC.
fn surely_nfc(c: char) -> bool {
    matches!(c, '\0'..='\u{2ff}' | '\u{1e00}'..='\u{1eff}' | '\u{2010}'..='\u{205e}')
}

/// Every character of the pieces with its place, in order; a break is a line feed of no width.
fn for_each_raw(pieces: &[Piece], mut f: impl FnMut(RawChar)) {
    for (piece, p) in pieces.iter().enumerate() {
        match p {
            Piece::Text(s) => {
                let mut utf16 = 0;
                for c in s.chars() {
                    let from = PiecePoint { piece, utf16 };
                    utf16 += c.len_utf16();
                    f(RawChar {
                        c,
                        from,
                        to: PiecePoint { piece, utf16 },
                    });
                }
            }
            Piece::Break => {
                let at = PiecePoint { piece, utf16: 0 };
                f(RawChar {
                    c: '\n',
                    from: at,
                    to: at,
                });
            }
        }
    }
}

impl BlockText {
    /// The text of a block given as its pieces, in document order.
    pub fn new(pieces: &[Piece]) -> BlockText {
        let piece_lens: Vec<usize> = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(s) => s.encode_utf16().count(),
                Piece::Break => 0,
            })
            .collect();
        let already_nfc = pieces.iter().all(|p| match p {
            Piece::Text(s) => s.chars().all(surely_nfc),
            Piece::Break => true,
        });
        let mut b = Builder::default();
        if already_nfc {
            // The common case, and without a normaliser call: character by character.
            for_each_raw(pieces, |ch| b.push_raw(ch));
        } else {
            let mut raw = Vec::new();
            for_each_raw(pieces, |ch| raw.push(ch));
            let joined: String = raw.iter().map(|r| r.c).collect();
            // One normaliser call for the whole block (a call into the browser in wasm);
            // composition is worked out stretch by stretch only for text that is not NFC.
            if nfc(&joined) == joined {
                raw.into_iter().for_each(|ch| b.push_raw(ch));
            } else {
                b.push_composing(&raw);
            }
        }
        b.out.piece_lens = piece_lens;
        b.out
    }

    /// The block's text (NFC, white space collapsed, trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length of the text in code points.
    pub fn len(&self) -> CharIdx {
        self.len
    }

    /// Whether the block has no text at all (only white space, or nothing).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The run holding code point `at` (`at` < [`BlockText::len`]).
    fn run_of(&self, at: CharIdx) -> Option<(usize, &Run)> {
        let i = self
            .runs
            .partition_point(|r| r.start <= at)
            .checked_sub(1)?;
        self.runs.get(i).map(|r| (i, r))
    }

    /// Code points `run.start..at` of a copy run, in UTF-16 code units.
    fn utf16_into(&self, run: &Run, at: CharIdx) -> usize {
        self.text
            .get(run.start_byte..)
            .unwrap_or_default()
            .chars()
            .take(at - run.start)
            .map(char::len_utf16)
            .sum()
    }

    /// Where code point `at` starts in the pieces.
    fn source_start(&self, at: CharIdx) -> Option<PiecePoint> {
        let (_, run) = self.run_of(at)?;
        Some(match run.replaces_to {
            Some(_) => run.from,
            None => PiecePoint {
                piece: run.from.piece,
                utf16: run.from.utf16 + self.utf16_into(run, at),
            },
        })
    }

    /// Where code point `at` ends in the pieces.
    fn source_end(&self, at: CharIdx) -> Option<PiecePoint> {
        let (_, run) = self.run_of(at)?;
        Some(match run.replaces_to {
            Some(to) => to,
            None => PiecePoint {
                piece: run.from.piece,
                utf16: run.from.utf16 + self.utf16_into(run, at + 1),
            },
        })
    }

    /// Where each run of the text comes from, in order: its first code point in the text, where
    /// its source starts in the pieces, and, for a run that stands for its source as a whole
    /// (white space collapsed, a letter composed), where that source ends; `None` for a run that
    /// is its source code point for code point, inside one piece.
    pub fn sources(&self) -> impl Iterator<Item = (CharIdx, PiecePoint, Option<PiecePoint>)> + '_ {
        self.runs.iter().map(|r| (r.start, r.from, r.replaces_to))
    }

    /// The text-node pieces that code points `start..end` of the text (end exclusive) cover, in
    /// order; empty for an empty or out-of-range span. Pieces that are [`Piece::Break`]s are never
    /// in it.
    pub fn spans(&self, start: CharIdx, end: CharIdx) -> Vec<PieceSpan> {
        if start >= end || end > self.len {
            return Vec::new();
        }
        let (Some(from), Some(to)) = (self.source_start(start), self.source_end(end - 1)) else {
            return Vec::new();
        };
        (from.piece..=to.piece)
            .filter_map(|piece| {
                let len = self.piece_lens.get(piece).copied().unwrap_or(0);
                let start_utf16 = if piece == from.piece { from.utf16 } else { 0 };
                let end_utf16 = if piece == to.piece { to.utf16 } else { len };
                (start_utf16 < end_utf16).then_some(PieceSpan {
                    piece,
                    start_utf16,
                    end_utf16,
                })
            })
            .collect()
    }

    /// The code point of the text at a DOM point: how many of the text's code points come wholly
    /// before `point`. A point inside collapsed white space or inside a composed letter goes to
    /// the boundary before it; a point past the end, to the end.
    pub fn offset_at(&self, point: PiecePoint) -> CharIdx {
        let i = self.runs.partition_point(|r| r.from <= point);
        let Some(run) = i.checked_sub(1).and_then(|i| self.runs.get(i)) else {
            return 0;
        };
        let run_end = self.runs.get(i).map_or(self.len, |next| next.start);
        match run.replaces_to {
            Some(to) if to <= point => run_end,
            Some(_) => run.start,
            None if point.piece > run.from.piece => run_end,
            None => {
                let mut utf16 = run.from.utf16;
                let before = self
                    .text
                    .get(run.start_byte..)
                    .unwrap_or_default()
                    .chars()
                    .take(run_end - run.start)
                    .take_while(|c| {
                        utf16 += c.len_utf16();
                        utf16 <= point.utf16
                    })
                    .count();
                run.start + before
            }
        }
    }
}

/// The end (exclusive) of the stretch normalised together from `raw[i]`: `raw[i]` and the
/// non-ASCII characters after it, up to the next ASCII character, white space or invisible
/// character (nothing composes across those, and a letter takes its marks with it).
fn stretch_end(raw: &[RawChar], i: usize) -> usize {
    let breaks = |c: char| c.is_ascii() || is_white(c) || INVISIBLE.contains(&c);
    let rest = raw.get(i + 1..).unwrap_or_default();
    i + 1 + rest.iter().take_while(|r| !breaks(r.c)).count()
}

/// What kind of block an element is, as the platform tells from its tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRole {
    /// `h2`–`h6`.
    Heading,
    /// `figcaption`.
    Caption,
    /// Any other block (`p`, `li`, `blockquote`, `td`, `dd`, …).
    Text,
}

impl BlockRole {
    /// The role of an element by its tag name (any case).
    pub fn of_tag(tag: &str) -> BlockRole {
        match tag.to_ascii_lowercase().as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockRole::Heading,
            "figcaption" => BlockRole::Caption,
            _ => BlockRole::Text,
        }
    }
}

/// One text block of the host's article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostBlock {
    /// The paragraph id notes attach to: `p<index>-<hash>`.
    pub id: String,
    /// Lead (the first text block that is not a heading or caption), caption or body.
    pub kind: ParagraphKind,
    /// Index of the block in the list given to [`HostArticle::new`] (blocks without text are left
    /// out, so this maps a block back to its element).
    pub source: usize,
    /// Its text and where it comes from.
    pub text: BlockText,
}

/// A host page's article: its title and its text blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostArticle {
    /// The first `h1`'s text, else the `title` attribute's (trimmed, white space collapsed).
    pub title: String,
    /// The first `h1`'s text, when the title comes from it (its mentions are painted too).
    pub heading: Option<BlockText>,
    /// The blocks with text, in document order.
    pub blocks: Vec<HostBlock>,
}

impl HostArticle {
    /// The article from the first `h1` (`heading`, if any), the host's `title` attribute, and the
    /// blocks in document order. Blocks without text are left out; the others get their ids.
    pub fn new(
        heading: Option<BlockText>,
        title_attribute: Option<&str>,
        blocks: Vec<(BlockRole, BlockText)>,
    ) -> HostArticle {
        let heading = heading.filter(|h| !h.is_empty());
        let title = match (&heading, title_attribute) {
            (Some(h), _) => h.text().to_owned(),
            (None, Some(attr)) => BlockText::new(&[Piece::Text(attr)]).text,
            (None, None) => String::new(),
        };
        let mut lead_given = false;
        let blocks = blocks
            .into_iter()
            .enumerate()
            .filter(|(_, (_, text))| !text.is_empty())
            .enumerate()
            .map(|(index, (source, (role, text)))| {
                let kind = match role {
                    BlockRole::Caption => ParagraphKind::Caption,
                    BlockRole::Text if !lead_given => {
                        lead_given = true;
                        ParagraphKind::Lead
                    }
                    _ => ParagraphKind::Body,
                };
                HostBlock {
                    id: paragraph_id(index, text.text()),
                    kind,
                    source,
                    text,
                }
            })
            .collect();
        HostArticle {
            title,
            heading,
            blocks,
        }
    }

    /// The article the recogniser and the notes work on: the title, `date` (the host's dateline
    /// or `<time>` text, if any) and one paragraph per block, with the blocks' ids and kinds.
    /// Fails when there is no block with text ([`ArticleError::NoParagraphs`] or
    /// [`ArticleError::Empty`]) or the text is too large.
    pub fn article(&self, date: Option<&str>) -> Result<Article, ArticleError> {
        let texts: Vec<String> = self
            .blocks
            .iter()
            .map(|b| b.text.text().to_owned())
            .collect();
        let mut article = Article::from_parts(&self.title, date, &texts, None)?;
        // The texts are already in the form from_parts makes, so its paragraphs are the blocks,
        // one for one, with the same ids: the kinds are the blocks'.
        for (p, b) in article.paragraphs.iter_mut().zip(&self.blocks) {
            p.kind = b.kind;
            p.id.clone_from(&b.id);
        }
        Ok(article)
    }

    /// The index of the block with id `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.blocks.iter().position(|b| b.id == id)
    }
}

/// Every name the widget registers in `CSS.highlights`, lowest priority first (a later one paints
/// over an earlier one where they overlap): notes under entities, as in the rendered mode, and the
/// chosen entity's mentions over all.
pub const HIGHLIGHT_NAMES: [&str; 10] = [
    "aa-note",
    "aa-note-yellow",
    "aa-note-green",
    "aa-note-blue",
    "aa-note-pink",
    "aa-note-purple",
    "aa-official",
    "aa-title",
    "aa-body",
    "aa-chosen",
];

/// What one highlighted range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight<'a> {
    /// A mention of an entity; `chosen` when it is the entity picked in the panel.
    Entity {
        /// The mention's kind.
        label: Label,
        /// The entity's id (`data-aa-entity-id`).
        entity: &'a str,
        /// Whether it is a mention of the entity chosen in the panel.
        chosen: bool,
    },
    /// A note's passage.
    Note {
        /// The note's id (`data-aa-note`).
        id: &'a str,
        /// The note's colour, if it has one.
        color: Option<NoteColor>,
    },
}

impl Highlight<'_> {
    /// Indices into [`HIGHLIGHT_NAMES`] of the highlights this range belongs to: its kind, and
    /// `aa-chosen` or its note colour.
    pub fn names(&self) -> (usize, Option<usize>) {
        match *self {
            Highlight::Entity { label, chosen, .. } => {
                let kind = match label {
                    Label::Official => 6,
                    Label::Title => 7,
                    Label::Body => 8,
                };
                (kind, chosen.then_some(9))
            }
            Highlight::Note { color, .. } => {
                let colour = color.and_then(|c| NoteColor::ALL.iter().position(|&a| a == c));
                (0, colour.map(|i| i + 1))
            }
        }
    }
}

/// Where a highlighted range lies: the title's `h1` (text 0 of the recognition), or a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    /// The first `h1` ([`HostArticle::heading`]).
    Title,
    /// Index into [`HostArticle::blocks`].
    Block(usize),
}

/// A range to highlight: code points `start..end` of the text of `region`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HighlightRange<'a> {
    /// The title or the block the range lies in.
    pub region: Region,
    /// Code points into the region's text, start inclusive.
    pub start: CharIdx,
    /// Code points into the region's text, end exclusive.
    pub end: CharIdx,
    /// What it is.
    pub highlight: Highlight<'a>,
}

/// A run of one region's text with every highlight covering it: what the `<mark>` fallback wraps
/// (notes outside, the entity mention inside, as the rendered mode nests them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut<'a> {
    /// Code points into the block's text, start inclusive.
    pub start: CharIdx,
    /// Code points into the block's text, end exclusive.
    pub end: CharIdx,
    /// The entity mention covering the run, if any (mentions do not overlap).
    pub entity: Option<Highlight<'a>>,
    /// The notes covering the run, in the order given.
    pub notes: Vec<Highlight<'a>>,
}

/// Cuts `ranges` region by region into runs at every range boundary: each region that has ranges,
/// in order, with its runs; runs that nothing covers are left out, and so are empty ranges. The
/// ranges are grouped once, so an article of thousands of blocks is cut in one pass.
pub fn cut<'a>(ranges: &[HighlightRange<'a>]) -> Vec<(Region, Vec<Cut<'a>>)> {
    let mut sorted: Vec<&HighlightRange<'a>> = ranges.iter().filter(|r| r.start < r.end).collect();
    order::sort_by_key(&mut sorted, |r| r.region);
    sorted
        .chunk_by(|a, b| a.region == b.region)
        .filter_map(|group| Some((group.first()?.region, cut_region(group))))
        .collect()
}

/// The runs of the ranges of one region.
fn cut_region<'a>(mine: &[&HighlightRange<'a>]) -> Vec<Cut<'a>> {
    let mut bounds: Vec<CharIdx> = mine.iter().flat_map(|r| [r.start, r.end]).collect();
    order::sort(&mut bounds);
    bounds.dedup();
    bounds
        .windows(2)
        .filter_map(|w| {
            let (start, end) = (w[0], w[1]);
            let covering = mine.iter().filter(|r| r.start <= start && end <= r.end);
            let entity = covering
                .clone()
                .map(|r| r.highlight)
                .find(|h| matches!(h, Highlight::Entity { .. }));
            let notes: Vec<Highlight<'a>> = covering
                .map(|r| r.highlight)
                .filter(|h| matches!(h, Highlight::Note { .. }))
                .collect();
            (entity.is_some() || !notes.is_empty()).then_some(Cut {
                start,
                end,
                entity,
                notes,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
