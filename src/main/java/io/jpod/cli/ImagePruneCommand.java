package io.jpod.cli;

import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod image prune [-a] [-f]}: removes unused images, as {@code podman image prune}. */
@Command(name = "prune", description = "Remove unused images: dangling ones, or with --all every image no container uses.")
public final class ImagePruneCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Remove every image no container uses, not only dangling ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        String warning = all ? "WARNING! This command removes all images without at least one container associated with them."
                : "WARNING! This command removes all dangling images.";
        if (!force && !Confirmation.ask(out(), invocation().in(), warning)) {
            return 0;
        }
        List<String> removed = engine().images().prune(all);
        removed.forEach(out()::println);
        out().flush();
        return 0;
    }
}
