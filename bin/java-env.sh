# Sourced by bin/infermeter and bin/test: exports JAVA_HOME for a JDK >= 21.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm, /opt and ~/.sdkman.
java_feature() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }

infermeter_pick_jdk() {
  local candidate v best="" bestv=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(java_feature "$JAVA_HOME/bin/java"); [ "${v:-0}" -ge 21 ] && return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(java_feature "$candidate/bin/java"); [ "${v:-0}" -ge 21 ] && { export JAVA_HOME="$candidate"; return 0; }
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    v=$(java_feature "$candidate/bin/java")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$candidate; bestv=$v; fi
  done
  if [ -n "$best" ]; then export JAVA_HOME="$best"; return 0; fi
  echo "infermeter: needs a JDK 21 or newer; none found (JAVA_HOME, PATH, /usr/lib/jvm). Install one and set JAVA_HOME." >&2
  return 1
}

# Maven's bundled Guava calls sun.misc.Unsafe; JDK 24+ warns on every build. Allow it quietly there.
infermeter_maven_opts() {
  local v; v=$(java_feature "$JAVA_HOME/bin/java")
  if [ "${v:-0}" -ge 24 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
}
