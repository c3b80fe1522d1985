#!/usr/bin/env python3
"""Side by side, in one run: underthesea's NER (pip, offline) and this project's recogniser on the
same texts: the seed article and the annotated articles of tests/fixtures/ner (markup removed).

    bash scripts/compare-underthesea.sh             # installs underthesea if missing, builds annotator
    bash scripts/compare-underthesea.sh --real-dev  # on ../shared/ner/real-dev instead (real news,
                                                    # read from the shared folder, never copied here)

Prints a Markdown table: exact-span F1 per label against the gold spans (underthesea's PER taken
for OFFICIAL and its ORG for BODY; it has no TITLE), and throughput in KB/s of text, with the
ratio. Our recogniser is timed in one process over the same texts repeated, so that process start
does not count; underthesea is timed on one pass (it is much slower).
"""
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / 'tests' / 'fixtures'
LABELS = {'O': 'OFFICIAL', 'T': 'TITLE', 'B': 'BODY'}


def unmark(marked):
    """Plain text and gold spans (code points) of an article marked {B|...}, {O|...}, {T|...}."""
    text, spans, i = [], [], 0
    for m in re.finditer(r'\{([OTB])\|([^}]*)\}', marked):
        text.append(marked[i:m.start()])
        start = sum(len(t) for t in text)
        text.append(m.group(2))
        spans.append((start, start + len(m.group(2)), LABELS[m.group(1)]))
        i = m.end()
    text.append(marked[i:])
    return ''.join(text), spans


def real_dev():
    """The real-news development set of ../shared/ner/real-dev: (name, text, gold spans, optional
    spans) per article. A prediction that is not gold but overlaps an optional span is not counted,
    as the shared scorer does."""
    folder = ROOT.parent / 'shared' / 'ner' / 'real-dev'
    if not folder.is_dir():
        sys.exit(f'{folder} not found: the shared data sits beside the repository')
    read = lambda p: [json.loads(l) for l in p.read_text().splitlines() if l.strip()] if p.exists() else []
    docs = []
    for path in sorted(folder.glob('art*.txt'), key=lambda p: int(p.stem[3:])):
        gold = [(g['start'], g['end'], g['label']) for g in read(path.with_suffix('.gold.jsonl'))]
        opt = [(o['start'], o['end'], o['label']) for o in read(path.with_suffix('.optional.jsonl'))]
        docs.append((path.stem, path.read_text(), gold, opt))
    return docs


def corpus():
    seed = (ROOT / 'assets' / 'seed-article.txt').read_text()
    gold = [json.loads(l) for l in (FIX / 'seed.gold.jsonl').read_text().splitlines() if l.strip()]
    docs = [('seed', seed, [(g['start'], g['end'], g['label']) for g in gold])]
    for path in sorted((FIX / 'ner').glob('*.txt')):
        text, spans = unmark(path.read_text())
        docs.append((path.stem, text, spans))
    return docs


def underthesea_spans(text, ner):
    """underthesea's PER and ORG entities as (start, end, label) in code points of `text`."""
    out = []
    for line_start, line in line_offsets(text):
        if not line.strip():
            continue
        tokens = ner(line)
        pos, current = 0, None
        for tok in tokens:
            word, tag = tok[0], tok[-1]
            k = line.find(word, pos)
            if k < 0:
                continue
            start, end = line_start + k, line_start + k + len(word)
            pos = k + len(word)
            kind = {'PER': 'OFFICIAL', 'ORG': 'BODY'}.get(tag[2:]) if tag != 'O' else None
            if tag.startswith('B-') or (tag.startswith('I-') and (current is None or current[2] != kind)):
                if current and current[2]:
                    out.append(tuple(current))
                current = [start, end, kind]
            elif tag.startswith('I-') and current:
                current[1] = end
            else:
                if current and current[2]:
                    out.append(tuple(current))
                current = None
        if current and current[2]:
            out.append(tuple(current))
    return out


