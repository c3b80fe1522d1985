#!/usr/bin/env bash
# Installs what a cold Debian machine lacks to build, serve and test article-annotator. Idempotent:
# every step is skipped when its tool is already there at the right version. Source it or run it.
# Only package registries are used: apt, crates.io, npm. Nothing else is downloaded.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TRUNK_VERSION=0.21.14   # trunk 0.22 needs rustc >= 1.96.1
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
step() { printf '\n=== [%4ss] setup: %s\n' "$SECONDS" "$*"; }

step "chromium + chromedriver (apt)"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

step "rust target wasm32-unknown-unknown"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  # trunk's own release profile is fat LTO on one codegen unit: ~2.5 min slower on 2 cores.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, or trunk would try to download one.
WB=$(awk '$0=="name = \"wasm-bindgen\"" {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
step "wasm-bindgen-cli $WB"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB" ]; then
  # --locked fails when the registry lacks a crate version pinned in the CLI's own lockfile.
  cargo install wasm-bindgen-cli --version "=$WB" --locked || cargo install wasm-bindgen-cli --version "=$WB"
fi

step "npm: binaryen (wasm-opt), esbuild (minifies release builds), playwright-core, axe-core, pouchdb-server (the sync tests' server), @recogito/text-annotator (the interop test's other client)"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ ! -x node_modules/.bin/pouchdb-server ]; then
  # --ignore-scripts: no package needs its install script here (pouchdb-server runs in memory,
  # without its native LevelDB and SQLite builds, whose scripts would download binaries).
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

step "python: jsonschema, referencing, rfc3987 (the W3C annotation check), brotli (the size report)"
python3 -c "import jsonschema, referencing, rfc3987, brotli" 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check jsonschema referencing rfc3987 brotli
