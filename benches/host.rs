//! In place at scale (`cargo bench --no-default-features --bench host`): a host article of 1,800
//! blocks (the seed's paragraphs repeated, each cut into text nodes as a link and an emphasis cut
//! it) read into block texts and ids, and the text-node spans of every recognised mention.

use article_annotator::core::article::{Article, SEED_ARTICLE};
use article_annotator::core::host::{BlockRole, BlockText, HostArticle, Piece};
use article_annotator::core::recognize::Recognizer;
use criterion::{criterion_group, criterion_main, Criterion};

/// Blocks of the bench article.
const BLOCKS: usize = 1800;

/// Each block's pieces: its text cut at a third and at two thirds (on character boundaries).
fn pieces() -> Vec<Vec<String>> {
    let seed = Article::parse(SEED_ARTICLE).expect("seed");
    seed.paragraphs
        .iter()
        .cycle()
        .take(BLOCKS)
        .map(|p| {
            let chars: Vec<char> = p.text.chars().collect();
            let (a, b) = (chars.len() / 3, chars.len() * 2 / 3);
            vec![
                chars[..a].iter().collect(),
                chars[a..b].iter().collect(),
                chars[b..].iter().collect(),
            ]
        })
        .collect()
}

fn read(raw: &[Vec<String>]) -> HostArticle {
    let blocks = raw
        .iter()
        .map(|p| {
            let pieces: Vec<Piece> = p.iter().map(|t| Piece::Text(t)).collect();
            (BlockRole::Text, BlockText::new(&pieces))
        })
        .collect();
    HostArticle::new(None, Some("Tiêu đề"), blocks)
}

fn bench(c: &mut Criterion) {
    let raw = pieces();
    c.bench_function("host article of 1,800 blocks: texts, ids", |b| {
        b.iter(|| read(&raw))
    });
    let host = read(&raw);
    let texts: Vec<&str> = host.blocks.iter().map(|b| b.text.text()).collect();
    let recognition = Recognizer::default().recognize(&texts);
    let mentions: usize = recognition.mentions.iter().map(Vec::len).sum();
    c.bench_function(
        &format!("text-node spans of every mention ({mentions}) in 1,800 blocks"),
        |b| {
            b.iter(|| {
                let mut spans = 0;
                for (block, ms) in host.blocks.iter().zip(&recognition.mentions) {
                    for m in ms {
                        spans += block.text.spans(m.start, m.end).len();
                    }
                }
                spans
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
