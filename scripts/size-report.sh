#!/usr/bin/env bash
# Size report of what a host page downloads: raw, gzip -9 and brotli per file of the release
# build (runs `trunk build --release` first unless --no-build). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
unset NO_COLOR
[ "${1:-}" = "--no-build" ] || trunk build --release --offline --locked >/dev/null
python3 - <<'PY'
import gzip, os
try:
    import brotli
except ImportError:
    brotli = None
files = ['article-annotator_bg.wasm', 'article-annotator.js', 'article-annotator-element.js', 'annotator.css']
rows, tot = [], [0, 0, 0]
for f in files:
    data = open(os.path.join('dist', f), 'rb').read()
    g = len(gzip.compress(data, 9))
    b = len(brotli.compress(data, quality=11)) if brotli else 0
    rows.append((f, len(data), g, b)); tot[0] += len(data); tot[1] += g; tot[2] += b
print('| file | raw | gzip | brotli |\n|---|---:|---:|---:|')
for f, r, g, b in rows:
    print(f'| {f} | {r:,} | {g:,} | {b:,} |' if brotli else f'| {f} | {r:,} | {g:,} | — |')
print(f'| **total** | **{tot[0]:,}** | **{tot[1]:,}** | **{tot[2]:,}** |')
PY
