#!/usr/bin/env bash
# Measures InferMeter's TTFT overhead against curl on a loopback server with an injected delay.
# Usage: bench/ttft-accuracy.sh [requests=500] [delayMillis=50] [warmup=50]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
exec "$JAVA_HOME/bin/java" -cp "$cp" \
    org.infermeter.bench.TtftAccuracyBench "$@"
