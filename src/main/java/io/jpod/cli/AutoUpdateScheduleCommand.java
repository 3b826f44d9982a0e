package io.jpod.cli;

import io.jpod.engine.AutoUpdateService.ScheduleInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod auto-update schedule set|show|clear}: the schedule kept in the store, on which the
 * supervisor runs {@code jpod auto-update} without being asked.
 */
@Command(name = "schedule", description = "Keep a schedule in the store on which the supervisor runs auto-update.")
public final class AutoUpdateScheduleCommand extends GroupCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    static String time(Instant t) {
        return TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    static void show(java.io.PrintWriter out, ScheduleInfo s) {
        out.println("Schedule: " + s.expression());
        out.println("Flags:    " + (s.args().isEmpty() ? "(none)" : String.join(" ", s.args())));
        out.println("Since:    " + time(s.since()));
        out.println("Next:     " + s.next().map(AutoUpdateScheduleCommand::time).orElse("never"));
        out.flush();
    }

    /** {@code schedule set CRON [flags]}: stores the schedule and the flags each run gets. */
    @Command(name = "set", description = "Store a Quartz cron schedule (seconds minutes hours day-of-month month day-of-week [year]) "
            + "on which the supervisor runs auto-update with these flags.")
    public static final class Set extends EngineCommand {
        @Parameters(index = "0", paramLabel = "CRON", description = "e.g. \"0 0 3 * * ?\": every day at 03:00.")
        String expression;

        @Mixin
        RegistryFlags registry = new RegistryFlags();

        @Mixin
        AutoUpdateFlags run = new AutoUpdateFlags();

        @Override
        public Integer call() {
            run.gate(); // checked now, not at the first run
            List<String> args = new ArrayList<>();
            if (!registry.tlsVerify) {
                args.add("--tls-verify=false");
            }
            if (registry.authfile != null) {
                args.add("--authfile=" + registry.authfile);
            }
            if (registry.creds != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--creds is not stored with a schedule: use --authfile (see jpod login)");
            }
            args.addAll(run.args());
            show(out(), engine().autoUpdate().setSchedule(expression, args));
            return 0;
        }
    }

    /** {@code schedule show}: the stored schedule, or a line saying there is none (exit 1). */
    @Command(name = "show", description = "Show the stored schedule and its next run.")
    public static final class Show extends EngineCommand {
        @Override
        public Integer call() {
            Optional<ScheduleInfo> s = engine().autoUpdate().schedule();
            if (s.isEmpty()) {
                err().println("No auto-update schedule is set (jpod auto-update schedule set CRON)");
                err().flush();
                return 1;
            }
            show(out(), s.get());
            return 0;
        }
    }

    /** {@code schedule clear}: removes the stored schedule. */
    @Command(name = "clear", description = "Remove the stored schedule.")
    public static final class Clear extends EngineCommand {
        @Override
        public Integer call() {
            boolean was = engine().autoUpdate().clearSchedule();
            err().println(was ? "Auto-update schedule cleared" : "No auto-update schedule was set");
            err().flush();
            return 0;
        }
    }
}
