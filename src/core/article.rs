//! Parsing an article in the seed's plain-text layout into its parts.
//!
//! The layout (one block a line, blank lines between): a title line; a dateline such as
//! "THỨ SÁU, 03/07/2020 19:09:13"; the lead paragraph; a photo caption (a line without closing
//! punctuation right after the lead); body paragraphs; and a byline in capitals ("HOÀNG BIÊN").
//! Every text is normalised to NFC, and every paragraph gets an id derived from its content and
//! position, so the same article always yields the same ids.

use serde::Serialize;
use thiserror::Error;

use super::fields::Fields;
use super::notes::{Target, TextPosition, TextQuote, CONTEXT_CHARS};
use super::text::{fnv1a32, CharIdx};

/// Between two paragraphs in [`Article::text`].
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// The bundled default article (Báo Hải Dương, 03/07/2020).
pub const SEED_ARTICLE: &str = include_str!("../../assets/seed-article.txt");

/// Largest article accepted, in bytes of UTF-8.
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;

/// Why an article could not be read.
#[derive(Debug, Error)]
pub enum ArticleError {
    #[error("the article is not valid UTF-8 text (first bad byte at offset {valid_up_to})")]
    NotUtf8 {
        valid_up_to: usize,
        #[source]
        source: std::str::Utf8Error,
    },
    #[error("the article is empty")]
    Empty,
    #[error("the article has a title but no paragraphs")]
    NoParagraphs,
    #[error("the article is {bytes} bytes long; the limit is {MAX_ARTICLE_BYTES} bytes")]
    TooLarge { bytes: usize },
    #[error("the JSON article is not of the expected shape ({{title, date?, lead?, paragraphs[], byline?}})")]
    BadJson(#[source] serde_json::Error),
}

/// The role of a paragraph in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Lead,
    Caption,
    Body,
}

/// One paragraph: the unit notes attach to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Stable id: position and a hash of the NFC text, e.g. `p2-9a1c03f4`.
    pub id: String,
    pub kind: ParagraphKind,
    /// NFC text.
    pub text: String,
}

/// The publication date and time as printed in the dateline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleDate {
    /// The dateline as printed ("THỨ SÁU, 03/07/2020 19:09:13").
    pub raw: String,
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// Hour, minute, second when printed.
    pub time: Option<(u8, u8, u8)>,
}

impl ArticleDate {
    /// ISO 8601 local date-time ("2020-07-03T19:09:13") or date ("2020-07-03").
    pub fn iso(&self) -> String {
        let date = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        match self.time {
            Some((h, m, s)) => format!("{date}T{h:02}:{m:02}:{s:02}"),
            None => date,
        }
    }
}

/// A parsed article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    pub title: String,
    pub date: Option<ArticleDate>,
    /// Lead, caption and body paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    pub byline: Option<String>,
}

impl Article {
    /// Parses raw bytes, which must be UTF-8.
    pub fn parse_bytes(bytes: &[u8]) -> Result<Article, ArticleError> {
        if bytes.len() > MAX_ARTICLE_BYTES {
            return Err(ArticleError::TooLarge { bytes: bytes.len() });
        }
        let text = std::str::from_utf8(bytes).map_err(|source| ArticleError::NotUtf8 {
            valid_up_to: source.valid_up_to(),
            source,
        })?;
        Article::parse(text)
    }

