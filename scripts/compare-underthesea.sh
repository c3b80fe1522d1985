#!/usr/bin/env bash
# Side-by-side comparison with underthesea's NER (see scripts/compare-underthesea.py). Installs
# underthesea with pip if it is missing (its model ships in the package: no download at run time).
# --real-dev: on ../shared/ner/real-dev (real news, read from the shared folder) instead of the fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
python3 -c 'import underthesea' 2>/dev/null || pip install --quiet underthesea
cargo build --quiet --release --no-default-features --locked --bin annotator
python3 scripts/compare-underthesea.py "$@"
