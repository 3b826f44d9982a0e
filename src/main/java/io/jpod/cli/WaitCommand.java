package io.jpod.cli;

import io.jpod.engine.EventLog;
import io.jpod.error.Choices;
import io.jpod.error.InvalidInputException;
import io.jpod.state.ContainerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod wait [--condition STATE]... [-i INTERVAL] CONTAINER...}: blocks until each container is in one of the
 * states (default: stopped, i.e. ended) and prints its exit code (-1 for a state other than stopped or exited), as podman.
 * It runs in its own process ({@link ServedCommands}): it may block for as long as a container runs.
 */
@Command(name = "wait", description = "Block on one or more containers.")
public final class WaitCommand extends EngineCommand {
    @Option(names = "--condition", paramLabel = "STATE", split = ",",
            description = "Condition to wait on: created, running, paused, stopped or exited (default: stopped).")
    List<String> conditions = new ArrayList<>();

    @Option(names = {"-i", "--interval"}, paramLabel = "INTERVAL", defaultValue = "250ms",
            description = "Time interval to wait before polling for completion: a Go duration, or milliseconds (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        Set<ContainerState> states = states(conditions);
        Duration every = interval(interval);
        return PerObject.run(this, Targets.containers(this, containers, false, latest, x -> true), c -> Integer.toString(engine().pods().waitFor(c, states, every)));
    }

    /** The states {@code --condition} names; stopped when none. */
    static Set<ContainerState> states(List<String> conditions) {
        Set<ContainerState> states = EnumSet.noneOf(ContainerState.class);
        for (String c : conditions) {
            states.add(Choices.parse(ContainerState.class, c.strip(), "condition", "--condition", ContainerState::label));
        }
        return states.isEmpty() ? EnumSet.of(ContainerState.STOPPED) : states;
    }

    /** {@code --interval}: a Go duration, or a number of milliseconds (podman's reading). */
    static Duration interval(String text) {
        Duration d = text.matches("\\d+") ? Duration.ofMillis(Long.parseLong(text)) : EventLog.duration(text);
        if (d == null || d.isNegative()) {
            throw new InvalidInputException("--interval " + text, "not a duration (250ms, 1s) or a number of milliseconds");
        }
        return d;
    }
}
