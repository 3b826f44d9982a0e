package io.jpod.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: parses the command line, runs one command, maps errors to messages and exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs jpod with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        long started = System.nanoTime();
        String unknown = CommandTree.unknownCommand(args);
        if (unknown != null) {
            err.println("Error: unrecognized command '" + unknown + "'");
            err.println("See '" + unknown.substring(0, unknown.lastIndexOf(' ')) + " --help'");
            err.flush();
            return ErrorReporter.ENGINE_ERROR;
        }
        CommandLine cl = commandLine(out, err, args);
        GlobalOptions global = ((JpodCommand) cl.getCommand()).global;
        global.startClock(started);
        int code = cl.execute(args);
        global.reportTimes();
        return code;
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
