#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) with cargo-fuzz on the nightly toolchain:
# the article parsers, the importers, the storage envelope loader, anchoring and the recogniser.
# Crashes land in fuzz/artifacts/<target>/; turn each into a regression test. Not part of the
# test command (it is a budgeted search, not a check).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
export PATH="$HOME/.cargo/bin:$PATH"
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in article import storage anchor recognize; do
  echo "=== fuzz $target for ${SECONDS_EACH}s"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=4096
done
