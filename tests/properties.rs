//! Properties over generated inputs (proptest): an export imported again is the same notes, in
//! both formats; anchoring a note in the unedited article puts it exactly where it was; a host
//! block's text does not depend on how its text nodes cut it, and every character's DOM span
//! leads back to it.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::core::anchor::{anchor, reanchor, Anchoring, Folded};
use article_annotator::core::article::{Article, SEED_ARTICLE};
use article_annotator::core::export::{ExportArticle, NativeExport};
use article_annotator::core::host::{BlockText, Piece, PiecePoint};
use article_annotator::core::import::import;
use article_annotator::core::notes::{
    clean_tags, Note, NoteColor, NoteId, Notes, Target, Timestamp,
};
use article_annotator::core::w3c::to_w3c_json;
use proptest::prelude::*;

fn seed() -> Article {
    Article::parse(SEED_ARTICLE).expect("seed")
}

/// A passage of the article: paragraph index, start and length in code points within it.
fn passage(a: &Article, p: usize, start: usize, len: usize) -> Target {
    let p = p % a.paragraphs.len();
    let plen = a.paragraphs[p].text.chars().count();
    let s = start % plen;
    let e = (s + 1 + len % 80).min(plen);
    a.passage_target(&a.paragraphs[p].id, s, e)
        .expect("a passage inside the paragraph")
}

prop_compose! {
    fn a_note()(bytes in any::<[u8; 16]>(), p in 0usize..10, start in 0usize..2000, len in 0usize..200,
                text in "\\PC{1,80}", tags in proptest::collection::vec("[a-zà-ỹ ]{1,12}", 0..3),
                created in 0u64..4_000_000_000_000, later in 0u64..1_000_000_000,
                color in proptest::option::of(proptest::sample::select(NoteColor::ALL.to_vec()))) -> Note {
        let a = seed();
        let text = if text.trim().is_empty() { "ghi chú".to_owned() } else { text.trim().to_owned() };
        Note {
            id: NoteId::from_random_bytes(bytes),
            target: passage(&a, p, start, len),
            text,
            tags: clean_tags(&tags).expect("few short tags"),
            created: Timestamp(created),
            modified: Timestamp(created + later),
            orphan: false,
            color,
        }
    }
}

proptest! {
    // A fixed seed keeps CI deterministic; failures found while exploring (set PROPTEST_RNG_SEED
    // or change this seed) are kept in tests/properties.proptest-regressions and replayed.
    #![proptest_config(ProptestConfig { cases: 64, rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_128), ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_is_the_identity(notes in proptest::collection::vec(a_note(), 0..8)) {
        let a = seed();
        let mut notes = notes;
        notes.sort_by_key(|n| n.id);
        notes.dedup_by_key(|n| n.id);
        let export = NativeExport::new(ExportArticle { id: a.derived_id(), title: a.title.clone(), source: None }, notes.clone(), Timestamp(1));
        for text in [export.to_json().expect("encodes"), to_w3c_json(&export, "vi", None).expect("encodes")] {
            let (merged, report) = import(&Notes::default(), &text, &a, Timestamp(0)).expect("imports");
            prop_assert_eq!(report.added, notes.len());
            prop_assert!(report.errors.is_empty(), "{:?}", report.errors);
            prop_assert_eq!(&merged.notes.iter().map(|n| Note::clone(n)).collect::<Vec<_>>(), &notes);
        }
    }

    #[test]
    fn anchoring_an_unedited_article_is_exact(p in 0usize..10, start in 0usize..2000, len in 0usize..200) {
        let a = seed();
        let t = passage(&a, p, start, len);
        let got = anchor(&Folded::new(&a.text()), &t.quote, t.position);
        prop_assert_eq!(got, Anchoring::Placed { start: t.position.start, end: t.position.end, exact: true });
        let note = Note { id: NoteId::from_random_bytes([1; 16]), target: t, text: "x".into(), tags: vec![], created: Timestamp(0), modified: Timestamp(0), orphan: false, color: None };
        let notes = Notes { notes: vec![note.into()], deleted: vec![] };
        prop_assert_eq!(reanchor(&notes, &a), notes);
    }

    #[test]
    fn block_text_is_the_same_however_text_nodes_cut_it(
        text in "[a-zA-Z0-9 ,.ăâđêôơưàáảãạắằẳẵặĐƠỦỨ\u{300}\u{301}\u{303}\u{309}\u{323}\u{a0}\n𝐀😀]{0,40}",
        cuts in proptest::collection::vec(0usize..60, 0..6),
    ) {
        let chars: Vec<char> = text.chars().collect();
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (chars.len() + 1)).collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut pieces_text = Vec::new();
        let mut from = 0;
        for c in cuts.into_iter().chain([chars.len()]) {
            pieces_text.push(chars[from..c].iter().collect::<String>());
            from = c;
        }
        let pieces: Vec<Piece> = pieces_text.iter().map(|t| Piece::Text(t)).collect();
        let block = BlockText::new(&pieces);
        // What Article::from_parts makes of the whole text: NFC, white space collapsed, trimmed.
        let whole = article_annotator::core::unicode::nfc(&text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        prop_assert_eq!(block.text(), whole.as_str());
        for i in 0..block.len() {
            let spans = block.spans(i, i + 1);
            let (first, last) = (spans.first(), spans.last());
            prop_assert!(first.is_some(), "character {} has a DOM span", i);
            if let (Some(first), Some(last)) = (first, last) {
                let start = block.offset_at(PiecePoint { piece: first.piece, utf16: first.start_utf16 });
                let end = block.offset_at(PiecePoint { piece: last.piece, utf16: last.end_utf16 });
                prop_assert!(start <= i && i < end, "{}: {}..{}", i, start, end);
            }
        }
    }
}
