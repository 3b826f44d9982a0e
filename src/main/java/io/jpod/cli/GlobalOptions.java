package io.jpod.cli;

import io.jpod.engine.Engine;
import picocli.CommandLine.Option;

/** Options every command accepts (before or after the verb), and the engine they configure. */
public final class GlobalOptions {
    public enum LogLevel { debug, info, warn, error }

    @Option(names = "--log-level", description = "Log messages at and above this level: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "warn", scope = picocli.CommandLine.ScopeType.INHERIT)
    LogLevel logLevel = LogLevel.warn;

    @Option(names = "--runtime", paramLabel = "PATH|NAME", description = "OCI runtime to use (runc, crun or a path); default: the first that works here.",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    String runtime;

    @Option(names = "--storage-driver", paramLabel = "DRIVER", description = "How container roots are assembled: overlay, fuse-overlay or copy (default: the first that works here).",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    String storageDriver;

    @Option(names = "--network-backend", paramLabel = "BACKEND", description = "What carries a shared network made by this command to and from "
            + "the host: pasta or slirp4netns (default: slirp4netns). A network that is up keeps its own.", scope = picocli.CommandLine.ScopeType.INHERIT)
    String networkBackend;

    private Engine engine;
    private StartupClock clock = new StartupClock(System.nanoTime());
    private java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
    private Invocation invocation;
    private boolean served;

    /** Where warnings go: the command line's error stream. */
    void errorStream(java.io.PrintWriter err) {
        this.err = err;
    }

    /** Where this command runs (its working directory and streams); the process's own unless {@link Main} said otherwise. */
    Invocation invocation() {
        if (invocation == null) {
            invocation = Invocation.ofProcess();
        }
        return invocation;
    }

    /** A command served by the command service runs in {@code invocation}, its client's. */
    void served(Invocation invocation) {
        this.invocation = invocation;
        this.served = true;
    }

    /** Closes the engine, if the command opened it (a served command's process goes on). */
    void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /** Events shown to the user, as podman shows them: warnings, progress, debug detail with --log-level=debug. */
    io.jpod.events.Events events() {
        return new StderrEvents(err, logLevel, false);
    }

    /** The global options of the command line {@code spec} belongs to (they live on the top-level command). */
    public static GlobalOptions of(picocli.CommandLine.Model.CommandSpec spec) {
        return ((JpodCommand) spec.root().userObject()).global;
    }

    public LogLevel logLevel() {
        return logLevel;
    }

    /** The engine, opened on first use (commands that need no state never open it). */
    public Engine engine() {
        if (engine == null) {
            clock.mark("command line parsed");
            String rt = runtime != null && runtime.contains("/") ? invocation().path(runtime) : runtime;
            engine = Engine.open(rt, storageDriver, networkBackend, events());
            clock.mark("engine opened");
        }
        return engine;
    }

    void startClock(long mainStartedNanos) {
        clock = new StartupClock(mainStartedNanos);
    }

    /** With --log-level=debug, where the command's time went (start-up phases), on the error stream. */
    void reportTimes() {
        if (logLevel == LogLevel.debug) {
            clock.mark("command done");
            events().debug(clock.report() + (served ? " (served by the command service, process " + ProcessHandle.current().pid() + ")" : ""));
        }
    }
}
