package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.engine.ContainerProcess;
import io.jpod.engine.MetricsService;
import io.jpod.error.InvalidInputException;
import io.jpod.host.ProcStat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The columns of {@code jpod top} and {@code jpod pod top}: podman's format descriptors (psgo's), their AIX codes
 * ({@code %C}), headers and values; by default USER PID PPID %CPU ELAPSED TTY TIME COMMAND.
 */
final class TopColumns {
    /** podman's default descriptors. */
    static final List<String> DEFAULT = List.of("user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args");

    private record Descriptor(String header, BiFunction<ContainerProcess, Instant, String> value) {
    }

    private static final Map<String, Descriptor> DESCRIPTORS = Map.ofEntries(
            Map.entry("args", new Descriptor("COMMAND", (p, now) -> p.args())),
            Map.entry("comm", new Descriptor("COMMAND", (p, now) -> p.stat().comm())),
            Map.entry("etime", new Descriptor("ELAPSED", (p, now) -> MetricsService.goDuration(elapsed(p, now)))),
            Map.entry("group", new Descriptor("GROUP", (p, now) -> p.group())),
            Map.entry("rgroup", new Descriptor("RGROUP", (p, now) -> p.group())),
            Map.entry("hpid", new Descriptor("HPID", (p, now) -> Long.toString(p.stat().pid()))),
            Map.entry("huser", new Descriptor("HUSER", (p, now) -> Long.toString(p.hostUid()))),
            Map.entry("nice", new Descriptor("NI", (p, now) -> Long.toString(p.stat().nice()))),
            Map.entry("pcpu", new Descriptor("%CPU", (p, now) -> pcpu(p, now))),
            Map.entry("pid", new Descriptor("PID", (p, now) -> Long.toString(p.pid()))),
            Map.entry("ppid", new Descriptor("PPID", (p, now) -> Long.toString(p.ppid()))),
            Map.entry("rss", new Descriptor("RSS", (p, now) -> Long.toString(p.stat().rssPages() * 4))),
            Map.entry("vsz", new Descriptor("VSZ", (p, now) -> Long.toString(p.stat().vsize() / 1024))),
            Map.entry("state", new Descriptor("STATE", (p, now) -> String.valueOf(p.stat().state()))),
            Map.entry("time", new Descriptor("TIME", (p, now) -> MetricsService.goDuration(cpu(p)))),
            Map.entry("tty", new Descriptor("TTY", (p, now) -> p.stat().tty())),
            Map.entry("user", new Descriptor("USER", (p, now) -> p.user())),
            Map.entry("ruser", new Descriptor("RUSER", (p, now) -> p.user())));

    /** ps's AIX format codes, as psgo reads them. */
    private static final Map<String, String> AIX = Map.ofEntries(Map.entry("%C", "pcpu"), Map.entry("%G", "group"),
            Map.entry("%P", "ppid"), Map.entry("%U", "user"), Map.entry("%a", "args"), Map.entry("%c", "comm"),
            Map.entry("%g", "rgroup"), Map.entry("%n", "nice"), Map.entry("%p", "pid"), Map.entry("%t", "etime"),
            Map.entry("%u", "ruser"), Map.entry("%x", "time"), Map.entry("%y", "tty"), Map.entry("%z", "vsz"));

    private TopColumns() {
    }

    /**
     * The descriptors {@code args} name: words, or comma-separated lists, or AIX codes; the default when none.
     *
     * @throws InvalidInputException naming a descriptor jpod does not know, as psgo does
     */
    static List<String> descriptors(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            for (String word : arg.split("[,\\s]+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String d = AIX.getOrDefault(word, word.toLowerCase(Locale.ROOT));
                if (!DESCRIPTORS.containsKey(d)) {
                    throw new InvalidInputException(null, "'" + word + "': unknown descriptor");
                }
                out.add(d);
            }
        }
        return out.isEmpty() ? DEFAULT : out;
    }

    /** The table's columns, one per descriptor. */
    static List<Column> columns(List<String> descriptors) {
        return descriptors.stream().map(d -> new Column(DESCRIPTORS.get(d).header(), "{{." + d + "}}")).toList();
    }

    /** The table's rows: each process's value of each descriptor, by descriptor. */
    static List<Map<String, Object>> rows(List<String> descriptors, List<ContainerProcess> processes, Instant now) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ContainerProcess p : processes) {
            Map<String, Object> row = new LinkedHashMap<>();
            descriptors.forEach(d -> row.put(d, DESCRIPTORS.get(d).value().apply(p, now)));
            rows.add(row);
        }
        return rows;
    }

    private static Duration elapsed(ContainerProcess p, Instant now) {
        Duration d = Duration.between(p.started(), now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration cpu(ContainerProcess p) {
        return Duration.ofMillis(p.stat().cpuTicks() * 1000 / ProcStat.TICKS_PER_SECOND);
    }

    /** psgo's %CPU: the CPU time over the time since the process started, three decimals. */
    static String pcpu(ContainerProcess p, Instant now) {
        double elapsed = elapsed(p, now).toNanos() / 1e9;
        double pcpu = elapsed <= 0 ? 0 : 100 * (cpu(p).toNanos() / 1e9) / elapsed;
        return String.format(Locale.ROOT, "%.3f", pcpu);
    }
}
