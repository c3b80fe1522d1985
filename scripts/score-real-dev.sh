#!/usr/bin/env bash
# Scores the recogniser on the shared real-news development set, ../shared/ner/real-dev/: real
# articles from binhvq/news-corpus (Apache-2.0), annotated by ../shared/ner/GUIDELINES.md. The
# texts are shared data, never copied into this project: they are read from ../shared here, outside
# the test command. Figures on them are development figures (the recogniser is tuned against them).
# Usage: scripts/score-real-dev.sh [--errors]   (--errors lists every exact-match miss and false alarm)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
dev="../shared/ner/real-dev"
if [[ ! -x "$dev/score-all.sh" ]]; then
  echo "score-real-dev: $dev/score-all.sh not found: the shared data sits beside the repository" >&2
  exit 1
fi
cargo build --quiet --release --no-default-features --locked --bin annotator
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$(pwd)/$target" ;; esac
"$dev/score-all.sh" "$target/release/annotator" "$@"