    /// Parses text in the seed's layout.
    pub fn parse(text: &str) -> Result<Article, ArticleError> {
        if text.len() > MAX_ARTICLE_BYTES {
            return Err(ArticleError::TooLarge { bytes: text.len() });
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let nfc = super::unicode::nfc(text);
        let mut lines = nfc
            .lines()
            .map(tidy_line)
            .filter(|l| !l.is_empty())
            .peekable();
        let title = lines.next().ok_or(ArticleError::Empty)?;
        let date = lines.peek().and_then(|l| parse_dateline(l));
        if date.is_some() {
            lines.next();
        }
        let mut rest: Vec<String> = lines.collect();
        let byline = match rest.last() {
            Some(last) if rest.len() > 1 && looks_like_byline(last) => rest.pop(),
            _ => None,
        };
        if rest.is_empty() {
            return Err(ArticleError::NoParagraphs);
        }
        let caption_at = (rest.len() > 2 && !ends_sentence(&rest[1])).then_some(1);
        let paragraphs = rest
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let kind = match i {
                    0 => ParagraphKind::Lead,
                    _ if Some(i) == caption_at => ParagraphKind::Caption,
                    _ => ParagraphKind::Body,
                };
                Paragraph {
                    id: paragraph_id(i, &text),
                    kind,
                    text,
                }
            })
            .collect();
        Ok(Article {
            title,
            date,
            paragraphs,
            byline,
        })
    }

    /// An article from its parts as a host page or a JSON article gives them: the first paragraph is
    /// the lead; texts are normalised (NFC, non-breaking spaces as spaces, trimmed) and empty
    /// paragraphs dropped.
    pub fn from_parts(
        title: &str,
        date: Option<&str>,
        paragraphs: &[String],
        byline: Option<&str>,
    ) -> Result<Article, ArticleError> {
        let tidy = |s: &str| {
            tidy_line(
                &super::unicode::nfc(s)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        let texts: Vec<String> = paragraphs
            .iter()
            .map(|p| tidy(p))
            .filter(|p| !p.is_empty())
            .collect();
        let title = tidy(title);
        let total: usize = title.len() + texts.iter().map(String::len).sum::<usize>();
        if total > MAX_ARTICLE_BYTES {
            return Err(ArticleError::TooLarge { bytes: total });
        }
        if texts.is_empty() {
            return Err(if title.is_empty() {
                ArticleError::Empty
            } else {
                ArticleError::NoParagraphs
            });
        }
        let paragraphs = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Paragraph {
                id: paragraph_id(i, &text),
                kind: if i == 0 {
                    ParagraphKind::Lead
                } else {
                    ParagraphKind::Body
                },
                text,
            })
            .collect();
        let date = date.map(tidy).and_then(|d| parse_dateline(&d));
        let byline = byline.map(tidy).filter(|b| !b.is_empty());
        Ok(Article {
            title,
            date,
            paragraphs,
            byline,
        })
    }

    /// A JSON article: `{"title", "date"?, "lead"?, "paragraphs": [..], "byline"?}`; the lead, when
    /// given, comes before the paragraphs.
    pub fn from_json(text: &str) -> Result<Article, ArticleError> {
        if text.len() > MAX_ARTICLE_BYTES {
            return Err(ArticleError::TooLarge { bytes: text.len() });
        }
        // Read as a `serde_json::Value` first, as the stored notes and imports are, then field by
        // field (`Fields`): no derived decoder, and no typed reader over text, in the wasm.
        let value: serde_json::Value = serde_json::from_str(text).map_err(ArticleError::BadJson)?;
        let shape = |message: String| ArticleError::BadJson(serde::de::Error::custom(message));
        let mut f = Fields::of(value, "the article").map_err(shape)?;
        let title: String = f.take("title").map_err(shape)?;
        let date: Option<String> = f.take_or_default("date").map_err(shape)?;
        let lead: Option<String> = f.take_or_default("lead").map_err(shape)?;
        let body: Vec<String> = f.take("paragraphs").map_err(shape)?;
        let byline: Option<String> = f.take_or_default("byline").map_err(shape)?;
        let mut paragraphs = Vec::with_capacity(body.len() + 1);
        paragraphs.extend(lead);
        paragraphs.extend(body);
        Article::from_parts(&title, date.as_deref(), &paragraphs, byline.as_deref())
    }

    /// Reads an article from bytes: JSON when it looks like JSON (or `json` says so), else the
    /// plain-text layout.
    pub fn from_bytes(bytes: &[u8], json: bool) -> Result<Article, ArticleError> {
        if bytes.len() > MAX_ARTICLE_BYTES {
            return Err(ArticleError::TooLarge { bytes: bytes.len() });
        }
        let text = std::str::from_utf8(bytes).map_err(|source| ArticleError::NotUtf8 {
            valid_up_to: source.valid_up_to(),
            source,
        })?;
        if json || text.trim_start().starts_with('{') {
            Article::from_json(text)
        } else {
            Article::parse(text)
        }
    }

    /// The lead paragraph (the first one).
    pub fn lead(&self) -> Option<&Paragraph> {
        self.paragraphs
            .iter()
            .find(|p| p.kind == ParagraphKind::Lead)
    }

    /// The photo caption, if the article has one.
    pub fn caption(&self) -> Option<&Paragraph> {
        self.paragraphs
            .iter()
            .find(|p| p.kind == ParagraphKind::Caption)
    }

    /// The body paragraphs, without lead and caption.
    pub fn body(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Body)
    }

    /// The article's text as the position selectors count it: the paragraphs (lead, caption and
    /// body) joined by blank lines.
    pub fn text(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(PARAGRAPH_SEPARATOR)
    }

    /// Where each paragraph starts in [`Article::text`], in code points.
    pub fn paragraph_starts(&self) -> Vec<CharIdx> {
        let sep = PARAGRAPH_SEPARATOR.chars().count();
        let mut at = 0;
        self.paragraphs
            .iter()
            .map(|p| {
                let start = at;
                at += p.text.chars().count() + sep;
                start
            })
            .collect()
    }

    /// The target of a note on the whole paragraph `id`: its text as the quote, with the text
    /// around it as context, and its position in [`Article::text`].
    pub fn paragraph_target(&self, id: &str) -> Option<Target> {
        let index = self.paragraphs.iter().position(|p| p.id == id)?;
        let len = self.paragraphs[index].text.chars().count();
        self.target(index, 0, len, false)
    }

    /// The target of a note on a passage of paragraph `id`: code points `start..end` of the
    /// paragraph's text (end exclusive), quoted with the text around it, positioned in
    /// [`Article::text`]. `None` for an unknown paragraph or an empty or out-of-range passage.
    pub fn passage_target(&self, id: &str, start: CharIdx, end: CharIdx) -> Option<Target> {
        let index = self.paragraphs.iter().position(|p| p.id == id)?;
        let len = self.paragraphs[index].text.chars().count();
        if start >= end || end > len {
            return None;
        }
        self.target(index, start, end, true)
    }

    /// The target of code points `start..end` of paragraph `index`. The context is read from the
    /// neighbouring paragraphs only (as [`Article::text`] joins them), never the whole article.
    fn target(&self, index: usize, start: CharIdx, end: CharIdx, passage: bool) -> Option<Target> {
        let paragraph = self.paragraphs.get(index)?;
        let chars: Vec<char> = paragraph.text.chars().collect();
        // Up to CONTEXT_CHARS code points before: this paragraph, then earlier ones, back to front.
        let mut before: Vec<char> = chars[..start]
            .iter()
            .rev()
            .take(CONTEXT_CHARS)
            .copied()
            .collect();
        for p in self.paragraphs[..index].iter().rev() {
            if before.len() >= CONTEXT_CHARS {
                break;
            }
            before.extend(
                PARAGRAPH_SEPARATOR
                    .chars()
                    .rev()
                    .chain(p.text.chars().rev())
                    .take(CONTEXT_CHARS - before.len()),
            );
        }
        let mut after: Vec<char> = chars[end..].iter().take(CONTEXT_CHARS).copied().collect();
        for p in &self.paragraphs[index + 1..] {
            if after.len() >= CONTEXT_CHARS {
                break;
            }
            after.extend(
                PARAGRAPH_SEPARATOR
                    .chars()
                    .chain(p.text.chars())
                    .take(CONTEXT_CHARS - after.len()),
            );
        }
        // Where the paragraph starts: the paragraphs before it, not the whole article, counted.
        let sep = PARAGRAPH_SEPARATOR.chars().count();
        let base: CharIdx = self.paragraphs[..index]
            .iter()
            .map(|p| p.text.chars().count() + sep)
            .sum();
        Some(Target {
            paragraph: paragraph.id.clone(),
            passage,
            quote: TextQuote {
                exact: chars[start..end].iter().collect(),
                prefix: before.iter().rev().collect(),
                suffix: after.iter().collect(),
            },
            position: TextPosition {
                start: base + start,
                end: base + end,
            },
        })
    }

    /// A stable id for the article: a hash of its title and first paragraph.
    pub fn derived_id(&self) -> String {
        let first = self.paragraphs.first().map_or("", |p| p.text.as_str());
        format!(
            "a-{:08x}",
            fnv1a32(format!("{}\n{}", self.title, first).as_bytes())
        )
    }
}

