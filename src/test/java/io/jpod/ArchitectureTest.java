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

/**
 * The package directions of ARCHITECTURE.md, checked on the sources: no package imports one above
 * it, and the CLI takes from the packages below the engine only values (records, enums,
 * exceptions) and the callbacks it implements: everything it does goes through the engine.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/jpod");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.jpod\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** What each package may import besides itself (error, events and json are open to all). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("cli", Set.of("engine", "kubelet", "kube", "image", "network", "state", "storage", "pod", "host", "workload",
                    "autoupdate", "client")),
            Map.entry("client", Set.of()),
            Map.entry("engine", Set.of("kubelet", "kube", "image", "oci", "runtime", "storage", "network", "probe", "state", "host", "pod",
                    "workload", "autoupdate")),
            Map.entry("autoupdate", Set.of("kubelet", "pod")),
            Map.entry("workload", Set.of("pod")),
            Map.entry("network", Set.of("runtime", "host", "pod")),
            Map.entry("probe", Set.of("pod")),
            Map.entry("kube", Set.of("kubelet", "pod", "workload", "autoupdate")),
            Map.entry("kubelet", Set.of("pod")),
            Map.entry("image", Set.of("state", "host")),
            Map.entry("storage", Set.of("runtime", "host")),
            Map.entry("state", Set.of("pod")),
            Map.entry("oci", Set.of("pod")),
            Map.entry("runtime", Set.of("host")),
            Map.entry("host", Set.of()),
            Map.entry("pod", Set.of()),
            Map.entry("events", Set.of()),
            Map.entry("error", Set.of()),
            Map.entry("json", Set.of()));
    private static final Set<String> OPEN = Set.of("error", "events", "json");
    /** A type named in a source, imported or written in full: package path and (possibly nested) class name. */
    private static final Pattern TYPE = Pattern.compile("\\bio\\.jpod\\.([a-z]+(?:\\.[a-z]+)*)\\.([A-Z]\\w*(?:\\.[A-Z]\\w*)*)");
    /** What the CLI may use freely; from any other package only values and {@link #CLI_CALLBACKS}. */
    private static final Set<String> CLI_FREE = Set.of("cli", "client", "engine", "error", "events");
    /** Interfaces below the engine that the CLI implements, for the engine to call back. */
    private static final Set<String> CLI_CALLBACKS = Set.of("io.jpod.image.registry.ShortNameChooser");

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

    @Test
    void theCliTakesOnlyValuesFromBelowTheEngine() throws IOException, ClassNotFoundException {
        List<String> violations = new ArrayList<>();
        Path cli = SOURCES.resolve("cli");
        try (Stream<Path> s = Files.walk(cli)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = TYPE.matcher(Files.readString(f));
                while (m.find()) {
                    String pkg = m.group(1);
                    if (CLI_FREE.contains(pkg.split("\\.")[0])) {
                        continue;
                    }
                    String name = "io.jpod." + pkg + "." + m.group(2);
                    Class<?> type = Class.forName("io.jpod." + pkg + "." + m.group(2).replace('.', '$'), false, getClass().getClassLoader());
                    if (!isValue(type) && !CLI_CALLBACKS.contains(name)) {
                        violations.add(f.getFileName() + " uses " + name + ", which is no record, enum or exception: go through the engine");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    private static boolean isValue(Class<?> type) {
        return type.isRecord() || type.isEnum() || Throwable.class.isAssignableFrom(type);
    }

    @Test
    void valuesAreRecognised() {
        assertTrue(isValue(io.jpod.image.ImageReference.class) && isValue(io.jpod.pod.PullPolicy.class)
                && isValue(io.jpod.image.ImageInUseException.class));
        assertTrue(!isValue(io.jpod.image.ImageStore.class) && !isValue(io.jpod.state.StateStore.class));
    }
}
