//! Notes at scale (`cargo bench --no-default-features --bench notes`): building a paragraph's
//! render segments, re-anchoring 5,000 notes after an edit, and the storage envelope of 5,000
//! notes (encode and decode).

use article_annotator::core::anchor::reanchor;
use article_annotator::core::article::{Article, SEED_ARTICLE};
use article_annotator::core::notes::{
    Note, NoteId, Notes, Target, TextPosition, TextQuote, Timestamp, CONTEXT_CHARS,
};
use article_annotator::core::recognize::Recognizer;
use article_annotator::core::segments::{segments, NoteRange};
use article_annotator::core::storage::{decode, Envelope};
use criterion::{criterion_group, criterion_main, Criterion};

/// About 1 MB: the seed's paragraphs repeated, as one long article.
fn big_article() -> Article {
    let seed = Article::parse(SEED_ARTICLE).expect("seed");
    let body: Vec<String> = (0..300)
        .flat_map(|_| seed.paragraphs.iter().map(|p| p.text.clone()))
        .collect();
    Article::from_parts(&seed.title, None, &body, None).expect("article")
}

/// `n` passage notes spread over the article, with their selectors.
fn notes(a: &Article, n: usize) -> Notes {
    let text: Vec<char> = a.text().chars().collect();
    let starts = a.paragraph_starts();
    let notes = (0..n)
        .map(|i| {
            let p = (i * 7) % a.paragraphs.len();
            let len = a.paragraphs[p].text.chars().count();
            let s = starts[p] + (i * 13) % len.saturating_sub(40).max(1);
            let e = (s + 30).min(starts[p] + len);
            Note {
                id: NoteId::from_random_bytes((i as u128).to_le_bytes()),
                target: Target {
                    paragraph: a.paragraphs[p].id.clone(),
                    passage: true,
                    quote: TextQuote {
                        exact: text[s..e].iter().collect(),
                        prefix: text[s.saturating_sub(CONTEXT_CHARS)..s].iter().collect(),
                        suffix: text[e..(e + CONTEXT_CHARS).min(text.len())]
                            .iter()
                            .collect(),
                    },
                    position: TextPosition { start: s, end: e },
                },
                text: format!("ghi chú số {i}"),
                tags: vec![],
                created: Timestamp(i as u64),
                modified: Timestamp(i as u64),
                orphan: false,
                color: None,
            }
        })
        .map(std::rc::Rc::new)
        .collect();
    Notes {
        notes,
        deleted: vec![],
    }
}

fn bench(c: &mut Criterion) {
    let article = big_article();
    let many = notes(&article, 5000);
    // An edit near the top: a sentence inserted in the second paragraph shifts everything after.
    let mut edited_paragraphs: Vec<String> =
        article.paragraphs.iter().map(|p| p.text.clone()).collect();
    edited_paragraphs[1].insert_str(0, "Câu mới được biên tập viên thêm vào. ");
    let edited =
        Article::from_parts(&article.title, None, &edited_paragraphs, None).expect("edited");
    c.bench_function("reanchor 5000 notes after an edit (1 MB article)", |b| {
        b.iter(|| reanchor(&many, &edited))
    });

    let env = Envelope::new("bench", &many, Timestamp(0))
        .encode()
        .expect("encodes");
    println!("envelope of 5000 notes: {} bytes", env.len());
    c.bench_function("storage encode 5000 notes", |b| {
        b.iter(|| Envelope::new("bench", &many, Timestamp(0)).encode())
    });
    c.bench_function("storage decode 5000 notes", |b| b.iter(|| decode(&env)));

    let seed = Article::parse(SEED_ARTICLE).expect("seed");
    let texts: Vec<&str> = seed.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let rec = Recognizer::default().recognize(&texts);
    let longest = (0..texts.len())
        .max_by_key(|&i| texts[i].len())
        .unwrap_or(0);
    let ranges: Vec<NoteRange> = (0..20)
        .map(|i| NoteRange {
            start_byte: i * 40,
            end_byte: i * 40 + 120,
            note_id: "n",
            color: None,
        })
        .filter(|r| {
            texts[longest].is_char_boundary(r.start_byte)
                && texts[longest].is_char_boundary(r.end_byte)
        })
        .collect();
    c.bench_function(
        "segments of the longest seed paragraph with 20 notes",
        |b| b.iter(|| segments(texts[longest], &rec.mentions[longest], &ranges)),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
