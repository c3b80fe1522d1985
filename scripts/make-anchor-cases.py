#!/usr/bin/env python3
"""Generates the anchoring cases: tests/fixtures/anchor/cases-tuned.jsonl and cases-heldout.jsonl.

Articles, in two halves that never mix:
- tuned: the seed article, the articles of tests/fixtures/ner/ (markup removed) and
  tests/fixtures/anchor/articles/tuned/; the matcher was developed against these;
- held-out: tests/fixtures/anchor/articles/heldout/, written for this project in the style of
  Vietnamese provincial news and not looked at case by case while the matcher was tuned. Their
  figures are the ones to quote.

Passages: every marked entity, sentences, pairs of sentences, whole paragraphs and short phrases.
Edits (one per case):
- unchanged; nfd; whitespace (NBSP, doubled spaces); tone-spelling (ủy → uỷ ...);
- typo-inside (the quote had a typo the newsroom corrected), typo-edge (the typo was in the
  passage's first or last word, next to white space or punctuation), typo-adjacent (in the word
  just outside it), typo-elsewhere;
- insert-sentence, delete-sentence (another one), insert-paragraph, delete-paragraph,
  split-paragraph, merge-paragraphs;
- move-near (its paragraph moved one or two places), move-far-up (to the top of the body),
  move-far-down (to the end), move-several (it and its neighbours moved as a block);
- context-edit (the 32 code points before and/or after the passage reworded, the passage not);
- rewrite-light (10–25% of its words replaced) and rewrite-moderate (30–40%), context intact:
  the note follows, onto the rewritten passage;
- rewrite-half (55–60% replaced) and rewrite (replaced past recognition): orphan;
- copy-elsewhere (its sentence also quoted elsewhere): it stays on its own copy;
- delete-passage (its sentence deleted), delete-near-duplicate (deleted while a lookalike of its
  sentence, a quarter of the words changed, one at least in the passage, stays elsewhere): orphan.

The passage is marked with two private-use characters before the edit, so its expected place
after the edit is read off the edited text. Each line: {"id","kind","split","text","selector":
{exact,prefix,suffix,start,end}, "expect": {"start","end"} | "orphan"} — the input of
`annotator anchor` plus what must come out. Deterministic (fixed seed); offsets in code points.
"""
import glob, json, os, random, re, unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
L, R = '\ue000', '\ue001'
rng = random.Random(20201128)

def read(path):
    return open(path, encoding='utf-8').read()

def articles():
    out = [('seed', read(os.path.join(ROOT, 'assets/seed-article.txt')), [], 'tuned')]
    for path in sorted(glob.glob(os.path.join(ROOT, 'tests/fixtures/ner/*.txt'))):
        marked = read(path)
        spans, plain = [], []
        for m in re.finditer(r'\{([OTBX])\|([^}]*)\}|([^{]+|\{)', marked):
            if m.group(1):
                start = len(''.join(plain)); plain.append(m.group(2)); spans.append((start, start + len(m.group(2))))
            else:
                plain.append(m.group(0))
        out.append((os.path.basename(path)[:-4], ''.join(plain), spans, 'tuned'))
    for split in ('tuned', 'heldout'):
        for path in sorted(glob.glob(os.path.join(ROOT, f'tests/fixtures/anchor/articles/{split}/*.txt'))):
            out.append((os.path.basename(path)[:-4], read(path), [], split))
    return out

def paragraphs(text):
    return [p for p in re.split(r'\n\s*\n', text) if p.strip()]

def sentences(text):
    # A sentence ends at . ! or ? followed by white space or the end ("16.7" and "27.000" do not).
    pattern = r'(?:[^.!?\n]|[.!?](?![\s"”]|$))+[.!?]["”]?(?=\s|$)'
    return [(m.start(), m.end()) for m in re.finditer(pattern, text) if len(m.group(0).strip()) > 20]

