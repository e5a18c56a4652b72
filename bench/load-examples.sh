#!/usr/bin/env bash
# Reproduces the README's load-mode figures: the example sweep and the SLO search against the built-in
# simulator (offline, ~5.5 min), then every report format of each into OUT (default target/load-bench).
# Usage: bench/load-examples.sh [OUT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/target/load-bench}"
mkdir -p "$out"
rm -f "$out"/sweep.db* "$out"/search.db*
cd "$root"
bin/infermeter load examples/load-sweep.yaml --store "$out/sweep.db" | tee "$out/sweep.txt"
bin/infermeter load examples/load-search.yaml --store "$out/search.db" | tee "$out/search.txt"
for name in sweep search; do
  for format in json csv markdown html; do
    bin/infermeter report --store "$out/$name.db" --format "$format" -o "$out/$name.$format"
  done
done
echo "Reports in $out; the search's answer vs the known capacity of 16.8 requests/s:"
grep 'highest load meeting the SLO' "$out/search.txt"
