package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.storage.FileChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod diff [--format json] CONTAINER} (and {@code container diff}): what the container changed in its image's files. */
@Command(name = "diff", description = "Inspect changes to a container's file system: A added, C changed, D deleted.")
public final class DiffCommand extends EngineCommand {
    @Option(names = "--format", description = "json, or the default: one 'KIND PATH' line per change.")
    String format;

    @Parameters(paramLabel = "CONTAINER", arity = "1")
    String container;

    @Override
    public Integer call() {
        List<FileChange> changes = engine().files().diff(container);
        if (format == null || format.isBlank()) {
            changes.forEach(c -> out().println(c.kind() + " " + c.path()));
        } else if (format.strip().equals("json")) {
            Output.printJson(out(), json(changes));
        } else {
            throw new io.jpod.error.InvalidInputException("--format", "unsupported format \"" + format + "\": must be json");
        }
        out().flush();
        return 0;
    }

    /** podman's object: the paths changed, added and deleted, each list only when not empty. */
    static Map<String, List<String>> json(List<FileChange> changes) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        put(m, "changed", changes, FileChange.Kind.C);
        put(m, "added", changes, FileChange.Kind.A);
        put(m, "deleted", changes, FileChange.Kind.D);
        return m;
    }

    private static void put(Map<String, List<String>> m, String key, List<FileChange> changes, FileChange.Kind kind) {
        List<String> paths = changes.stream().filter(c -> c.kind() == kind).map(FileChange::path).toList();
        if (!paths.isEmpty()) {
            m.put(key, paths);
        }
    }
}
