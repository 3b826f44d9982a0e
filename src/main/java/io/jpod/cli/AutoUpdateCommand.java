package io.jpod.cli;

import io.jpod.autoupdate.CronSchedule;
import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.engine.AutoUpdateService;
import io.jpod.engine.AutoUpdateService.Report;
import io.jpod.engine.AutoUpdateService.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jpod auto-update}: moves the pods annotated {@code io.containers.autoupdate} to the images
 * their names give now, as {@code podman auto-update} (without systemd), checks each moved pod and
 * rolls it back when it fails; {@code --schedule} keeps doing so on a cron schedule.
 */
@Command(name = "auto-update", description = "Move pods annotated io.containers.autoupdate (registry or local) to their new images, "
        + "rolling back those that fail.")
public final class AutoUpdateCommand extends EngineCommand {
    static final List<Column> TABLE = List.of(new Column("POD", "{{.Pod}}"), new Column("CONTAINER", "{{.ContainerName}}"),
            new Column("IMAGE", "{{.Image}}"), new Column("POLICY", "{{.Policy}}"), new Column("UPDATED", "{{.Updated}}"));

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Option(names = "--dry-run", description = "Check for new images and say which pods would move (pending), changing nothing.")
    boolean dryRun;

    @Option(names = "--format", description = "json, a Go template or 'table ...'.")
    String format;

    @Mixin
    AutoUpdateFlags run = new AutoUpdateFlags();

    @Option(names = "--schedule", paramLabel = "CRON",
            description = "Stay in the foreground and run on this Quartz cron schedule (seconds minutes hours day-of-month month "
                    + "day-of-week), e.g. \"0 0/15 * * * ?\"; SIGTERM or Ctrl-C stops it.")
    String schedule;

    @Option(names = "--recover", hidden = true, description = "Only finish the updates whose jpod was killed (the supervisor's).")
    boolean recover;

    @Option(names = "--trigger", hidden = true, defaultValue = "manual", description = "Who runs it: manual, or scheduled (the supervisor).")
    String trigger;

    @Override
    public Integer call() {
        AutoUpdateService.Options options = new AutoUpdateService.Options(dryRun, run.rollback, run.gate(),
                registry.access(invocation()), trigger, recover);
        if (schedule != null) {
            CronSchedule cron = CronSchedule.parse(schedule);
            StopSignal stop = StopSignal.install();
            err().println("Running auto-update on the schedule \"" + cron.expression() + "\" until SIGTERM or Ctrl-C");
            err().flush();
            engine().autoUpdate().runOnSchedule(cron, options, report -> {
                err().println("Auto-update run at " + AutoUpdateScheduleCommand.time(java.time.Instant.parse(report.run())));
                print(report);
            }, until -> {
                while (!stop.received() && java.time.Instant.now().isBefore(until)) {
                    stop.await(Math.min(1000, Math.max(1, java.time.Duration.between(java.time.Instant.now(), until).toMillis())));
                }
                return !stop.received();
            });
            return stop.exitCode();
        }
        Report report = engine().autoUpdate().run(options);
        print(report);
        if (report.failed()) {
            throw new ExitCodeException(ErrorReporter.ENGINE_ERROR, null);
        }
        return 0;
    }

    void print(Report report) {
        for (Result r : report.results()) {
            if (r.reason() != null) {
                err().println((r.workload() != null ? r.workload() + " " : "") + r.containerName() + ": " + r.outcome().word() + ": "
                        + r.reason());
            }
        }
        err().flush();
        Output.print(out(), format, report.results().stream().map(AutoUpdateCommand::row).toList(), TABLE);
        out().flush();
    }

    static Map<String, Object> row(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Pod", r.workload() != null ? r.workload() : r.pod());
        m.put("Workload", r.workload() == null ? "" : r.workload());
        m.put("Container", r.container());
        m.put("ContainerName", r.containerName());
        m.put("Image", r.image());
        m.put("Policy", r.policy().word());
        m.put("Updated", r.outcome().word());
        m.put("Reason", r.reason() == null ? "" : r.reason());
        return m;
    }
}
