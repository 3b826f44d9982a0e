package io.jpod.cli;

import io.jpod.kube.Inputs;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where one command runs: the user's working directory, standard input and output, whether they are terminals,
 * and the environment. A command run by its own jpod process has its process's; one served by the command
 * service ({@link CommandServer}) has its client's.
 */
record Invocation(Path cwd, InputStream in, OutputStream stdout, Map<String, String> env, boolean stdinTty, boolean stdoutTty,
        boolean stderrTty) {

    /** This process's own. */
    static Invocation ofProcess() {
        return new Invocation(Path.of("").toAbsolutePath(), System.in, new FileOutputStream(FileDescriptor.out), System.getenv(),
                Terminal.isTerminal(0), Terminal.isTerminal(1), Terminal.isTerminal(2));
    }

    /** A path the user gave ({@code --authfile}, {@code -o}...) from the working directory; null stays null. */
    String path(String given) {
        return given == null ? null : cwd.resolve(given).toString();
    }

    /** Where the engine reads the files the user named. */
    Inputs inputs() {
        return new Inputs(cwd, in);
    }

    /** True when standard error is a terminal and {@code TERM} is not {@code dumb}. */
    boolean stderrShowsProgress() {
        return stderrTty && !"dumb".equals(env.get("TERM"));
    }
}
