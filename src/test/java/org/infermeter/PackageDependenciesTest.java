package org.infermeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rooms' dependencies as each package-info states them, checked on the main sources' imports, so a
 * new import across rooms is a decision made here rather than an accident. {@code cli} may import anything.
 */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "infermeter");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.infermeter\\.([a-z.]+?)\\.[A-Z]",
            Pattern.MULTILINE);
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("sample", Set.of()),
            Map.entry("config", Set.of("sample")),
            Map.entry("client", Set.of("sample")),
            Map.entry("sim", Set.of()),
            Map.entry("store", Set.of("sample")),
            Map.entry("stats", Set.of("sample")),
            Map.entry("canary", Set.of("sample")),
            Map.entry("quality", Set.of("sample")),
            Map.entry("run", Set.of("sample", "config", "client", "store", "canary", "quality")),
            Map.entry("load", Set.of("sample", "config", "client", "store", "run", "stats")),
            Map.entry("analysis.model", Set.of("sample", "stats")),
            Map.entry("analysis", Set.of("sample", "config", "store", "stats", "analysis.model")),
            Map.entry("report", Set.of("sample", "stats", "analysis.model")),
            Map.entry("probe", Set.of("sample", "config", "client", "store", "run")),
            Map.entry("progress", Set.of("sample", "run", "load", "stats", "report")),
            Map.entry("web", Set.of("sample", "store", "stats")),
            Map.entry("route", Set.of("sample", "config", "client", "store", "stats", "run")));

    @Test
    void eachRoomImportsOnlyWhatItsPackageInfoAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                if (pkg.equals("cli")) continue;
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(pkg + ": a new package; say in package-info and here what it may depend on");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.add(MAIN.relativize(file) + " imports " + used + " (allowed: " + allowed + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
