#!/usr/bin/env python3
"""Generates tests/fixtures/anchor/cases.jsonl: anchoring cases from realistic newsroom edits.

Articles: the seed article and the articles of tests/fixtures/ner/ (markup removed). Passages:
every marked entity, sentences, and short phrases of each paragraph. Edits (one per case):
unchanged, typo-inside (the quote had a typo the newsroom corrected), typo-elsewhere,
insert-sentence, delete-sentence (another one), delete-passage, insert-paragraph,
delete-paragraph, split-paragraph, merge-paragraphs, whitespace (NBSP, doubled spaces), nfd,
tone-spelling (ủy → uỷ ...), copy-elsewhere (the passage's sentence also quoted elsewhere),
move-paragraph, rewrite (the passage rewritten past recognition).

The passage is marked with two private-use characters before the edit, so its expected place
after the edit is read off the edited text. Each line: {"id","kind","text","selector":{exact,
prefix,suffix,start,end}, "expect": {"start","end"} | "orphan"} — the input of `annotator anchor`
plus what must come out. Deterministic (fixed seed).
"""
import glob, json, os, random, re, unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
L, R = '\ue000', '\ue001'
rng = random.Random(20201128)

def articles():
    out = []
    seed = open(os.path.join(ROOT, 'assets/seed-article.txt'), encoding='utf-8').read()
    out.append(('seed', seed, []))
    for path in sorted(glob.glob(os.path.join(ROOT, 'tests/fixtures/ner/*.txt'))):
        marked = open(path, encoding='utf-8').read()
        spans, plain, i = [], [], 0
        for m in re.finditer(r'\{([OTBX])\|([^}]*)\}|([^{]+|\{)', marked):
            if m.group(1):
                start = len(''.join(plain)); plain.append(m.group(2)); spans.append((start, start + len(m.group(2))))
            else:
                plain.append(m.group(0))
        out.append((os.path.basename(path)[:-4], ''.join(plain), spans))
    return out

def paragraphs(text):
    return [p for p in re.split(r'\n\s*\n', text) if p.strip()]

def sentences(text):
    return [(m.start(), m.end()) for m in re.finditer(r'[^.!?\n]+[.!?]', text) if len(m.group(0).strip()) > 20]

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
          'Buổi làm việc kết thúc lúc 17 giờ cùng ngày.', 'Các đại biểu thống nhất cao với nội dung dự thảo.']
TONES = [('ủy', 'uỷ'), ('Ủy', 'Uỷ'), ('hòa', 'hoà'), ('Hòa', 'Hoà'), ('thủy', 'thuỷ'), ('khỏe', 'khoẻ'), ('quý', 'qúy')]

def edit(kind, text, s, e):
    """Returns (old text, new text with the passage marked; unmarked when the passage is gone),
    or None when the edit does not apply to this passage."""
    marked = mark(text, s, e)
    paras = paragraphs(marked)
    pi = next(i for i, p in enumerate(paras) if L in p)
    sep = '\n\n'
    if kind == 'unchanged':
        return text, marked
    if kind == 'typo-inside':
        span = text[s:e]
        letters = [i for i, c in enumerate(span) if c.isalpha()]
        if len(letters) < 6: return None
        i = letters[len(letters) // 2]
        typo = span[:i] + ('x' if span[i] != 'x' else 'z') + span[i + 1:]
        return text[:s] + typo + text[e:], marked
    if kind == 'typo-elsewhere':
        others = [i for i, c in enumerate(marked) if c.isalpha() and not (marked.index(L) - 40 <= i <= marked.index(R) + 40)]
        if not others: return None
        i = rng.choice(others)
        old_marked = marked[:i] + ('x' if marked[i] != 'x' else 'z') + marked[i + 1:]
        return unmark(old_marked)[0], marked
    if kind == 'insert-sentence':
        at = marked.rfind('. ', 0, marked.index(L))
        at = at + 2 if at >= 0 else marked.rfind('\n', 0, marked.index(L)) + 1
        return text, marked[:at] + rng.choice(FILLER) + ' ' + marked[at:]
    if kind == 'delete-sentence':
        sents = [(a, b) for a, b in sentences(marked) if b < marked.index(L) or a > marked.index(R)]
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
    if kind == 'move-paragraph':
        if len(paras) < 3 or pi == len(paras) - 1: return None
        p = paras.pop(pi); paras.append(p)
        return text, sep.join(paras)
    if kind == 'rewrite':
        p = paras[pi]
        a, b = p.index(L), p.index(R)
        words = ['nội dung', 'được', 'điều chỉnh', 'lại', 'theo', 'ý kiến', 'mới', 'của', 'hội nghị', 'và', 'cử tri']
        n = max(3, len(p[a + 1:b].split()))
        paras[pi] = p[:a] + ' '.join(rng.choice(words) for _ in range(n)) + p[b + 1:]
        return text, sep.join(paras)
    raise ValueError(kind)

KINDS = ['unchanged', 'typo-inside', 'typo-elsewhere', 'insert-sentence', 'delete-sentence', 'delete-passage',
         'insert-paragraph', 'delete-paragraph', 'split-paragraph', 'merge-paragraphs', 'whitespace', 'nfd',
         'tone-spelling', 'copy-elsewhere', 'move-paragraph', 'rewrite']

def passages(text, spans):
    out = list(spans)
    for a, b in sentences(text):
        out.append((a + (len(text[a:b]) - len(text[a:b].lstrip())), b))
    words = [m.span() for m in re.finditer(r'\S+', text)]
    for _ in range(12):
        i = rng.randrange(0, max(1, len(words) - 4))
        out.append((words[i][0], words[i + rng.randrange(2, 4)][1]))
    return sorted(set((a, b) for a, b in out if b - a >= 4 and '\n' not in text[a:b]))

def main():
    cases = []
    for name, text, spans in articles():
        ps = passages(text, spans)
        rng.shuffle(ps)
        for s, e in ps[:10]:
            for kind in KINDS:
                r = edit(kind, text, s, e)
                if r is None: continue
                old, new_marked = r
                sel = selector(old, s, e)
                new, span = unmark(new_marked)
                expect = 'orphan' if span is None else {'start': span[0], 'end': span[1]}
                cases.append({'id': f'{name}-{s}-{e}-{kind}', 'kind': kind, 'text': new, 'selector': sel, 'expect': expect})
    path = os.path.join(ROOT, 'tests/fixtures/anchor/cases.jsonl')
    with open(path, 'w', encoding='utf-8') as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + '\n')
    counts = {}
    for c in cases: counts[c['kind']] = counts.get(c['kind'], 0) + 1
    print(len(cases), 'cases', counts)

if __name__ == '__main__':
    main()
