//! Table-driven tests of the host article's text model: texts, spans and points with Vietnamese
//! NFC and NFD text, astral characters, pieces split mid-word, white space and `<br>`.

use super::*;
use crate::core::unicode::nfd;
use Piece::{Break, Text};

/// The pieces of each fixture: `(name, pieces, expected text)`.
fn fixtures() -> Vec<(&'static str, Vec<String>, &'static str)> {
    // Break pieces are written as the string "<br>".
    let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    vec![
        (
            "links and strong",
            owned(&[
                "Đồng chí ",
                "Nguyễn Văn A",
                ", ",
                "Bí thư Tỉnh ủy",
                " phát biểu.",
            ]),
            "Đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy phát biểu.",
        ),
        (
            "split mid-word",
            owned(&["Ủy ban nhân dân tỉ", "nh Hải Dương"]),
            "Ủy ban nhân dân tỉnh Hải Dương",
        ),
        (
            "NFD",
            vec![nfd("Chủ tịch UBND tỉnh"), " và ".to_owned(), nfd("Sở Y tế")],
            "Chủ tịch UBND tỉnh và Sở Y tế",
        ),
        (
            "mark split from its letter",
            owned(&["Chu", "\u{309} tịch nước"]),
            "Chủ tịch nước",
        ),
        (
            "astral",
            owned(&["𝐀𝐁 Bộ Công an 😀 và ", "Tòa án"]),
            "𝐀𝐁 Bộ Công an 😀 và Tòa án",
        ),
        (
            "white space, br, invisible",
            owned(&["\n   Sở\u{a0}\u{a0}Y tế", "<br>", "Hà Nội\u{200b}", "  \n"]),
            "Sở Y tế Hà Nội",
        ),
        ("only white space", owned(&[" \n", "<br>", "\u{a0}"]), ""),
    ]
}

fn pieces(raw: &[String]) -> Vec<Piece<'_>> {
    raw.iter()
        .map(|s| if s == "<br>" { Break } else { Text(s) })
        .collect()
}

fn fixture(name: &str) -> (Vec<String>, BlockText) {
    let (_, raw, _) = fixtures()
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .expect("fixture");
    let block = BlockText::new(&pieces(&raw));
    (raw, block)
}

