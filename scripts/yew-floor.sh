#!/usr/bin/env bash
# What any widget on this stack ships before its own code: builds tools/yew-floor (the smallest
# Yew app: one component, one hook, one callback) as the widget is built (release profile,
# wasm-bindgen, wasm-opt with index.html's flags, glue minified by esbuild), once plain and once
# with one serde_json round trip, and prints their gzip sizes beside the widget's (dist/, from the
# last release build: run scripts/size-report.sh first). A README command, not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="$root/target/yew-floor"
out="$CARGO_TARGET_DIR/out"
# The wasm-opt flags of the widget's own build, read from index.html so that the two never differ.
opt_flags=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
[ -n "$opt_flags" ] || { echo "yew-floor.sh: no data-wasm-opt-params in index.html" >&2; exit 1; }
# As scripts/size-report.sh measures: Python's gzip at level 9.
gz() { python3 -c 'import gzip, sys; print(len(gzip.compress(open(sys.argv[1], "rb").read(), 9)))' "$1"; }
printf '| build | wasm gzip | glue gzip | total gzip |\n|---|---:|---:|---:|\n'
for variant in plain json; do
  features=()
  [ "$variant" = json ] && features=(--features json)
  cargo build --manifest-path tools/yew-floor/Cargo.toml --release --locked --offline \
    --target wasm32-unknown-unknown "${features[@]}" --quiet
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --out-dir "$out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/yew-floor.wasm"
  # shellcheck disable=SC2086 # the flags are a list of words
  wasm-opt -Oz $opt_flags "$out/yew-floor_bg.wasm" -o "$out/opt.wasm"
  esbuild "$out/yew-floor.js" --minify --format=esm --log-level=warning --outfile="$out/glue.js"
  w=$(gz "$out/opt.wasm") g=$(gz "$out/glue.js")
  printf '| yew-floor (%s) | %s | %s | %s |\n' "$variant" "$w" "$g" $((w + g))
done
if [ -f dist/article-annotator_bg.wasm ]; then
  w=$(gz dist/article-annotator_bg.wasm) g=$(gz dist/article-annotator.js)
  printf '| article-annotator (dist/) | %s | %s | %s |\n' "$w" "$g" $((w + g))
fi
