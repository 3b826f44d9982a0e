package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod volume rm [-f] [--all] NAME...}: prints each name removed; an error per volume that could not be. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more volumes.")
public final class VolumeRmCommand extends EngineCommand {
    @Option(names = {"-f", "--force"}, description = "Remove a volume in use too, removing the pods that use it first.")
    boolean force;

    @Option(names = {"-a", "--all"}, description = "Remove all volumes.")
    boolean all;

    @Parameters(paramLabel = "NAME", arity = "0..*")
    List<String> names = List.of();

    @Override
    public Integer call() {
        if (all == !names.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), all
                    ? "when using the --all flag, no volume names may be given" : "provide one or more volume names or use --all");
        }
        List<String> wanted = all ? engine().volumes().list().stream().map(v -> v.row().name()).toList() : names;
        return PerObject.run(this, wanted, n -> engine().volumes().remove(n, force));
    }
}