def selector(text, start, end):
    return {'exact': text[start:end], 'prefix': text[max(0, start - 32):start], 'suffix': text[end:end + 32], 'start': start, 'end': end}

def mark(text, s, e):
    return text[:s] + L + text[s:e] + R + text[e:]

def unmark(text):
    if L not in text:
        return text, None
    s = text.index(L); e = text.index(R) - 1
    return text.replace(L, '').replace(R, ''), (s, e)

FILLER = ['Hội nghị diễn ra trong không khí dân chủ, cởi mở.', 'Nhiều ý kiến tâm huyết đã được các đại biểu nêu ra.',
          'Buổi làm việc kết thúc lúc 17 giờ cùng ngày.', 'Các đại biểu thống nhất cao với nội dung dự thảo.',
          'Thông tin được cập nhật lúc 18 giờ.', 'Báo sẽ tiếp tục thông tin về vụ việc.']
TONES = [('ủy', 'uỷ'), ('Ủy', 'Uỷ'), ('hòa', 'hoà'), ('Hòa', 'Hoà'), ('thủy', 'thuỷ'), ('khỏe', 'khoẻ'), ('quý', 'qúy')]
# Words a newsroom puts in when it rewords a passage.
POOL = ['tiếp tục', 'triển khai', 'kịp thời', 'hiệu quả', 'chủ động', 'địa phương', 'cơ sở', 'nhân dân',
        'đơn vị', 'kế hoạch', 'bảo đảm', 'tích cực', 'nhanh chóng', 'đồng bộ', 'toàn diện', 'thường xuyên',
        'khẩn trương', 'cụ thể', 'quyết liệt', 'phù hợp', 'rõ ràng', 'thêm', 'nhiều', 'mới', 'lớn', 'gần',
        'khoảng', 'đã', 'sẽ', 'vẫn', 'cũng', 'rất', 'hơn', 'nữa', 'được', 'những']
WORD = re.compile(r'[^\s.,;:!?()"“”\ue000\ue001]+')

def folded(s):
    """Lower case without marks (as matching sees words): "Trưởng" and "trương" fold alike."""
    s = unicodedata.normalize('NFD', s.lower().replace('đ', 'd'))
    return ''.join(c for c in s if not unicodedata.combining(c))

def replace_words(s, n):
    """`s` with `n` of its words (chosen at random) replaced by words it does not have, so that
    the share of words kept is what it says even once tone marks are ignored."""
    words = list(WORD.finditer(s))
    have = set(folded(s).split())
    pool = [p for p in POOL if not set(folded(p).split()) & have]
    picks = sorted(rng.sample(range(len(words)), n), reverse=True)
    for i in picks:
        w = words[i]
        s = s[:w.start()] + rng.choice(pool) + s[w.end():]
    return s

def typo(word):
    """A plausible typo of `word` (at least 2 letters), or None."""
    if len(word) < 2 or not word.isalpha(): return None
    i = rng.randrange(len(word))
    kind = rng.choice(['double', 'drop', 'swap', 'replace'])
    if kind == 'double': return word[:i + 1] + word[i] + word[i + 1:]
    if kind == 'drop' and len(word) >= 3: return word[:i] + word[i + 1:]
    if kind == 'swap' and i + 1 < len(word) and word[i] != word[i + 1]: return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    c = 'x' if word[i].lower() != 'x' else 'z'
    return word[:i] + c + word[i + 1:]

def with_typo(marked, span):
    a, b = span
    t = typo(marked[a:b])
    return None if t is None or t == marked[a:b] else marked[:a] + t + marked[b:]

def word_spans(marked, lo, hi):
    return [m.span() for m in WORD.finditer(marked) if m.start() >= lo and m.end() <= hi]

