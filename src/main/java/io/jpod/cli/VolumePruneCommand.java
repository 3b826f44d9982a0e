package io.jpod.cli;

import io.jpod.engine.VolumeService.VolumeInfo;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod volume prune [-f]}: removes every volume no pod uses, as {@code podman volume prune}. */
@Command(name = "prune", description = "Remove all unused volumes.")
public final class VolumePruneCommand extends EngineCommand {
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (!force) {
            List<String> unused = engine().volumes().list().stream().filter(VolumeInfo::unused)
                    .map(VolumeInfo::row).map(r -> r.name()).toList();
            String warning = "WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:\n"
                    + String.join("\n", unused);
            if (!Confirmation.ask(out(), invocation().in(), warning)) {
                return 0;
            }
        }
        engine().volumes().prune().forEach(out()::println);
        out().flush();
        return 0;
    }
}
