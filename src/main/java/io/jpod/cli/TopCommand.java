package io.jpod.cli;

import io.jpod.cli.format.Output;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod top [-l] CONTAINER [DESCRIPTOR...]}: the container's processes, read from /proc, in podman's columns
 * ({@link TopColumns}: USER PID PPID %CPU ELAPSED TTY TIME COMMAND unless descriptors say others).
 */
@Command(name = "top", description = "Display the running processes of a container.")
public final class TopCommand extends EngineCommand {
    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER [DESCRIPTOR...]", arity = "0..*",
            description = "The container (unless -l), then format descriptors: args, comm, etime, group, hpid, huser, nice, pcpu, "
                    + "pid, ppid, rgroup, rss, ruser, state, time, tty, user, vsz (or their AIX codes, %C…).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> rest = latest || args.isEmpty() ? args : args.subList(1, args.size());
        List<String> descriptors = TopColumns.descriptors(rest);
        String container = Targets.container(this, latest || args.isEmpty() ? null : args.get(0), latest);
        var processes = engine().metrics().top(container);
        Output.print(out(), null, TopColumns.rows(descriptors, processes, Instant.now()), TopColumns.columns(descriptors));
        return 0;
    }
}
