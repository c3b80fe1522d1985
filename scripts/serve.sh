#!/usr/bin/env bash
# Sets up what is missing, then serves the demo (the bundled seed article) with `trunk serve`.
# PORT (default 8080) and extra trunk arguments (e.g. --release) can be given.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
unset NO_COLOR   # trunk 0.21 reads NO_COLOR=1 as an invalid flag value
exec trunk serve --offline --locked --address 127.0.0.1 --port "${PORT:-8080}" "$@"
