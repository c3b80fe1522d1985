//! Recognition throughput on a large text made from many articles (`cargo bench --bench recognize`).
//!
//! The text is the seed article and the development articles of `tests/fixtures/ner/` (markup
//! removed), repeated to about 2 MB: once as one text (the `annotator` command's case) and once as
//! its paragraphs (the widget's case).

use article_annotator::core::recognize::Recognizer;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut parts = vec![std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/seed-article.txt"
    ))
    .expect("seed")];
    let mut names: Vec<_> = std::fs::read_dir(format!("{dir}/ner"))
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let marked = std::fs::read_to_string(path).expect("article");
        let mut plain = String::with_capacity(marked.len());
        let mut chars = marked.chars();
        while let Some(c) = chars.next() {
            match c {
                '{' => {
                    chars.next();
                    chars.next();
                }
                '}' => {}
                c => plain.push(c),
            }
        }
        parts.push(plain);
    }
    let one = parts.join("\n\n");
    one.repeat((2 << 20) / one.len() + 1)
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let recognizer = Recognizer::default();
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut group = c.benchmark_group("recognize");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("one text", |b| {
        b.iter(|| recognizer.recognize(&[text.as_str()]))
    });
    group.bench_function("paragraphs", |b| {
        b.iter(|| recognizer.recognize(&paragraphs))
    });
    group.bench_function("tokenize only", |b| {
        b.iter(|| article_annotator::core::text::tokenize(&text, &mut Default::default()).len())
    });
    group.finish();
    c.bench_function("lexicon build", |b| b.iter(Recognizer::default));
}

criterion_group!(benches, bench);
criterion_main!(benches);
