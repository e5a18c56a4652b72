#!/usr/bin/env bash
# The gateway's benchmarks (README, "Gateway: route").
# Usage: bench/route.sh fleet [requestsPerModel=150] [spacingMillis=300] [timeScale=0.1]
#        bench/route.sh overhead [streams=1] [requestsPerStream=200]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
mode="${1:-fleet}"
if [ "$mode" = overhead ]; then
    args=(overhead "${2:-1}" "${3:-200}")
else
    args=(fleet "${2:-150}" "${3:-300}" "${4:-0.1}")
fi
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.infermeter.bench.RouteBench "${args[@]}"
