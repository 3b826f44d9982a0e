package io.jpod.cli;

import picocli.CommandLine.Command;

/**
 * {@code jpod system supervise} (hidden): the user's supervisor, started on demand by the commands
 * that leave work for later (a restart after its back-off); returns at once if one runs, and exits
 * when nothing is left to do. Its output goes to the run directory's supervisor.log.
 */
@Command(name = "supervise", hidden = true, description = "Run the supervisor (started on demand; exits when nothing is left to do).")
public final class SystemSuperviseCommand extends EngineCommand {
    @Override
    public Integer call() {
        supervise(global());
        return 0;
    }

    /** Also called without a command line (Main: the supervisor is started with no other argument). */
    void supervise(GlobalOptions global) {
        global.engine().system().supervise();
    }
}
