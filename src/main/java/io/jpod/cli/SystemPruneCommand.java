package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.engine.DiskService.PruneReport;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jpod system prune [-f] [-a] [--volumes]}: removes the pods none of whose containers runs, the unused images
 * (dangling ones only without {@code --all}) and, with {@code --volumes}, the unused volumes; asks first unless {@code -f},
 * as {@code podman system prune}.
 */
@Command(name = "prune", description = "Remove unused data: stopped pods, unused images and (--volumes) volumes.")
public final class SystemPruneCommand extends EngineCommand {
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not only dangling ones.")
    boolean all;

    @Option(names = "--volumes", description = "Prune volumes too.")
    boolean volumes;

    @Override
    public Integer call() throws IOException {
        if (!force && !Confirmation.ask(out(), invocation().in(), warning(all, volumes))) {
            return 0;
        }
        PruneReport r = engine().disk().prune(all, volumes);
        section("Deleted Pods", r.pods());
        section("Deleted Volumes", r.volumes());
        section("Deleted Images", r.images());
        out().println("Total reclaimed space: " + Output.diskSize(r.reclaimed()));
        out().flush();
        return 0;
    }

    /** podman's warning, in jpod's terms (every container is in a pod). */
    static String warning(boolean all, boolean volumes) {
        StringBuilder b = new StringBuilder("WARNING! This command removes:\n\t- all stopped pods and their containers\n");
        if (volumes) {
            b.append("\t- all volumes not used by at least one container\n");
        }
        b.append(all ? "\t- all images without at least one container associated with them\n" : "\t- all dangling images\n");
        return b.toString();
    }

    private void section(String title, List<String> ids) {
        if (!ids.isEmpty()) {
            out().println(title);
            ids.forEach(out()::println);
        }
    }
}
