# Sourced by the bench scripts from the repository root: picks the JDK and builds the classpath of the
# compiled main, test and bench classes with their test-scope dependencies, as $cp.
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
cp="$build_dir/test-classes:$build_dir/classes:$(cat "$cp_file")"
