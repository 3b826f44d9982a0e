package io.jpod.cli;

import io.jpod.cli.format.GoTemplate;
import io.jpod.cli.format.Output;
import io.jpod.engine.EventLog;
import io.jpod.state.EventRow;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jpod events}: what happened to pods, containers and images, as {@code podman events}:
 * the events recorded (between {@code --since} and {@code --until}), then, with {@code --stream}
 * (the default), each new one as it is recorded until SIGTERM (exit 0), SIGINT (exit 1, as
 * podman) or the {@code --until} time.
 */
@Command(name = "events", description = "Show jpod events.")
public final class EventsCommand extends EngineCommand {
    private static final Pattern JSON = Pattern.compile("\\s*(json|\\{\\{\\s*json\\s*\\.?\\s*}})\\s*");
    /** How often a streaming command looks for new events. */
    static final long POLL_MILLIS = 200;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "Filter output: container, event (or status), "
            + "image, label, pod, type, volume. One key's values are alternatives; keys combine.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", description = "Format the output: json (JSON Lines) or a Go template.")
    String format;

    @Option(names = "--since", description = "Show the events since this time (RFC 3339, Unix seconds, or a duration: 10m ago).")
    String since;

    @Option(names = "--until", description = "Show the events until this time (RFC 3339, Unix seconds, or a duration from now).")
    String until;

    @Option(names = "--stream", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Stream new events; --stream=false prints the events recorded and exits (default: true).")
    boolean stream = true;

    @Option(names = "--no-trunc", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Do not truncate the output (default: true).")
    boolean noTrunc = true;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        Instant from = since == null ? null : EventTimes.parse("--since", since, now, zone);
        Instant to = until == null ? null : EventTimes.parse("--until", until, now, zone);
        Consumer<EventRow> print = printer(out(), format, noTrunc, zone);
        EventLog log = engine().eventLog();
        Predicate<EventRow> filter = log.filter(filters);
        long mark = log.lastId();
        // podman: a stream with neither --since nor --until starts at the end (journald's tail)
        if (!stream || from != null || to != null) {
            long upTo = mark;
            log.read(from, to, filter.and(e -> e.id() <= upTo)).forEach(print);
        }
        if (!stream) {
            return 0;
        }
        StopSignal stop = StopSignal.install();
        while (!stop.received() && (to == null || Instant.now().isBefore(to))) {
            stop.await(POLL_MILLIS);
            for (EventRow e : log.after(mark, null)) {
                mark = e.id();
                if (filter.test(e) && (from == null || e.time().isAfter(from)) && (to == null || e.time().isBefore(to))) {
                    print.accept(e);
                }
            }
        }
        return stop.exitCode();
    }

    /** What prints one event for {@code --format}: podman's line, JSON Lines, or a Go template. */
    static Consumer<EventRow> printer(PrintWriter out, String format, boolean noTrunc, ZoneId zone) {
        if (format == null || format.isBlank()) {
            return e -> {
                out.println(human(e, noTrunc, zone));
                out.flush();
            };
        }
        if (JSON.matcher(format).matches()) {
            return e -> Output.printJsonLine(out, json(e));
        }
        String f = format.replace("\\t", "\t").replace("\\n", "\n");
        GoTemplate template = GoTemplate.parse(f);
        String end = f.endsWith("\n") ? "" : "\n";
        return e -> {
            out.print(template.execute(fields(e)) + end);
            out.flush();
        };
    }

    /**
     * podman's line: {@code TIME TYPE STATUS ID (image=I, name=N, pod_id=P, k=v…)} for containers and pods,
     * {@code TIME image STATUS ID NAME} for images, {@code TIME volume STATUS NAME} for volumes, and
     * {@code TIME workload STATUS deployment.apps/NAME (k=v…)} for jpod's workloads.
     */
    static String human(EventRow e, boolean noTrunc, ZoneId zone) {
        String id = noTrunc ? e.objectId() : Views.shortId(e.objectId());
        String head = EventTimes.goTime(e.time(), zone) + " " + e.type().word() + " " + e.status() + " ";
        return switch (e.type()) {
            case CONTAINER, POD -> {
                StringBuilder line = new StringBuilder(head).append(id).append(" (image=").append(nonNull(e.image()))
                        .append(", name=").append(nonNull(e.name()));
                if (e.podId() != null && !e.podId().isEmpty()) {
                    line.append(", pod_id=").append(e.podId());
                }
                e.attributes().forEach((k, v) -> line.append(", ").append(k).append('=').append(v));
                yield line.append(')').toString();
            }
            case IMAGE -> head + id + " " + nonNull(e.name());
            case VOLUME -> head + nonNull(e.name());
            case WORKLOAD -> {
                StringBuilder line = new StringBuilder(head).append(nonNull(e.name()));
                if (!e.attributes().isEmpty()) {
                    line.append(" (");
                    e.attributes().forEach((k, v) -> line.append(line.charAt(line.length() - 1) == '(' ? "" : ", ").append(k).append('=').append(v));
                    line.append(')');
                }
                yield line.toString();
            }
        };
    }

    /** podman's JSON object of an event (empty fields left out, as Go's omitempty does). */
    static Map<String, Object> json(EventRow e) {
        Map<String, Object> m = new LinkedHashMap<>();
        String exitCode = e.attributes().get("exitCode");
        if (exitCode != null && e.status().equals("died")) {
            m.put("ContainerExitCode", Integer.parseInt(exitCode));
        }
        putIfSet(m, "ID", e.objectId());
        putIfSet(m, "Image", e.image());
        putIfSet(m, "Name", e.name());
        putIfSet(m, "PodID", e.podId());
        m.put("Status", e.status());
        m.put("Time", e.time().getEpochSecond());
        m.put("TimeNano", e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano());
        m.put("Type", e.type().word());
        if (!e.attributes().isEmpty()) {
            m.put("Attributes", e.attributes());
        }
        return m;
    }

    /** The fields a Go template sees: podman's, {@code .Time} a time (printed as Go prints one). */
    static Map<String, Object> fields(EventRow e) {
        Map<String, Object> m = new LinkedHashMap<>();
        String exitCode = e.attributes().get("exitCode");
        m.put("ContainerExitCode", exitCode == null ? 0 : Integer.parseInt(exitCode));
        m.put("ID", e.objectId());
        m.put("Image", nonNull(e.image()));
        m.put("Name", nonNull(e.name()));
        m.put("PodID", nonNull(e.podId()));
        m.put("Status", e.status());
        m.put("Time", e.time());
        m.put("TimeNano", e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano());
        m.put("Type", e.type().word());
        m.put("Attributes", e.attributes());
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
