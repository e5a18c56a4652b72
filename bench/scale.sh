#!/usr/bin/env bash
# The harness at scale: 1, 100, 1,000, 2,000 and 10,000 concurrent streams over loopback against a
# server (its own JVM) that stamps its own first token; error = client TTFT - server TTFT. The same
# load, in the same run, through Jetty's HttpClient (the alternative InferMeter measured) and a peer
# client (Python aiohttp, as vLLM's benchmark streams) when /usr/bin/python3 has aiohttp. Each line carries the machine's load average when it was taken.
# Usage: bench/scale.sh [stream counts...]   (default: 1 100 1000 2000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
ulimit -n "$(ulimit -Hn)"   # 10,000 streams need 10,000 sockets on each side

port_file=$(mktemp)
"$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.infermeter.bench.StampServerMain > "$port_file" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; rm -f "$port_file"' EXIT
for _ in $(seq 100); do [ -s "$port_file" ] && break; sleep 0.1; done
port=$(head -1 "$port_file")

# streams -> requests per stream, first-token ms, tokens, gap ms: ~1 s streams; 10,000 slow ones (long gaps).
shape() {
  case "$1" in
    1) echo "40 200 20 40" ;;
    100) echo "10 200 20 40" ;;
    1000) echo "5 200 20 40" ;;
    2000) echo "5 200 20 40" ;;
    10000) echo "2 1000 10 1000" ;;
    *) echo "3 200 20 40" ;;
  esac
}
echo "# $(date -u +%FT%TZ) $(nproc) cores; server in its own JVM on 127.0.0.1:$port; client -Xmx512m"
for n in "${@:-1 100 1000 2000 10000}"; do
  for streams in $n; do
    read -r per first tokens gap <<< "$(shape "$streams")"
    echo "## $streams streams x $per requests, first token ${first} ms, $tokens tokens ${gap} ms apart; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$JAVA_HOME/bin/java" -Xmx512m ${SCALE_JAVA_OPTS:-} -cp "$cp" org.infermeter.bench.ScaleBench "$port" "$streams" "$per" "$first" "$tokens" "$gap" \
      | sed "s/^/infermeter: /"
    if [ -n "${SCALE_COMPARE_INLINE:-}" ]; then  # the same client parsing on the selector thread, as before the pool
      "$JAVA_HOME/bin/java" -Xmx512m -Dinfermeter.client.parse=inline -cp "$cp" org.infermeter.bench.ScaleBench "$port" "$streams" "$per" "$first" "$tokens" "$gap" \
        | sed "s/^/inline:     /"
    fi
    # Jetty's non-blocking HttpClient with the same cells, stamp and parsing: the measured alternative.
    "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" org.infermeter.bench.JettyScaleBench "$port" "$streams" "$per" "$first" "$tokens" "$gap" \
      2>/dev/null | sed "s/^/jetty:      /"
    if /usr/bin/python3 -c 'import aiohttp' 2>/dev/null; then
      /usr/bin/python3 bench/peer_aiohttp.py "$port" "$streams" "$per" "$first" "$tokens" "$gap" | sed "s/^/aiohttp:    /"
    fi
    echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