def line_offsets(text):
    at = 0
    for line in text.split('\n'):
        yield at, line
        at += len(line) + 1


def ours(docs, annotator):
    """Our spans per document, from `annotator recognize`."""
    out = []
    for name, text, _ in docs:
        path = ROOT / 'target' / 'compare' / f'{name}.txt'
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        lines = subprocess.run([annotator, 'recognize', str(path)], check=True, capture_output=True, text=True).stdout
        out.append([(s['start'], s['end'], s['label']) for s in map(json.loads, lines.splitlines())])
    return out


def main():
    try:
        from underthesea import ner
    except ImportError:
        sys.exit('underthesea is not installed: pip install underthesea')
    target = Path(os.environ.get('CARGO_TARGET_DIR', ROOT / 'target'))
    annotator = str((target if target.is_absolute() else ROOT / target) / 'release' / 'annotator')
    real = '--real-dev' in sys.argv[1:]
    if real:
        with_optional = real_dev()
        docs = [(n, t, g) for n, t, g, _ in with_optional]
        optional = [o for _, _, _, o in with_optional]
    else:
        docs = corpus()
        optional = [[] for _ in docs]
    size = sum(len(t.encode()) for _, t, _ in docs)

    ner('Khởi động mô hình.')  # the model loads once, outside the timing
    t0 = time.perf_counter()
    theirs = [underthesea_spans(text, ner) for _, text, _ in docs]
    their_time = time.perf_counter() - t0

    mine = ours(docs, annotator)
    # Throughput of ours: the same texts repeated to about 2 MB, one process, one file.
    repeat = max(1, (2 << 20) // size)
    big = ROOT / 'target' / 'compare' / 'all-repeated.txt'
    big.write_text('\n\n'.join([t for _, t, _ in docs] * repeat))
    big_size = big.stat().st_size
    t0 = time.perf_counter()
    subprocess.run([annotator, 'recognize', str(big)], check=True, capture_output=True)
    our_time = time.perf_counter() - t0

    what = f'the {len(docs)} real-dev articles' if real else f'the seed and {len(docs) - 1} annotated articles'
    print(f'Texts: {what}, {size:,} bytes; ours timed on them repeated to {big_size:,} bytes.\n')
    print('| | OFFICIAL F1 | TITLE F1 | BODY F1 | throughput |')
    print('|---|---:|---:|---:|---:|')
    for who, preds, secs, nbytes in [('underthesea ' + version(), theirs, their_time, size), ('article-annotator', mine, our_time, big_size)]:
        gold = [(d, s) for d, (_, _, spans) in enumerate(docs) for s in spans]
        pred = [(d, s) for d, spans in enumerate(preds) for s in spans
                if s in docs[d][2] or not any(o[0] < s[1] and s[0] < o[1] for o in optional[d])]
        scores = [f1_flat(gold, pred, label) for label in ['OFFICIAL', 'TITLE', 'BODY']]
        print(f'| {who} | {scores[0]:.2f} | {scores[1]:.2f} | {scores[2]:.2f} | {nbytes / secs / 1024:,.1f} KB/s |')
    ratio = (big_size / our_time) / (size / their_time)
    print(f'\nThroughput ratio: article-annotator is {ratio:,.0f}× faster (its time includes starting the process).')


def f1_flat(gold, pred, label):
    g = {(d,) + s for d, s in gold if s[2] == label}
    p = {(d,) + s for d, s in pred if s[2] == label}
    tp = len(g & p)
    prec = tp / len(p) if p else 0.0
    rec = tp / len(g) if g else 0.0
    return (2 * prec * rec / (prec + rec)) if prec + rec else 0.0


def version():
    try:
        from importlib.metadata import version as v
        return v('underthesea')
    except Exception:  # noqa: BLE001 - a version is only a label here
        return ''


if __name__ == '__main__':
    main()
