#!/usr/bin/env bash
# The probe at its target load and beyond: one `infermeter probe` holding CELLS cells (default 1,000:
# 10 simulated providers x 100 models) on an SQLite store for DURATION, every cell one request per
# SPACING. The fleet's target is 1,000 cells at 10m (1.7 requests/s); the default here is 1,000 cells
# at 10s (100 requests/s, 60x the target) so a minute shows the scheduler under load. Prints the
# samples kept, how late requests started against their schedule (started_at - scheduled_at: the
# scheduler's own lag plus the machine's), the probe's CPU time and its threads at the end.
#
#   bench/probe-scale.sh                      # 1,000 cells, 10s spacing, 60s
#   CELLS=1000 SPACING=10m DURATION=20m bench/probe-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cells="${CELLS:-1000}"; spacing="${SPACING:-10s}"; duration="${DURATION:-60s}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
. bin/java-env.sh
infermeter_pick_jdk
[ -f target/infermeter.jar ] || ./mvnw -q -B -ntp -DskipTests package >/dev/null
providers=10; models=$(( (cells + providers - 1) / providers ))
{
  echo "name: probe-scale"
  echo "providers:"
  for p in $(seq 1 $providers); do
    echo "  - name: p$p"
    echo "    simulate: steady"
    echo "    models:"
    for m in $(seq 1 $models); do echo "      m$m: vendor/m$m"; done
  done
  echo 'prompt: {messages: [{role: user, content: "Describe the sea in one sentence."}], max_tokens: 16}'
  echo "schedule: {requests: 10, warmup: 0, spacing: $spacing, jitter: 0s}"
  echo "simulator: {seed: 7, time_scale: 1.0}"
} > "$work/scale.yaml"
"$JAVA_HOME/bin/java" -jar target/infermeter.jar probe "$work/scale.yaml" --store "$work/scale.db" \
  --region bench --for "$duration" --spool "$work/spool.db" 2> "$work/probe.log" &
pid=$!
sleep_for=$(( $(echo "$duration" | sed 's/s$//;s/m$/*60/;s/h$/*3600/' | bc) - 5 ))
sleep "$sleep_for"
threads=$(ls "/proc/$pid/task" | wc -l)
cpu_s=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$pid/stat")
rss_mib=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
wait "$pid" || true
tail -1 "$work/probe.log"
echo "cells: $cells, spacing: $spacing, for: $duration; 5 s before the end: CPU ${cpu_s} s (user+system since start)," \
  "RSS ${rss_mib} MiB, ${threads} threads"
sqlite3 "$work/scale.db" "
  WITH lag AS (SELECT (started_at - scheduled_at) / 1e6 AS ms FROM samples),
       ranked AS (SELECT ms, ROW_NUMBER() OVER (ORDER BY ms) AS r, COUNT(*) OVER () AS n FROM lag)
  SELECT 'samples ' || MAX(n) || ', cells measured ' || (SELECT COUNT(DISTINCT cell_id) FROM samples)
    || '; start lag ms: p50 ' || printf('%.1f', MAX(CASE WHEN r = (n + 1) / 2 THEN ms END))
    || ', p99 ' || printf('%.1f', MAX(CASE WHEN r = (n * 99 + 99) / 100 THEN ms END))
    || ', max ' || printf('%.1f', MAX(ms)) FROM ranked;"
