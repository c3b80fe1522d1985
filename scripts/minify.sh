#!/usr/bin/env bash
# Trunk post-build hook: in release builds, minifies what a host page downloads besides the wasm
# (wasm-bindgen's glues and the sync bundle's snippet, the embed script, the widget's stylesheet)
# with esbuild, in the staging directory before trunk publishes it. Debug builds (`trunk serve`)
# keep them readable.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
cd "$TRUNK_STAGING_DIR"
esbuild="$TRUNK_SOURCE_DIR/node_modules/.bin/esbuild"
if [ ! -x "$esbuild" ]; then
  echo "minify.sh: $esbuild is missing: run scripts/setup.sh (npm ci)" >&2
  exit 1
fi
# The sync bundle's snippet, as its glue imports it.
snippet=$(grep -o 'snippets/[^"'"'"']*/sync_net\.js' article-annotator-sync.js | head -1)
if [ -z "$snippet" ]; then
  echo "minify.sh: article-annotator-sync.js imports no snippets/…/sync_net.js" >&2
  exit 1
fi
for f in article-annotator.js article-annotator-sync.js article-annotator-element.js "$snippet"; do
  "$esbuild" "$f" --minify --format=esm --log-level=warning --outfile="$f" --allow-overwrite
done
"$esbuild" annotator.css --minify --log-level=warning --outfile=annotator.css --allow-overwrite
