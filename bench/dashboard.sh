#!/usr/bin/env bash
# What `serve` costs on a large store (see DashboardBench): builds the store with LargeStoreBuilder
# unless it exists, then times the start, /api/cells and a series.
# Usage: bench/dashboard.sh [models=20] [providers=10] [perCell=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
models="${1:-20}"; providers="${2:-10}"; per_cell="${3:-1000}"
store="target/dashboard-bench-$models-$providers-$per_cell.db"
[ -f "$store" ] || "$JAVA_HOME/bin/java" -cp "$cp" org.infermeter.bench.LargeStoreBuilder "$store" "$models" "$providers" "$per_cell" >/dev/null
echo "# $(date -u +%FT%TZ) $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $((models * providers)) cells x $per_cell samples"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" org.infermeter.bench.DashboardBench "$store"
