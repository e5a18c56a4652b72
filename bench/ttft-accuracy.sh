#!/usr/bin/env bash
# Measures InferMeter's TTFT overhead against curl on a loopback server with an injected delay.
# Usage: bench/ttft-accuracy.sh [requests=500] [delayMillis=50] [warmup=50]
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/java-env.sh
infermeter_pick_jdk
infermeter_maven_opts
build_dir="${BUILD_DIR:-target}"
cp_file="$build_dir/bench-classpath.txt"
# Full plugin coordinates: the `dependency:` prefix cannot be resolved offline. Offline first; if the
# plugin is not in ~/.m2 yet, fetch it once.
build_cp=(test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath
          -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test)
./mvnw -q -o "${build_cp[@]}" >/dev/null 2>&1 || ./mvnw -q "${build_cp[@]}" >/dev/null
exec "$JAVA_HOME/bin/java" -cp "$build_dir/test-classes:$build_dir/classes:$(cat "$cp_file")" \
    org.infermeter.bench.TtftAccuracyBench "$@"
