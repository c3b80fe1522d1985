//! Notes at scale (`cargo bench --no-default-features --bench notes`): building a paragraph's
//! render segments, re-anchoring 5,000 notes after an edit, the storage envelope of 5,000
//! notes (encode and decode), and a first sync pull of 5,000 notes (50 `_changes` pages read by
//! the replicator and merged into the notes).

use article_annotator::core::anchor::reanchor;
use article_annotator::core::article::{Article, SEED_ARTICLE};
use article_annotator::core::notes::{
    Note, NoteId, Notes, Target, TextPosition, TextQuote, Timestamp, CONTEXT_CHARS,
};
use article_annotator::core::recognize::Recognizer;
use article_annotator::core::segments::{segments, NoteRange};
use article_annotator::core::storage::{decode, Envelope};
use article_annotator::core::sync::{
    note_doc, DocContext, Next, Replicator, Response, SyncConfig, SyncState,
};
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

/// The `_changes` pages a server answers a first pull of `notes` with, 100 documents a page.
fn changes_pages(notes: &Notes, ctx: &DocContext) -> Vec<Response> {
    let pages: Vec<&[std::rc::Rc<Note>]> = notes.notes.chunks(100).collect();
    let last = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, page)| {
            let results: Vec<serde_json::Value> = page
                .iter()
                .map(|n| {
                    let doc = note_doc(n, Some("1-967a00dff5e02add41819138abb3284d"), None, ctx);
                    serde_json::json!({"seq": i, "id": n.id.to_string(), "changes": [], "doc": doc})
                })
                .collect();
            let body = serde_json::json!({"results": results, "last_seq": format!("{i}-g1AAAA"), "pending": (last - i - 1) * 100});
            Response { status: 200, body: body.to_string() }
        })
        .collect()
}

/// A first pull: every page read, and its notes merged into the local ones as the widget will.
fn first_pull(pages: &[Response], ctx: &DocContext, merge_each_page: bool) -> Notes {
    let config = SyncConfig {
        context: ctx.clone(),
        user: None,
        selector_filter: true,
    };
    let mut replicator = Replicator::new(config, SyncState::default());
    replicator.start();
    let mut local = Notes::default();
    let mut remote = Notes::default();
    for page in pages {
        let step = replicator
            .on_response(&local, page.clone(), Timestamp(0))
            .expect("a sound page");
        if let Some(m) = step.merge {
            if merge_each_page {
                local = local.merge(&m);
            } else {
                remote.notes.extend(m.notes);
            }
        }
        if step.next == Next::Done {
            break;
        }
    }
    if merge_each_page {
        local
    } else {
        local.merge(&remote)
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

    let ctx = DocContext::new("bench", None, "vi");
    let pages = changes_pages(&many, &ctx);
    println!(
        "first pull of 5000 notes: {} pages, {} bytes",
        pages.len(),
        pages.iter().map(|p| p.body.len()).sum::<usize>()
    );
    assert_eq!(first_pull(&pages, &ctx, true).len(), 5000);
    c.bench_function("sync first pull of 5000 notes, merged page by page", |b| {
        b.iter(|| first_pull(&pages, &ctx, true))
    });
    c.bench_function("sync first pull of 5000 notes, merged once", |b| {
        b.iter(|| first_pull(&pages, &ctx, false))
    });

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
