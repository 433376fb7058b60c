#!/bin/sh
# Exports one commit's packages into a folder outside the checkout and builds them there, so the bench measures
# committed code even while others are editing the working tree:
#   scripts/bench/export-commit.sh [COMMIT] [DIR]      then   node scripts/bench/run.mjs --heaptrail DIR
# Dependencies are symlinked from this checkout's node_modules (nothing is installed).
set -eu
repo=$(git rev-parse --show-toplevel)
cd "$repo"
commit=$(git rev-parse --short "${1:-HEAD}")
dir=${2:-${HEAPTRAIL_BENCH_DIR:-$HOME/.cache/heaptrail-bench}/heaptrail-$commit}
rm -rf "$dir"
mkdir -p "$dir/node_modules/@heaptrail"
git archive "$commit" package.json tsconfig.json tsconfig.base.json packages | tar -x -C "$dir"
for entry in node_modules/* node_modules/.bin; do
  [ "$entry" = node_modules/@heaptrail ] || ln -s "$repo/$entry" "$dir/$entry"
done
for pkg in $(ls "$dir/packages"); do
  ln -s "../../packages/$pkg" "$dir/node_modules/@heaptrail/$pkg"
done
echo "$commit" > "$dir/.bench-revision"
(cd "$dir" && node "$repo/node_modules/typescript/bin/tsc" -b packages/cli) >&2
echo "$dir"
