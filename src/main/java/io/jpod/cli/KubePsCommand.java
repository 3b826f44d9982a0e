package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.engine.Workloads;
import io.jpod.pod.Workload;
import io.jpod.workload.JobController.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jpod kube ps}: the Deployments, DaemonSets and Jobs played, with kubectl's columns, one table per
 * kind as {@code kubectl get all} prints them. A command of its own rather than a filter of {@code pod ps}:
 * a workload is not a pod (it has replicas, a rollout, completions), and {@code pod ps} keeps podman's columns.
 */
@Command(name = "ps", aliases = {"ls", "list"}, description = "List the Deployments, DaemonSets and Jobs played.")
public final class KubePsCommand extends EngineCommand {
    static final List<Column> DEPLOYMENTS = List.of(new Column("NAME", "{{.Name}}"), new Column("READY", "{{.Ready}}"),
            new Column("UP-TO-DATE", "{{.UpToDate}}"), new Column("AVAILABLE", "{{.Available}}"), new Column("AGE", "{{.Age}}"));
    static final List<Column> DAEMONSETS = List.of(new Column("NAME", "{{.Name}}"), new Column("DESIRED", "{{.Desired}}"),
            new Column("CURRENT", "{{.Current}}"), new Column("READY", "{{.ReadyCount}}"), new Column("UP-TO-DATE", "{{.UpToDate}}"),
            new Column("AVAILABLE", "{{.Available}}"), new Column("AGE", "{{.Age}}"));
    static final List<Column> JOBS = List.of(new Column("NAME", "{{.Name}}"), new Column("STATUS", "{{.Status}}"),
            new Column("COMPLETIONS", "{{.Completions}}"), new Column("DURATION", "{{.Duration}}"), new Column("AGE", "{{.Age}}"));
    static final Column MESSAGE = new Column("MESSAGE", "{{.Message}}");

    @Option(names = "--format", description = "Pretty-print workloads: json or a Go template.")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "Print only the workloads' names (kind/name).")
    boolean quiet;

    @Override
    public Integer call() {
        List<Workloads.Status> all = engine().workloads().list();
        Instant now = Instant.now();
        List<Map<String, Object>> rows = all.stream().map(s -> row(s, now)).toList();
        if (quiet) {
            rows.forEach(r -> out().println(r.get("Name")));
        } else if ("json".equals(format)) {
            Output.printJson(out(), rows);
        } else if (format != null) {
            Output.print(out(), format, rows, List.of());
        } else {
            boolean first = true;
            for (Workload.Kind kind : Workload.Kind.values()) {
                List<Map<String, Object>> of = rows.stream().filter(r -> kind.kubeName().equals(r.get("Kind"))).toList();
                if (of.isEmpty()) {
                    continue;
                }
                if (!first) {
                    out().println();
                }
                first = false;
                List<Column> columns = new ArrayList<>(switch (kind) {
                    case DEPLOYMENT -> DEPLOYMENTS;
                    case DAEMONSET -> DAEMONSETS;
                    case JOB -> JOBS;
                });
                if (of.stream().anyMatch(r -> !r.get("Message").toString().isEmpty())) {
                    columns.add(MESSAGE);
                }
                Output.print(out(), null, of, columns);
            }
            if (first) {
                err().println("No workloads played (Deployments, DaemonSets and Jobs: jpod kube play FILE)");
            }
        }
        out().flush();
        err().flush();
        return 0;
    }

    /** One workload's row: kubectl's columns, and the counts and conditions behind them for JSON. */
    static Map<String, Object> row(Workloads.Status s, Instant now) {
        Workload w = s.row().workload();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", w.kind().resource() + "/" + w.name());
        m.put("Kind", w.kind().kubeName());
        m.put("Namespace", w.namespace());
        m.put("Created", s.row().created().toString());
        m.put("Age", age(Duration.between(s.row().created(), now)));
        m.put("Revision", s.row().revision());
        m.put("Pods", s.pods().stream().map(p -> p.pod().name()).toList());
        StringBuilder message = new StringBuilder();
        s.held().forEach((pod, why) -> message.append(message.length() == 0 ? "" : "; ").append(why));
        m.put("Message", message.toString());
        if (s.rollout() != null) {
            var r = s.rollout();
            m.put("Replicas", r.replicas());
            m.put("Ready", r.ready() + "/" + r.replicas());
            m.put("ReadyCount", r.ready());
            m.put("Desired", r.replicas());
            m.put("Current", r.current());
            m.put("UpToDate", r.updated());
            m.put("Available", r.available());
            m.put("RolloutComplete", r.complete());
            m.put("Strategy", w.strategy().type().kubeName());
        }
        if (s.job() != null) {
            var j = s.job();
            JobState state = s.jobState();
            Integer completions = w.job().completions();
            m.put("Status", state.condition() != null ? state.condition().kubeName() : "Running");
            m.put("Completions", j.succeeded() + "/" + (completions == null ? "1 of " + w.job().parallelism() : completions));
            m.put("Succeeded", j.succeeded());
            m.put("Failed", j.failed());
            m.put("Active", j.active());
            Instant start = state.startTime();
            Instant end = state.finishedAt() != null ? state.finishedAt() : now;
            m.put("Duration", start == null ? "" : age(Duration.between(start, end)));
            m.put("StartTime", start == null ? null : start.toString());
            m.put("FinishedAt", state.finishedAt() == null ? null : state.finishedAt().toString());
            m.put("Reason", state.reason());
            m.put("ReasonMessage", state.message());
            if (state.reason() != null && message.length() == 0) {
                m.put("Message", state.reason() + ": " + state.message());
            }
        }
        return m;
    }

    /** kubectl's short durations: 45s, 2m5s, 12m, 3h20m, 5h, 2d3h, 9d. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
        }
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 8) {
            return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
        }
        if (h < 48) {
            return h + "h";
        }
        long days = h / 24;
        return days < 8 && h % 24 != 0 ? days + "d" + (h % 24) + "h" : days + "d";
    }
}
