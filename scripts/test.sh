#!/usr/bin/env bash
# Sets up what is missing, then runs every test: native core tests, browser tests in headless
# Chromium, and end-to-end tests against `trunk serve --release`. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120
unset NO_COLOR
step() { printf '\n=== [%4ss] test: %s\n' "$SECONDS" "$*"; }

step "lint: clippy denies warnings (and unwrap/expect outside tests in core and platform)"
cargo clippy --no-default-features --all-targets --locked -- -D warnings
# The wasm bundles: without sync (most pages') and with it (the sync bundle's code, natively too).
cargo clippy --target wasm32-unknown-unknown --lib --bins --tests --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --features sync --lib --bins --locked -- -D warnings
cargo clippy --features ssr,sync --lib --tests --locked -- -D warnings

step "1/3 native: the core alone (cargo test --no-default-features), then the UI's own unit tests and its components rendered to strings"
cargo test --no-default-features --locked
cargo test --features ssr,sync --lib --locked ui::
cargo test --features ssr --test components --locked
step "sync server rules: the example CouchDB design document's validate_doc_update on sample documents"
node --test tests/couchdb/

step "2/3 browser: wasm-bindgen tests in headless Chromium (with the sync feature: its requests too)"
cargo test --target wasm32-unknown-unknown --features sync --test browser --test in_place --locked

step "build: trunk build --release"
trunk build --release --offline --locked
ls -l dist

step "size: what a host page downloads, gzip, against its ceiling (scripts/size-report.sh)"
bash scripts/size-report.sh --no-build --check

step "3/3 end to end: playwright-core against trunk serve --release"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export APP_URL="http://127.0.0.1:$PORT/"
mkdir -p target
trunk serve --release --offline --locked --address 127.0.0.1 --port "$PORT" --no-autoreload > target/trunk-serve.log 2>&1 &
SERVE_PID=$!
trap 'kill $SERVE_PID 2>/dev/null || true; wait $SERVE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "$APP_URL" && break
  kill -0 $SERVE_PID 2>/dev/null || { cat target/trunk-serve.log; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "$APP_URL" || { cat target/trunk-serve.log; exit 1; }
# The sync tests' CouchDB-compatible server: PouchDB Server (package.json), in memory, on a free
# loopback port, CORS allowing the page's origin with its cookies (as examples/couchdb/ sets
# CouchDB up). Its config and log stay in target/.
SYNC_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export SYNC_SERVER_URL="http://127.0.0.1:$SYNC_PORT"
mkdir -p target/pouchdb
printf '%s\n' '{"httpd":{"enable_cors":true},"cors":{"origins":"*","credentials":true,"methods":"GET, PUT, POST, HEAD, DELETE","headers":"accept, authorization, content-type, origin, referer"},"log":{"file":"target/pouchdb/log.txt"}}' > target/pouchdb/config.json
pouchdb-server --in-memory --host 127.0.0.1 --port "$SYNC_PORT" --config target/pouchdb/config.json --no-stdout-logs > target/pouchdb/serve.log 2>&1 &
SYNC_PID=$!
trap 'kill $SERVE_PID $SYNC_PID 2>/dev/null || true; wait $SERVE_PID $SYNC_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "$SYNC_SERVER_URL/" && break
  kill -0 $SYNC_PID 2>/dev/null || { cat target/pouchdb/serve.log; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "$SYNC_SERVER_URL/" || { cat target/pouchdb/serve.log; exit 1; }
node --test tests/e2e/

step "W3C: the browser's W3C export, annotator's conversions of its native export (W3C, sync documents), by the W3C assertions"
python3 tests/w3c-annotation-tests/check.py target/e2e/export.w3c.json
cargo run --quiet --no-default-features --locked --bin annotator -- export --w3c target/e2e/export.native.json > target/e2e/export.cli.w3c.json
python3 tests/w3c-annotation-tests/check.py target/e2e/export.cli.w3c.json
cargo run --quiet --no-default-features --locked --bin annotator -- recognize --w3c assets/seed-article.txt > target/e2e/entities.w3c.json
python3 tests/w3c-annotation-tests/check.py target/e2e/entities.w3c.json
# The sync documents' annotations (annotator export --couchdb writes what the widget's sync writes).
cargo run --quiet --no-default-features --locked --bin annotator -- export --couchdb --user reader --user-name "Bạn đọc" target/e2e/export.native.json > target/e2e/export.couchdb.json
python3 -c 'import json, sys; json.dump([d["annotation"] for d in json.load(sys.stdin)["docs"]], sys.stdout)' < target/e2e/export.couchdb.json > target/e2e/export.couchdb.annotations.json
python3 tests/w3c-annotation-tests/check.py target/e2e/export.couchdb.annotations.json
step "all tests passed"
