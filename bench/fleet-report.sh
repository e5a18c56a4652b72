#!/usr/bin/env bash
# Times `report --rollups` over a fleet's PostgreSQL store: 30 days and the last 72 hours, of
# 1,000 cells x 3 regions measured every 12 minutes for 30 days (10.8 million samples). Starts its
# own PostgreSQL with bin/pg-local (data in target/bench/pg, port 55433), builds the store once
# (FleetStoreBuilder, through the store's batch insert; cached until the folder is removed), then
# times each report with /usr/bin/time, with the JIT flags bin/infermeter uses for `report --rollups` (C1 only;
# BENCH_JAVA_OPTS= runs the JVM's defaults).
# Usage: bench/fleet-report.sh [models=100] [providers=10] [regions=3] [days=30] [spacingMinutes=12]
#        bench/fleet-report.sh stop      # stops its PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
export PG_LOCAL_DIR="$PWD/${BUILD_DIR:-target}/bench/pg" PG_LOCAL_PORT="${PG_LOCAL_PORT:-55433}" PG_LOCAL_FSYNC=off
if [ "${1:-}" = stop ]; then bin/pg-local stop; exit 0; fi
models="${1:-100}"; providers="${2:-10}"; regions="${3:-3}"; days="${4:-30}"; spacing="${5:-12}"
shape="${models}x${providers}x${regions}x${days}d@${spacing}m"
. bench/classpath.sh
mkdir -p "$build_dir/bench"
bin/pg-local start >/dev/null
export PGPASSWORD="$(bin/pg-local password)"
db="fleet_lean_$(echo "$shape" | tr -c 'a-z0-9\n' '_')"
base="$(bin/pg-local url)"
url="${base%/infermeter?*}/$db?user=infermeter&reWriteBatchedInserts=true"
marker="$PG_LOCAL_DIR/$db.built"
if [ ! -f "$marker" ]; then
  bin/pg-local createdb "$db" 2>/dev/null || true   # already there after an interrupted build: rebuilt below
  "$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" org.infermeter.bench.FleetStoreBuilder "$url" "$models" "$providers" "$regions" "$days" "$spacing"
  touch "$marker"
fi
# A store built by an earlier version: its migrations bring it to the current schema once (minutes).
"$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" org.infermeter.bench.FleetStoreBuilder --upgrade "$url"
echo "store: $db, $(du -sm "$PG_LOCAL_DIR/data" | cut -f1) MB of PostgreSQL data; $(nproc) cores;" \
     "load: $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
for window in 720h 72h; do
  out="$build_dir/bench/fleet-$window.json"
  /usr/bin/time -v -o "$build_dir/bench/time-fleet-$window.txt" \
      "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS--XX:TieredStopAtLevel=1} -cp "$cp" org.infermeter.cli.Main report --store "$url" --rollups \
      --since "$window" --format json -o "$out" 2>/dev/null
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$build_dir/bench/time-fleet-$window.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$build_dir/bench/time-fleet-$window.txt")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$build_dir/bench/time-fleet-$window.txt")
  cells=$(grep -c '"model"' "$out" || true)
  printf -- '--since %-5s wall %s  cpu %s s  peak RSS %d MB  cells %s\n' "$window" "$wall" "$cpu" $((rss / 1024)) "$cells"
done