/// Paragraph id from position and content: `p{index}-{fnv1a32 of the NFC text, hex}`.
pub fn paragraph_id(index: usize, nfc_text: &str) -> String {
    format!("p{index}-{:08x}", fnv1a32(nfc_text.as_bytes()))
}

/// Trims a line and makes its non-breaking spaces plain spaces.
fn tidy_line(line: &str) -> String {
    let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    // One code point for one: positions in the paragraph are the same before and after.
    line.replace(['\u{a0}', '\u{202f}', '\u{2007}'], " ")
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '\'', '’', ')', '»'])
        .ends_with(['.', '!', '?', '…', ':', ';'])
}

/// A byline: short, in capitals, without closing punctuation ("HOÀNG BIÊN", "MINH HÀ - TUẤN ANH").
fn looks_like_byline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let letters = line.chars().filter(|c| c.is_alphabetic());
    (1..=8).contains(&words)
        && line.chars().any(char::is_alphabetic)
        && letters.clone().all(|c| !c.is_lowercase())
        && !line.ends_with('.')
}

/// Reads "THỨ SÁU, 03/07/2020 19:09:13", "03/07/2020", "3/7/2020 9:05" and the like.
fn parse_dateline(line: &str) -> Option<ArticleDate> {
    if line.chars().count() > 60 {
        return None;
    }
    let mut date = None;
    let mut time = None;
    for word in line.split(|c: char| c.is_whitespace() || c == ',' || c == '|') {
        let word = word.trim_matches(|c: char| !c.is_ascii_digit());
        let nums: Vec<&str> = word.split('/').collect();
        if nums.len() == 3 && date.is_none() {
            let (d, m, y) = (
                nums[0].parse::<u8>().ok()?,
                nums[1].parse::<u8>().ok()?,
                nums[2].parse::<u16>().ok()?,
            );
            if !(1..=31).contains(&d) || !(1..=12).contains(&m) || !(1900..=2999).contains(&y) {
                return None;
            }
            date = Some((y, m, d));
            continue;
        }
        let parts: Vec<&str> = word.split(':').collect();
        if (2..=3).contains(&parts.len()) && date.is_some() {
            let h = parts[0].parse::<u8>().ok().filter(|h| *h < 24)?;
            let m = parts[1].parse::<u8>().ok().filter(|m| *m < 60)?;
            let s = parts
                .get(2)
                .map_or(Some(0), |s| s.parse::<u8>().ok().filter(|s| *s < 61))?;
            time = Some((h, m, s));
        }
    }
    let (year, month, day) = date?;
    Some(ArticleDate {
        raw: line.to_owned(),
        year,
        month,
        day,
        time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_article_parts() {
        let a = Article::parse(SEED_ARTICLE).expect("seed parses");
        assert_eq!(
            a.title,
            "Tổ chức Đại hội Đảng bộ cấp trên cơ sở với chất lượng cao hơn"
        );
        let date = a.date.as_ref().expect("dateline");
        assert_eq!(date.iso(), "2020-07-03T19:09:13");
        assert_eq!(date.raw, "THỨ SÁU, 03/07/2020 19:09:13");
        assert!(a
            .lead()
            .expect("lead")
            .text
            .starts_with("Đồng chí Phó Bí thư Thường trực"));
        assert!(a
            .caption()
            .expect("caption")
            .text
            .ends_with("lãnh đạo các ban xây dựng Đảng"));
        assert_eq!(a.body().count(), 4);
        assert_eq!(a.byline.as_deref(), Some("HOÀNG BIÊN"));
        assert_eq!(a.paragraphs.len(), 6);
    }

    #[test]
    fn paragraph_ids_are_stable_and_unique() {
        let a = Article::parse(SEED_ARTICLE).expect("seed parses");
        let b = Article::parse(SEED_ARTICLE).expect("seed parses");
        assert_eq!(a.paragraphs, b.paragraphs);
        let mut ids: Vec<&str> = a.paragraphs.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), a.paragraphs.len());
        assert!(a.paragraphs[2].id.starts_with("p2-"));
    }

    #[test]
    fn paragraph_targets_quote_the_article_text() {
        let a = Article::parse(SEED_ARTICLE).expect("seed parses");
        let text: Vec<char> = a.text().chars().collect();
        for p in &a.paragraphs {
            let t = a.paragraph_target(&p.id).expect("target");
            let quoted: String = text[t.position.start..t.position.end].iter().collect();
            assert_eq!(quoted, p.text);
            assert_eq!(t.quote.exact, p.text);
            assert!(
                t.quote.prefix.chars().count() <= CONTEXT_CHARS
                    && t.quote.suffix.chars().count() <= CONTEXT_CHARS
            );
        }
        let second = a.paragraph_target(&a.paragraphs[1].id).expect("target");
        assert!(
            second.quote.prefix.ends_with("XVII.\n\n"),
            "{:?}",
            second.quote.prefix
        );
        assert!(a.paragraph_target("p99-nothing").is_none());
    }

    #[test]
    fn targets_agree_with_the_whole_text() {
        // Short paragraphs too, so that context reaches across several of them.
        let a = Article::parse(
            "Tiêu đề\n\nA.\n\nB b.\n\nMột đoạn dài hơn để thử ngữ cảnh.\n\nC.\n\nD.",
        )
        .expect("parses");
        let text: Vec<char> = a.text().chars().collect();
        for p in &a.paragraphs {
            let len = p.text.chars().count();
            for (s, e) in [(0, len), (0, 1), (len - 1, len)] {
                let t = a.passage_target(&p.id, s, e).expect("target");
                let (ts, te) = (t.position.start, t.position.end);
                assert_eq!(t.quote.exact, text[ts..te].iter().collect::<String>());
                assert_eq!(
                    t.quote.prefix,
                    text[ts.saturating_sub(CONTEXT_CHARS)..ts]
                        .iter()
                        .collect::<String>(),
                    "{} {s}",
                    p.id
                );
                assert_eq!(
                    t.quote.suffix,
                    text[te..(te + CONTEXT_CHARS).min(text.len())]
                        .iter()
                        .collect::<String>(),
                    "{} {e}",
                    p.id
                );
            }
        }
    }

    #[test]
    fn passage_targets_table() {
        let a = Article::parse(SEED_ARTICLE).expect("seed");
        let p = &a.paragraphs[2];
        let t = a.passage_target(&p.id, 0, 9).expect("target");
        assert_eq!((t.quote.exact.as_str(), t.passage), ("Chiều 3.7", true));
        assert_eq!(t.position.start, a.paragraph_starts()[2]);
        assert!(t.quote.prefix.ends_with("\n\n") && t.quote.suffix.starts_with(", đồng chí"));
        for (s, e) in [(5, 5), (9, 3), (0, 100_000)] {
            assert!(a.passage_target(&p.id, s, e).is_none(), "{s}..{e}");
        }
        assert!(a.passage_target("nope", 0, 1).is_none());
    }

    #[test]
    fn nfd_input_is_normalised() {
        let nfd = crate::core::unicode::nfd(SEED_ARTICLE);
        let a = Article::parse(&nfd).expect("parses");
        let b = Article::parse(SEED_ARTICLE).expect("parses");
        assert_eq!(a, b, "NFD and NFC give the same model and ids");
    }

    #[test]
    fn error_table() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "empty"),
            (b"  \n\n \n", "empty"),
            (
                "Ti\u{ea}u \u{111}\u{1ec1}\n\nTH\u{1ee8} S\u{c1}U, 03/07/2020".as_bytes(),
                "no paragraphs",
            ),
            (b"Title\n\n\xff\xfe broken", "not valid UTF-8"),
        ];
        for (input, want) in cases {
            let err = Article::parse_bytes(input).expect_err("must fail");
            assert!(err.to_string().contains(want), "{err} should say {want}");
        }
        let big = vec![b'a'; MAX_ARTICLE_BYTES + 1];
        assert!(matches!(
            Article::parse_bytes(&big),
            Err(ArticleError::TooLarge { .. })
        ));
    }

    #[test]
    fn layout_without_date_caption_or_byline() {
        let a = Article::parse("Tiêu đề\n\nĐoạn mở đầu.\n\nĐoạn hai.").expect("parses");
        assert!(a.date.is_none() && a.byline.is_none() && a.caption().is_none());
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn json_and_parts_table() {
        let ok = r#"{"title":"Tiêu đề","date":"03/07/2020 19:09","lead":"Mở đầu.","paragraphs":["Một.","  ","Hai\u00a0ba."],"byline":"PV"}"#;
        let a = Article::from_json(ok).expect("parses");
        assert_eq!(
            a.paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>(),
            ["Mở đầu.", "Một.", "Hai ba."]
        );
        assert_eq!(a.lead().map(|p| p.text.as_str()), Some("Mở đầu."));
        assert_eq!(
            a.date.as_ref().map(ArticleDate::iso).as_deref(),
            Some("2020-07-03T19:09:00")
        );
        assert_eq!(a.byline.as_deref(), Some("PV"));
        let cases: &[(&str, &str)] = &[
            (r#"{"title":"T","paragraphs":[]}"#, "no paragraphs"),
            (r#"{"title":"","paragraphs":[" "]}"#, "empty"),
            (r#"{"paragraphs":["a"]}"#, "expected shape"),
            (r#"[1,2]"#, "expected shape"),
        ];
        for (input, want) in cases {
            let err = Article::from_json(input).expect_err(input);
            assert!(err.to_string().contains(want), "{input}: {err}");
        }
        assert!(
            Article::from_bytes(ok.as_bytes(), false).is_ok(),
            "JSON is recognised by its look"
        );
        assert!(Article::from_bytes(SEED_ARTICLE.as_bytes(), false).is_ok());
        assert!(matches!(
            Article::from_bytes(b"T\n\n\xff", false),
            Err(ArticleError::NotUtf8 { .. })
        ));
    }

    #[test]
    fn dateline_table() {
        for (line, iso) in [
            ("THỨ SÁU, 03/07/2020 19:09:13", Some("2020-07-03T19:09:13")),
            ("Thứ hai, 1/6/2020, 9:05", Some("2020-06-01T09:05:00")),
            ("03/07/2020", Some("2020-07-03")),
            ("45/07/2020", None),
            ("Chiều 3.7, đồng chí Phạm Xuân Thăng chủ trì", None),
        ] {
            assert_eq!(
                parse_dateline(line).map(|d| d.iso()).as_deref(),
                iso,
                "{line}"
            );
        }
    }
}
