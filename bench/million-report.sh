#!/usr/bin/env bash
# Times `report --format json` and `--format html` over a store of one million samples
# (100 models x 10 providers = 1,000 cells of 1,000 samples). The store is built once and cached
# in target/bench/ (about 1 minute); wall time and peak RSS come from /usr/bin/time -v.
# Usage: bench/million-report.sh [models=100] [providers=10] [perCell=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/java-env.sh
infermeter_pick_jdk
infermeter_maven_opts
models="${1:-100}"; providers="${2:-10}"; per_cell="${3:-1000}"
build_dir="${BUILD_DIR:-target}"
out="$build_dir/bench"
store="$out/store-${models}x${providers}x${per_cell}.db"
mkdir -p "$out"
cp_file="$build_dir/bench-classpath.txt"
# Full plugin coordinates: the `dependency:` prefix cannot be resolved offline. Offline first.
build=(-DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath
       -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test)
./mvnw -q -B -ntp -o "${build[@]}" >/dev/null 2>&1 || ./mvnw -q -B -ntp "${build[@]}" >/dev/null
if [ ! -f "$store" ]; then
  "$JAVA_HOME/bin/java" -cp "$build_dir/test-classes:$build_dir/classes:$(cat "$cp_file")" \
      org.infermeter.bench.LargeStoreBuilder "$store.tmp" "$models" "$providers" "$per_cell"
  mv "$store.tmp" "$store"
fi
echo "store: $store ($(du -m "$store" | cut -f1) MB); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
for format in json html; do
  report="$out/report.$format"
  /usr/bin/time -v -o "$out/time-$format.txt" \
      "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -jar "$build_dir/infermeter.jar" report --store "$store" --format "$format" -o "$report" 2>/dev/null
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time-$format.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time-$format.txt")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$out/time-$format.txt")
  printf '%-5s wall %s  cpu %s s  peak RSS %d MB  output %d MB\n' "$format" "$wall" "$cpu" $((rss / 1024)) \
      $(( $(stat -c %s "$report") >> 20 ))
done
