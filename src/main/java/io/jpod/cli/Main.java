package io.jpod.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point: parses the command line, runs one command, maps errors to messages and exit codes. */
public final class Main {
    private static final List<String> SUPERVISE = List.of("system", "supervise");

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs jpod with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, null);
    }

    /** The same, for the user's working directory and standard streams in {@code invocation} (null: this process's). */
    static int run(String[] args, PrintWriter out, PrintWriter err, Invocation invocation) {
        long started = System.nanoTime();
        if (List.of(args).equals(SUPERVISE)) {
            return supervise(err);
        }
        String unknown = CommandTree.unknownCommand(args);
        if (unknown != null) {
            ErrorReporter.unrecognized(err, unknown);
            err.flush();
            return ErrorReporter.ENGINE_ERROR;
        }
        CommandLine cl = commandLine(out, err, args);
        GlobalOptions global = ((JpodCommand) cl.getCommand()).global;
        global.startClock(started);
        if (invocation != null) {
            global.served(invocation);
        }
        try {
            int code = cl.execute(args);
            global.reportTimes();
            return code;
        } finally {
            if (invocation != null) {
                global.close(); // a process that goes on (the command service) keeps no store open
            }
        }
    }

    /**
     * {@code jpod system supervise}, as the engine starts it (no other argument), runs without building the command
     * line: picocli's model, its annotations and their proxies were some 200 of the supervisor's classes, kept in
     * its metaspace for as long as it runs (bench/README.md, the supervisor's footprint).
     */
    private static int supervise(PrintWriter err) {
        GlobalOptions global = new GlobalOptions();
        global.errorStream(err);
        try {
            new SystemSuperviseCommand().supervise(global);
            return 0;
        } catch (RuntimeException e) {
            return new ErrorReporter(global).report(e, err, "supervise");
        }
    }

    /** The command line for {@code args}: only the commands they name are built ({@link CommandTree}); null: all. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        JpodCommand top = new JpodCommand();
        CommandLine cl = new CommandLine(top);
        if (args == null) {
            CommandTree.attachAll(cl);
        } else {
            CommandTree.attach(cl, args);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        top.global.errorStream(err);
        ErrorReporter reporter = new ErrorReporter(top.global);
        cl.setExecutionExceptionHandler(reporter);
        cl.setParameterExceptionHandler(reporter);
        stopAtPositionalForExec(cl);
        return cl;
    }

    /** {@code jpod exec CTR ls -l}: everything after the container is the command, options included. */
    private static void stopAtPositionalForExec(CommandLine cl) {
        if (cl.getCommand() instanceof ExecCommand) {
            cl.setStopAtPositional(true);
        }
        cl.getSubcommands().values().forEach(Main::stopAtPositionalForExec);
    }
}