def edit(kind, text, s, e):
    """Returns (old text, new text with the passage marked; unmarked when the passage is gone),
    or None when the edit does not apply to this passage. The old text may be marked too (when
    the edit changes it), else the passage is at s..e in it."""
    marked = mark(text, s, e)
    paras = paragraphs(marked)
    pi = next(i for i, p in enumerate(paras) if L in p)
    sep = '\n\n'
    lm, rm = marked.index(L), marked.index(R)
    if kind == 'unchanged':
        return text, marked
    if kind == 'typo-inside':
        span = text[s:e]
        letters = [i for i, c in enumerate(span) if c.isalpha()]
        if len(letters) < 6: return None
        i = letters[len(letters) // 2]
        typo_ = span[:i] + ('x' if span[i] != 'x' else 'z') + span[i + 1:]
        return text[:s] + typo_ + text[e:], marked
    if kind == 'typo-edge':
        words = word_spans(marked, lm, rm)
        if len(words) < 3: return None
        old = with_typo(marked, rng.choice([words[0], words[-1]]))
        return (old, marked) if old else None
    if kind == 'typo-adjacent':
        before = word_spans(marked, lm - 20, lm)
        after = word_spans(marked, rm, rm + 20)
        sides = ([before[-1]] if before else []) + ([after[0]] if after else [])
        if not sides: return None
        old = with_typo(marked, rng.choice(sides))
        return (old, marked) if old else None
    if kind == 'typo-elsewhere':
        others = [i for i, c in enumerate(marked) if c.isalpha() and not (lm - 40 <= i <= rm + 40)]
        if not others: return None
        i = rng.choice(others)
        old_marked = marked[:i] + ('x' if marked[i] != 'x' else 'z') + marked[i + 1:]
        return unmark(old_marked)[0], marked
    if kind == 'insert-sentence':
        at = marked.rfind('. ', 0, lm)
        at = at + 2 if at >= 0 else marked.rfind('\n', 0, lm) + 1
        return text, marked[:at] + rng.choice(FILLER) + ' ' + marked[at:]
    if kind == 'delete-sentence':
        sents = [(a, b) for a, b in sentences(marked) if b < lm or a > rm]
        if not sents: return None
        a, b = rng.choice(sents)
        return text, marked[:a] + marked[b:]
    if kind == 'delete-passage':
        p = paras[pi]
        sents = [(a, b) for a, b in sentences(p) if a <= p.index(L) and p.index(R) < b]
        if not sents: return None
        a, b = sents[0]
        paras[pi] = p[:a] + p[b:]
        if L in paras[pi] or R in paras[pi]: return None
        return text, sep.join(paras)
    if kind == 'delete-near-duplicate':
        # The old article also had a near-duplicate of the passage's sentence elsewhere; the
        # passage's sentence is deleted, the near-duplicate stays.
        p = paras[pi]
        sents = [(a, b) for a, b in sentences(p) if a <= p.index(L) and p.index(R) < b]
        if not sents or len(paras) < 3: return None
        a, b = sents[0]
        sentence = p[a:b].strip()
        n = len(WORD.findall(sentence))
        inside = len(WORD.findall(sentence[sentence.index(L):sentence.index(R)]))
        if n < 6 or inside < 2: return None
        # A quarter of the sentence's words differ (at least one of the passage's): a lookalike,
        # not a copy.
        while True:
            dup = replace_words(sentence, max(2, round(n / 4)))
            if dup[dup.index(L):dup.index(R)] != sentence[sentence.index(L):sentence.index(R)]: break
        dup = dup.replace(L, '').replace(R, '')
        target = rng.choice([i for i in range(1, len(paras)) if i != pi])
        old_paras = list(paras)
        old_paras[target] = old_paras[target] + ' ' + dup
        new_paras = list(old_paras)
        new_paras[pi] = p[:a] + p[b:]
        if L in new_paras[pi] or R in new_paras[pi]: return None
        return sep.join(old_paras), unmark(sep.join(new_paras))[0]
    if kind == 'insert-paragraph':
        paras.insert(min(2, len(paras)), rng.choice(FILLER) + ' ' + rng.choice(FILLER))
        return text, sep.join(paras)
    if kind == 'delete-paragraph':
        others = [i for i in range(1, len(paras)) if i != pi]
        if not others: return None
        del paras[rng.choice(others)]
        return text, sep.join(paras)
    if kind == 'split-paragraph':
        p = paras[pi]
        cuts = [m.end() for m in re.finditer(r'\. ', p) if m.end() <= p.index(L) or m.start() > p.index(R)]
        if not cuts: return None
        c = rng.choice(cuts)
        paras[pi] = p[:c].rstrip() + sep + p[c:]
        return text, sep.join(paras)
    if kind == 'merge-paragraphs':
        if pi + 1 >= len(paras): return None
        paras[pi:pi + 2] = [paras[pi] + ' ' + paras[pi + 1]]
        return text, sep.join(paras)
    if kind == 'whitespace':
        new = re.sub(r' (?=[A-ZĐÂĂÊÔƠƯ])', '\u00a0', marked)
        new = new.replace(', ', ',  ', 3)
        return text, new
    if kind == 'nfd':
        return text, unicodedata.normalize('NFD', marked)
    if kind == 'tone-spelling':
        new = marked
        for a, b in TONES: new = new.replace(a, b)
        if new == marked: return None
        return text, new
    if kind == 'copy-elsewhere':
        p = paras[pi]
        sents = [(a, b) for a, b in sentences(p) if a <= p.index(L) and p.index(R) < b]
        if not sents or len(paras) < 3: return None
        a, b = sents[0]
        copy = p[a:b].replace(L, '').replace(R, '').strip()
        target = (pi + 2) % len(paras) or 1
        paras[target] = paras[target] + ' Như đã nêu: "' + copy + '"'
        return text, sep.join(paras)
    if kind == 'move-far-down':
        if len(paras) < 4 or pi >= len(paras) - 2: return None
        p = paras.pop(pi); paras.append(p)
        return text, sep.join(paras)
    if kind == 'move-far-up':
        top = 2 if len(paras) > 3 else 1  # after the title and the date line
        if pi < top + 2: return None
        p = paras.pop(pi); paras.insert(top, p)
        return text, sep.join(paras)
    if kind == 'move-near':
        moves = [d for d in (-2, -1, 1, 2) if 1 <= pi + d < len(paras)]
        if not moves: return None
        p = paras.pop(pi); paras.insert(pi + rng.choice(moves), p)
        return text, sep.join(paras)
    if kind == 'move-several':
        n = rng.choice([2, 3])
        first = max(1, min(pi - rng.randrange(n), len(paras) - n))
        if first > pi or first + n <= pi or len(paras) - n < 2: return None
        block = paras[first:first + n]
        rest = paras[:first] + paras[first + n:]
        at = rng.choice([i for i in range(1, len(rest) + 1) if abs(i - first) >= 2] or [None])
        if at is None: return None
        return text, sep.join(rest[:at] + block + rest[at:])
    if kind == 'context-edit':
        side = rng.choice(['before', 'after', 'both'])
        new = marked
        if side in ('after', 'both'):
            after = word_spans(new, rm, rm + 32)
            if not after: return None
            new = new[:rm + 1] + replace_words(new[rm + 1:after[-1][1]], min(len(after), rng.choice([1, 2, 3]))) + new[after[-1][1]:]
        if side in ('before', 'both'):
            before = word_spans(new, lm - 32, lm)
            if not before: return None
            new = new[:before[0][0]] + replace_words(new[before[0][0]:lm], min(len(before), rng.choice([1, 2, 3]))) + new[lm:]
        return text, new
    if kind in ('rewrite-light', 'rewrite-moderate', 'rewrite-half'):
        lo, hi = {'rewrite-light': (0.10, 0.25), 'rewrite-moderate': (0.30, 0.40), 'rewrite-half': (0.55, 0.60)}[kind]
        inner = marked[lm + 1:rm]
        n_words = len(WORD.findall(inner))
        n = round(rng.uniform(lo, hi) * n_words)
        if n_words < 4 or n < 1 or not (lo - 0.001 <= n / n_words <= hi + 0.001): return None
        new = marked[:lm + 1] + replace_words(inner, n) + marked[rm:]
        if kind == 'rewrite-half':
            return text, unmark(new)[0]
        return text, new
    if kind == 'rewrite':
        p = paras[pi]
        a, b = p.index(L), p.index(R)
        words = ['nội dung', 'được', 'điều chỉnh', 'lại', 'theo', 'ý kiến', 'mới', 'của', 'hội nghị', 'và', 'cử tri']
        n = max(3, len(p[a + 1:b].split()))
        paras[pi] = p[:a] + ' '.join(rng.choice(words) for _ in range(n)) + p[b + 1:]
        return text, sep.join(paras)
    raise ValueError(kind)

KINDS = ['unchanged', 'typo-inside', 'typo-edge', 'typo-adjacent', 'typo-elsewhere', 'insert-sentence',
         'delete-sentence', 'delete-passage', 'delete-near-duplicate', 'insert-paragraph', 'delete-paragraph',
         'split-paragraph', 'merge-paragraphs', 'whitespace', 'nfd', 'tone-spelling', 'copy-elsewhere',
         'move-near', 'move-far-up', 'move-far-down', 'move-several', 'context-edit', 'rewrite-light',
         'rewrite-moderate', 'rewrite-half', 'rewrite']

def passages(text, spans):
    out = list(spans)
    sents = sentences(text)
    for a, b in sents:
        out.append((a + (len(text[a:b]) - len(text[a:b].lstrip())), b))
    for (a, _), (_, b) in zip(sents, sents[1:]):
        if '\n' not in text[a:b]:
            out.append((a + (len(text[a:b]) - len(text[a:b].lstrip())), b))
    pos = 0
    for p in re.split(r'(\n\s*\n)', text):
        if p.strip() and not p.isspace() and len(p) > 60:
            out.append((pos, pos + len(p)))
        pos += len(p)
    words = [m.span() for m in re.finditer(r'\S+', text)]
    for _ in range(12):
        i = rng.randrange(0, max(1, len(words) - 4))
        out.append((words[i][0], words[i + rng.randrange(2, 4)][1]))
    return sorted(set((a, b) for a, b in out if b - a >= 4 and '\n' not in text[a:b]))

PER_ARTICLE = {'tuned': 9, 'heldout': 22}

def main():
    cases = {'tuned': [], 'heldout': []}
    for name, text, spans, split in articles():
        ps = passages(text, spans)
        rng.shuffle(ps)
        for s, e in ps[:PER_ARTICLE[split]]:
            for kind in KINDS:
                r = edit(kind, text, s, e)
                if r is None: continue
                old, new_marked = r
                old, old_span = unmark(old)
                sel = selector(old, *(old_span or (s, e)))
                new, span = unmark(new_marked)
                expect = 'orphan' if span is None else {'start': span[0], 'end': span[1]}
                cases[split].append({'id': f'{name}-{s}-{e}-{kind}', 'kind': kind, 'split': split, 'text': new,
                                     'selector': sel, 'expect': expect})
    for split, cs in cases.items():
        path = os.path.join(ROOT, f'tests/fixtures/anchor/cases-{split}.jsonl')
        with open(path, 'w', encoding='utf-8') as f:
            for c in cs:
                f.write(json.dumps(c, ensure_ascii=False) + '\n')
        counts = {}
        for c in cs: counts[c['kind']] = counts.get(c['kind'], 0) + 1
        print(split, len(cs), 'cases', counts)

if __name__ == '__main__':
    main()
