package io.jpod.cli;

import io.jpod.engine.VolumeService.VolumeInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod volume inspect [--all] [--format F] NAME...}: podman-shaped JSON (always an array) of volumes. */
@Command(name = "inspect", description = "Display detailed information on one or more volumes.")
public final class VolumeInspectCommand extends EngineCommand {
    @Option(names = {"-f", "--format"}, description = "json (default) or a Go template.")
    String format;

    @Option(names = {"-a", "--all"}, description = "Inspect all volumes.")
    boolean all;

    @Parameters(paramLabel = "NAME", arity = "0..*")
    List<String> names = List.of();

    @Override
    public Integer call() {
        List<String> wanted = all ? engine().volumes().list().stream().map(v -> v.row().name()).toList() : names;
        if (wanted.isEmpty() && !all) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "provide one or more volume names or use --all");
        }
        return PerObject.inspect(this, wanted, format, false, n -> VolumeRows.inspect(inspect(n)));
    }

    private VolumeInfo inspect(String name) {
        return engine().volumes().inspect(name);
    }
}
