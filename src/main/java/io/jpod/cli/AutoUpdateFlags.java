package io.jpod.cli;

import io.jpod.autoupdate.HealthGate;
import io.jpod.engine.AutoUpdateService;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of an auto-update run that {@code auto-update} and {@code auto-update schedule set} share. */
final class AutoUpdateFlags {
    @Option(names = "--rollback", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Put the previous image back when a moved pod fails its check (default: true).")
    boolean rollback = true;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
            description = "How long a moved pod with readiness or startup probes has to become Ready (default: 2m).")
    String timeout = "2m";

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long a moved pod without probes must run without a restart to count as healthy (default: 10s).")
    String settle = "10s";

    /** The gate the flags ask for (a bad duration is the flag's error). */
    HealthGate gate() {
        return AutoUpdateService.gate(timeout, settle);
    }

    /** The flags as a stored schedule's runs get them. */
    List<String> args() {
        List<String> args = new ArrayList<>();
        if (!rollback) {
            args.add("--rollback=false");
        }
        args.add("--timeout=" + timeout);
        args.add("--settle=" + settle);
        return args;
    }
}
