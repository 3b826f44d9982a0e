package io.jpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The package directions of ARCHITECTURE.md, checked on the sources: no package imports one above it. */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/jpod");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.jpod\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** What each package may import besides itself (error and events are open to all). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("cli", Set.of("engine", "kube", "image", "network", "state", "pod", "host")),
            Map.entry("engine", Set.of("kube", "image", "oci", "runtime", "storage", "network", "state", "host", "pod")),
            Map.entry("network", Set.of("runtime", "host", "pod")),
            Map.entry("kube", Set.of("pod")),
            Map.entry("image", Set.of("state", "host")),
            Map.entry("storage", Set.of("runtime", "host")),
            Map.entry("state", Set.of("pod")),
            Map.entry("oci", Set.of("pod")),
            Map.entry("runtime", Set.of()),
            Map.entry("host", Set.of()),
            Map.entry("pod", Set.of()),
            Map.entry("events", Set.of()),
            Map.entry("error", Set.of()));
    private static final Set<String> OPEN = Set.of("error", "events");

    @Test
    void everyPackageImportsOnlyDownwards() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(SOURCES)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String pkg = SOURCES.relativize(f).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(f + ": package " + pkg + " is not in ARCHITECTURE.md's list");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.equals(pkg) && !OPEN.contains(target) && !allowed.contains(target)) {
                        violations.add(f + " imports io.jpod." + target);
                    }
                }
            }
        }
        assertTrue(files > 50, "the sources were found");
        assertEquals(List.of(), violations);
    }
}