/// Code points of the first `needle` in the block's text.
#[track_caller]
fn find(block: &BlockText, needle: &str) -> (CharIdx, CharIdx) {
    let byte = block.text().find(needle).expect("needle in the text");
    let start = block.text()[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// The DOM text a list of spans covers, joined (a line break where a `<br>` lies between two).
fn covered(raw: &[String], spans: &[PieceSpan]) -> String {
    let mut out = String::new();
    let mut last = None;
    for s in spans {
        if last.is_some_and(|l: usize| raw[l + 1..s.piece].iter().any(|p| p == "<br>")) {
            out.push('\n');
        }
        let units: Vec<u16> = raw[s.piece].encode_utf16().collect();
        out += &String::from_utf16(&units[s.start_utf16..s.end_utf16]).expect("whole characters");
        last = Some(s.piece);
    }
    out
}

#[test]
fn texts_table() {
    for (name, raw, want) in fixtures() {
        let block = BlockText::new(&pieces(&raw));
        assert_eq!(block.text(), want, "{name}");
        assert_eq!(block.len(), want.chars().count(), "{name}");
        assert_eq!(block.is_empty(), want.is_empty(), "{name}");
    }
}

#[test]
fn spans_table() {
    let span = |piece, start_utf16, end_utf16| PieceSpan {
        piece,
        start_utf16,
        end_utf16,
    };
    let cases: Vec<(&str, &str, Vec<PieceSpan>)> = vec![
        ("links and strong", "Bí thư Tỉnh ủy", vec![span(3, 0, 14)]),
        (
            "links and strong",
            "Nguyễn Văn A, Bí",
            vec![span(1, 0, 12), span(2, 0, 2), span(3, 0, 2)],
        ),
        (
            "split mid-word",
            "tỉnh",
            vec![span(0, 16, 18), span(1, 0, 2)],
        ),
        ("NFD", "UBND", vec![span(0, 11, 15)]),
        ("NFD", "tỉnh", vec![span(0, 16, 21)]),
        ("NFD", "Sở Y tế", vec![span(2, 0, 11)]),
        (
            "mark split from its letter",
            "Chủ",
            vec![span(0, 0, 3), span(1, 0, 1)],
        ),
        ("astral", "Bộ Công an", vec![span(0, 5, 15)]),
        ("astral", "😀", vec![span(0, 16, 18)]),
        ("astral", "Tòa án", vec![span(1, 0, 6)]),
        ("white space, br, invisible", "Y tế", vec![span(0, 8, 12)]),
        (
            "white space, br, invisible",
            "tế Hà",
            vec![span(0, 10, 12), span(2, 0, 2)],
        ),
        ("white space, br, invisible", "Sở Y", vec![span(0, 4, 9)]),
    ];
    for (name, needle, want) in cases {
        let (raw, block) = fixture(name);
        let (start, end) = find(&block, needle);
        let got = block.spans(start, end);
        assert_eq!(got, want, "{name}: {needle}");
        // What the DOM shows there reads, once normalised as blocks are, as the passage.
        let shown = BlockText::new(&[Text(&covered(&raw, &got))]);
        assert_eq!(shown.text(), needle, "{name}: {needle}");
    }
}

#[test]
fn empty_and_out_of_range_spans() {
    let (_, block) = fixture("links and strong");
    let len = block.len();
    for (start, end) in [(3, 3), (5, 2), (0, len + 1), (len, len + 2)] {
        assert!(block.spans(start, end).is_empty(), "{start}..{end}");
    }
    assert!(BlockText::new(&[]).spans(0, 1).is_empty());
    assert_eq!(
        BlockText::new(&[]).offset_at(PiecePoint { piece: 0, utf16: 0 }),
        0
    );
}

#[test]
fn points_table() {
    let at = |piece, utf16| PiecePoint { piece, utf16 };
    let cases = [
        ("links and strong", at(0, 0), 0),
        ("links and strong", at(0, 9), 9),
        ("links and strong", at(1, 0), 9),
        ("links and strong", at(2, 1), 22),
        ("links and strong", at(3, 0), 23),
        ("links and strong", at(4, 11), 48),
        ("links and strong", at(9, 0), 48),
        // Between "u" and its tone mark (NFD): the boundary before the composed letter.
        ("NFD", at(0, 3), 2),
        ("NFD", at(0, 4), 3),
        ("mark split from its letter", at(1, 0), 2),
        ("mark split from its letter", at(1, 1), 3),
        // Between the two halves of a surrogate pair: the boundary before the character.
        ("astral", at(0, 1), 0),
        ("astral", at(0, 2), 1),
        ("astral", at(0, 17), 14),
        // Inside collapsed white space, in trimmed white space, after the last character.
        ("white space, br, invisible", at(0, 0), 0),
        ("white space, br, invisible", at(0, 3), 0),
        ("white space, br, invisible", at(0, 7), 2),
        ("white space, br, invisible", at(0, 9), 4),
        ("white space, br, invisible", at(0, 12), 7),
        // The space a <br> stands for has no width in the DOM: it lies before the point.
        ("white space, br, invisible", at(1, 0), 8),
        ("white space, br, invisible", at(2, 6), 14),
        ("white space, br, invisible", at(3, 2), 14),
    ];
    for (name, point, want) in cases {
        let (_, block) = fixture(name);
        assert_eq!(block.offset_at(point), want, "{name}: {point:?}");
    }
}

/// Every character's spans lead back to it: its start point to its index, its end point to the
/// index after it.
#[test]
fn spans_and_points_round_trip() {
    for (name, raw, _) in fixtures() {
        let block = BlockText::new(&pieces(&raw));
        let mut checked = 0;
        for i in 0..block.len() {
            let spans = block.spans(i, i + 1);
            let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
                // Only white space standing for a <br> alone has no text node behind it.
                assert_eq!(block.text().chars().nth(i), Some(' '), "{name} {i}");
                continue;
            };
            let start = PiecePoint {
                piece: first.piece,
                utf16: first.start_utf16,
            };
            let end = PiecePoint {
                piece: last.piece,
                utf16: last.end_utf16,
            };
            assert_eq!(block.offset_at(start), i, "{name}: start of {i}");
            assert_eq!(block.offset_at(end), i + 1, "{name}: end of {i}");
            checked += 1;
        }
        assert!(
            checked + 1 >= block.len(),
            "{name}: {checked} of {}",
            block.len()
        );
    }
}

fn text(s: &str) -> BlockText {
    BlockText::new(&[Text(s)])
}

#[test]
fn host_article_ids_kinds_and_title() {
    let blocks = vec![
        (BlockRole::Heading, text("Tiểu mục")),
        (
            BlockRole::Text,
            text("Sáng 8.7, HĐND tỉnh khai mạc kỳ họp."),
        ),
        (BlockRole::Caption, text("Quang cảnh kỳ họp.")),
        (BlockRole::Text, text(" \u{a0} ")),
        (BlockRole::Text, text("Đoạn  hai.")),
    ];
    let host = HostArticle::new(
        Some(text(" Khai mạc  kỳ họp ")),
        Some("Khác"),
        blocks.clone(),
    );
    assert_eq!(host.title, "Khai mạc kỳ họp", "the h1 first");
    let kinds: Vec<_> = host.blocks.iter().map(|b| (b.source, b.kind)).collect();
    assert_eq!(
        kinds,
        [
            (0, ParagraphKind::Body),
            (1, ParagraphKind::Lead),
            (2, ParagraphKind::Caption),
            (4, ParagraphKind::Body),
        ],
        "the empty block is left out; sources map back to the elements"
    );
    for (i, b) in host.blocks.iter().enumerate() {
        assert_eq!(b.id, paragraph_id(i, b.text.text()));
    }
    let article = host.article(Some("08/07/2020 08:30")).expect("article");
    assert_eq!(article.title, host.title);
    assert_eq!(
        article.date.as_ref().map(|d| d.iso()).as_deref(),
        Some("2020-07-08T08:30:00")
    );
    let from_blocks: Vec<_> = host
        .blocks
        .iter()
        .map(|b| (b.id.as_str(), b.kind, b.text.text()))
        .collect();
    let from_article: Vec<_> = article
        .paragraphs
        .iter()
        .map(|p| (p.id.as_str(), p.kind, p.text.as_str()))
        .collect();
    assert_eq!(from_article, from_blocks);
    assert_eq!(host.position(&host.blocks[3].id), Some(3));

    let by_attribute = HostArticle::new(None, Some("  Tiêu đề\n riêng "), blocks.clone());
    assert_eq!(by_attribute.title, "Tiêu đề riêng");
    assert!(by_attribute.heading.is_none());
    assert_eq!(HostArticle::new(Some(text(" ")), None, blocks).title, "");
}

#[test]
fn ids_are_stable_and_match_the_rendered_mode() {
    let texts = ["Đoạn một.", "Đoạn hai.", "Đoạn ba."];
    let blocks = |n: usize| {
        texts[..n]
            .iter()
            .map(|t| (BlockRole::Text, text(t)))
            .collect::<Vec<_>>()
    };
    let two = HostArticle::new(None, Some("T"), blocks(2));
    let three = HostArticle::new(None, Some("T"), blocks(3));
    assert_eq!(
        two,
        HostArticle::new(None, Some("T"), blocks(2)),
        "same markup, same ids"
    );
    assert_eq!(
        two.blocks[..],
        three.blocks[..2],
        "an appended block keeps earlier ids"
    );
    let rendered = Article::from_parts("T", None, &texts.map(String::from), None).expect("parts");
    let ids: Vec<_> = three.blocks.iter().map(|b| b.id.as_str()).collect();
    let rendered_ids: Vec<_> = rendered.paragraphs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, rendered_ids);
    // NFD markup gives the NFC text and the same ids.
    let nfd_blocks = texts
        .iter()
        .map(|t| (BlockRole::Text, text(&nfd(t))))
        .collect();
    let from_nfd = HostArticle::new(None, Some("T"), nfd_blocks);
    let ids_texts = |h: &HostArticle| {
        h.blocks
            .iter()
            .map(|b| (b.id.clone(), b.text.text().to_owned()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids_texts(&from_nfd), ids_texts(&three));
}

#[test]
fn no_text_is_an_error() {
    let host = HostArticle::new(None, None, vec![(BlockRole::Text, text("  "))]);
    assert!(host.blocks.is_empty());
    assert!(matches!(host.article(None), Err(ArticleError::Empty)));
    let titled = HostArticle::new(Some(text("Tiêu đề")), None, Vec::new());
    assert!(matches!(
        titled.article(None),
        Err(ArticleError::NoParagraphs)
    ));
}

#[test]
fn block_roles_table() {
    for (tag, role) in [
        ("H2", BlockRole::Heading),
        ("h6", BlockRole::Heading),
        ("figcaption", BlockRole::Caption),
        ("p", BlockRole::Text),
        ("LI", BlockRole::Text),
        ("td", BlockRole::Text),
    ] {
        assert_eq!(BlockRole::of_tag(tag), role, "{tag}");
    }
}

#[test]
fn highlight_names_table() {
    let entity = |label, chosen| Highlight::Entity {
        label,
        entity: "e1",
        chosen,
    };
    let note = |color| Highlight::Note { id: "n1", color };
    let name = |i: usize| HIGHLIGHT_NAMES[i];
    let cases = [
        (entity(Label::Official, false), "aa-official", None),
        (entity(Label::Title, false), "aa-title", None),
        (entity(Label::Body, true), "aa-body", Some("aa-chosen")),
        (note(None), "aa-note", None),
        (
            note(Some(NoteColor::Green)),
            "aa-note",
            Some("aa-note-green"),
        ),
        (
            note(Some(NoteColor::Purple)),
            "aa-note",
            Some("aa-note-purple"),
        ),
    ];
    for (h, kind, extra) in cases {
        let (k, e) = h.names();
        assert_eq!((name(k), e.map(name)), (kind, extra), "{h:?}");
    }
    for c in NoteColor::ALL {
        let want = format!("aa-note-{}", c.as_str());
        assert!(HIGHLIGHT_NAMES.contains(&want.as_str()), "{want}");
    }
}

#[test]
fn cuts_table() {
    let official = Highlight::Entity {
        label: Label::Official,
        entity: "e1",
        chosen: false,
    };
    let body = Highlight::Entity {
        label: Label::Body,
        entity: "e2",
        chosen: true,
    };
    let n1 = Highlight::Note {
        id: "n1",
        color: None,
    };
    let n2 = Highlight::Note {
        id: "n2",
        color: Some(NoteColor::Pink),
    };
    let range = |block, start, end, highlight| HighlightRange {
        region: Region::Block(block),
        start,
        end,
        highlight,
    };
    let ranges = [
        range(0, 0, 5, official),
        range(0, 8, 12, body),
        range(0, 3, 10, n1),
        range(0, 9, 14, n2),
        range(1, 0, 4, official),
        range(0, 20, 20, n1),
        HighlightRange {
            region: Region::Title,
            start: 2,
            end: 6,
            highlight: n2,
        },
    ];
    let c = |start, end, entity, notes: &[Highlight<'static>]| Cut {
        start,
        end,
        entity,
        notes: notes.to_vec(),
    };
    assert_eq!(
        cut(&ranges),
        [
            (Region::Title, vec![c(2, 6, None, &[n2])]),
            (
                Region::Block(0),
                vec![
                    c(0, 3, Some(official), &[]),
                    c(3, 5, Some(official), &[n1]),
                    c(5, 8, None, &[n1]),
                    c(8, 9, Some(body), &[n1]),
                    c(9, 10, Some(body), &[n1, n2]),
                    c(10, 12, Some(body), &[n2]),
                    c(12, 14, None, &[n2]),
                ]
            ),
            (Region::Block(1), vec![c(0, 4, Some(official), &[])]),
        ],
        "regions in order, the empty range left out"
    );
    assert!(cut(&[]).is_empty());
}
