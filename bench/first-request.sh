#!/usr/bin/env bash
# A fresh JVM's first request against a server (its own JVM) that stamps its own first token, with
# and without the client's start-up warm-up (issue 9). Error = client TTFT - server TTFT; the
# first request also opens its connection (connecting stays part of the request).
# Usage: bench/first-request.sh [runs=10]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
runs="${1:-10}"
port_file=$(mktemp)
"$JAVA_HOME/bin/java" -cp "$cp" org.infermeter.bench.StampServerMain > "$port_file" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; rm -f "$port_file"' EXIT
for _ in $(seq 100); do [ -s "$port_file" ] && break; sleep 0.1; done
port=$(head -1 "$port_file")
echo "# $(date -u +%FT%TZ) $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $runs fresh JVMs each"
for warmup in true false; do
  for _ in $(seq "$runs"); do
    "$JAVA_HOME/bin/java" -Dinfermeter.client.warmup=$warmup -cp "$cp" org.infermeter.bench.FirstRequestMain "$port" 10
  done | /usr/bin/python3 -c '
import statistics, sys
rows = [dict(kv.split("=", 1) for kv in line.split()) for line in sys.stdin if "=" in line]
col = lambda k: [float(r[k]) for r in rows]
print("warmup=%-5s first request error median %.2f ms max %.2f ms; later requests median %.2f ms;"
      " classes loaded during the first request median %d" % (sys.argv[1], statistics.median(col("first_error_ms")),
      max(col("first_error_ms")), statistics.median(col("later_median_error_ms")),
      statistics.median(col("classes_loaded_during_first"))))' "$warmup"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
