#!/usr/bin/env bash
# Who owns the bytes of the widget's wasm: builds the module as the release build does (release
# profile, wasm-bindgen, wasm-opt with index.html's flags) but keeps the function names (`-g`), asks
# twiggy for every item's size, and sums them by bucket: UI components (src/ui, src/embed,
# src/platform), Yew, std (core, alloc, std, hashbrown, the allocator), serde (serde, serde_json and
# the derives), bindings (wasm-bindgen, js-sys, web-sys, gloo), project core (src/core), data (data
# segments) and the rest. An item belongs to the first crate its name mentions, so
# `core::ptr::drop_in_place<yew::…>` is std's (drop glue) and `<yew::… as core::clone::Clone>` Yew's;
# Yew's generic `CompStateInner<COMP>::view`, into which wasm-opt inlines each component's render
# function, counts as UI components. The name section itself (kept by `-g` only) is left out.
# The gzip column spreads the release module's gzip size over the buckets by their raw share (an
# estimate: gzip works on the whole file). Then the top owners of each bucket.
#
#   bash scripts/size-breakdown.sh [--sync] [TOP]   TOP items per bucket (default 8); --sync
#                                                   weighs the sync bundle instead
#
# A README command, not part of the tests. Installs twiggy (crates.io) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=article-annotator features=()
if [ "${1:-}" = "--sync" ]; then
  bin=article-annotator-sync features=(--features sync)
  shift
fi
top=${1:-8}
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
command -v twiggy >/dev/null || cargo install twiggy --locked
target_dir=${CARGO_TARGET_DIR:-$root/target}
out="$target_dir/size-breakdown/$bin"
opt_flags=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html | head -1 | sed 's/--strip-debug//')
[ -n "$opt_flags" ] || { echo "size-breakdown.sh: no data-wasm-opt-params in index.html" >&2; exit 1; }
cargo build --release --locked --target wasm32-unknown-unknown "${features[@]}" --bin "$bin" --quiet
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" "$target_dir/wasm32-unknown-unknown/release/$bin.wasm"
# shellcheck disable=SC2086 # the flags are a list of words
wasm-opt -Oz -g $opt_flags "$out/${bin}_bg.wasm" -o "$out/named.wasm"
# shellcheck disable=SC2086
wasm-opt -Oz $opt_flags --strip-debug "$out/${bin}_bg.wasm" -o "$out/stripped.wasm"
twiggy top -n 1000000 --format csv "$out/named.wasm" > "$out/items.csv"
python3 - "$out/items.csv" "$out/stripped.wasm" "$top" <<'PY'
import csv, gzip, re, sys
items_csv, stripped, top = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(stripped, 'rb').read()
raw_total, gz_total = len(data), len(gzip.compress(data, 9))
# Each bucket with the crate paths that mark it; the first mark in a name decides.
BUCKETS = [
    ('UI components', ['article_annotator::ui::', 'article_annotator::embed', 'article_annotator::platform']),
    ('project core', ['article_annotator::core::', 'article_annotator::']),
    ('Yew', ['yew::', 'yew_macro', 'implicit_clone::', 'prokio::', 'indexmap::']),
    ('serde', ['serde_json::', 'serde_core::', 'serde::', '_serde::']),
    ('bindings', ['wasm_bindgen', 'js_sys::', 'web_sys::', 'gloo', '__wbg', '__wbindgen']),
    ('std', ['core::', 'alloc::', 'std::', 'hashbrown::', 'talc::', 'rustc_hash::', 'memchr::', 'dlmalloc', '__rust', 'rust_begin_unwind']),
]
marks = [(m, b) for b, ms in BUCKETS for m in ms]
VIEW = re.compile(r'CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::view')
pattern = re.compile('|'.join(re.escape(m) for m, _ in marks))
owner = {m: b for m, b in marks}
sums, tops = {}, {}
with open(items_csv, newline='') as f:
    for row in csv.DictReader(f):
        name, size = row['Name'], int(row['ShallowSize'])
        if 'subsection' in name or name.startswith('custom section'):
            continue  # the names themselves: kept by -g only, not shipped
        if name.startswith('data segment') or name.startswith('data['):
            bucket = 'data'
        elif VIEW.search(name):
            bucket = 'UI components'  # a component's view, which Yew's generic lifecycle inlines
        else:
            m = pattern.search(name)
            bucket = owner[m.group(0)] if m else 'other (tables, names, unnamed code)'
        sums[bucket] = sums.get(bucket, 0) + size
        tops.setdefault(bucket, []).append((size, name))
named = sum(sums.values())
print(f'wasm (release flags): {raw_total:,} B raw, {gz_total:,} B gzip -9; items below sum to {named:,} B in the named build\n')
print('| bucket | raw | share | gzip (est.) |\n|---|---:|---:|---:|')
for bucket, size in sorted(sums.items(), key=lambda kv: -kv[1]):
    share = size / named
    print(f'| {bucket} | {size:,} | {share:.1%} | {round(share * gz_total):,} |')
for bucket, size in sorted(sums.items(), key=lambda kv: -kv[1]):
    print(f'\n{bucket}: top {top}')
    for s, name in sorted(tops[bucket], reverse=True)[:top]:
        print(f'  {s:>7,}  {name[:150]}')
PY
