package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.engine.ContainerStats;
import io.jpod.engine.MetricsService;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of {@code jpod stats} and {@code jpod pod stats}, in podman's fields and words: CPU % over the time since the
 * previous reading (since the container started for the first), its average since the start, sizes in go-units' words.
 */
final class StatsRows {
    /** podman stats' columns. */
    static final List<Column> COLUMNS = List.of(new Column("ID", "{{.ID}}"), new Column("NAME", "{{.Name}}"),
            new Column("CPU %", "{{.CPUPerc}}"), new Column("MEM USAGE / LIMIT", "{{.MemUsage}}"), new Column("MEM %", "{{.MemPerc}}"),
            new Column("NET IO", "{{.NetIO}}"), new Column("BLOCK IO", "{{.BlockIO}}"), new Column("PIDS", "{{.PIDS}}"),
            new Column("CPU TIME", "{{.UpTime}}"), new Column("AVG CPU %", "{{.AVGCPU}}"));
    /** podman pod stats' columns. */
    static final List<Column> POD_COLUMNS = List.of(new Column("POD", "{{.Pod}}"), new Column("CID", "{{.CID}}"),
            new Column("NAME", "{{.Name}}"), new Column("CPU %", "{{.CPU}}"), new Column("MEM USAGE/ LIMIT", "{{.MemUsage}}"),
            new Column("MEM %", "{{.Mem}}"), new Column("NET IO", "{{.NetIO}}"), new Column("BLOCK IO", "{{.BlockIO}}"),
            new Column("PIDS", "{{.PIDS}}"));

    private StatsRows() {
    }

    /** A container's row for tables and templates: podman's ContainerStats fields and the strings its columns show. */
    static Map<String, Object> row(ContainerStats s, ContainerStats previous, boolean noTrunc) {
        double cpu = cpuPercent(s, previous);
        double avg = cpuPercent(s, null);
        double mem = s.memLimit() == 0 ? 0 : 100.0 * s.memUsage() / s.memLimit();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", noTrunc ? s.id() : Views.shortId(s.id()));
        m.put("ContainerID", s.id());
        m.put("Name", s.name());
        m.put("PodID", s.podId());
        m.put("CPU", cpu);
        m.put("CPUNano", s.cpuNanos());
        m.put("AvgCPU", avg);
        m.put("MemUsage", pair(s.memUsage(), s.memLimit(), false));
        m.put("MemUsageBytes", pair(s.memUsage(), s.memLimit(), true));
        m.put("MemLimit", s.memLimit());
        m.put("MemPerc", percent(mem));
        m.put("NetInput", s.netIn());
        m.put("NetOutput", s.netOut());
        m.put("BlockInput", s.blockIn());
        m.put("BlockOutput", s.blockOut());
        m.put("PIDs", s.pids());
        m.put("CPUPerc", percent(cpu));
        m.put("AVGCPU", percent(avg));
        m.put("NetIO", pair(s.netIn(), s.netOut(), false));
        m.put("BlockIO", pair(s.blockIn(), s.blockOut(), false));
        m.put("PIDS", Long.toString(s.pids()));
        m.put("UpTime", MetricsService.goDuration(Duration.ofNanos(s.cpuNanos())));
        return m;
    }

    /** A container's object of {@code stats --format json}: podman's keys. */
    static Map<String, Object> json(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", row.get("ID"));
        m.put("name", row.get("Name"));
        m.put("cpu_time", row.get("UpTime"));
        m.put("cpu_percent", row.get("CPUPerc"));
        m.put("avg_cpu", row.get("AVGCPU"));
        m.put("mem_usage", row.get("MemUsage"));
        m.put("mem_percent", row.get("MemPerc"));
        m.put("net_io", row.get("NetIO"));
        m.put("block_io", row.get("BlockIO"));
        m.put("pids", row.get("PIDS"));
        return m;
    }

    /** A container's row of {@code pod stats}: podman's PodStatsReport, which is also its JSON. */
    static Map<String, Object> podRow(ContainerStats s, ContainerStats previous) {
        Map<String, Object> c = row(s, previous, false);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CPU", c.get("CPUPerc"));
        m.put("MemUsage", c.get("MemUsage"));
        m.put("MemUsageBytes", c.get("MemUsageBytes"));
        m.put("Mem", c.get("MemPerc"));
        m.put("NetIO", c.get("NetIO"));
        m.put("BlockIO", c.get("BlockIO"));
        m.put("PIDS", c.get("PIDS"));
        m.put("Pod", Views.shortId(s.podId()));
        m.put("CID", Views.shortId(s.id()));
        m.put("Name", s.name());
        return m;
    }

    /**
     * The CPU used over the time since {@code previous} was read, in percent of one CPU (podman's: it may pass 100 with
     * several CPUs); since the start when there is no previous reading of the same run.
     */
    static double cpuPercent(ContainerStats s, ContainerStats previous) {
        if (!s.running()) {
            return 0;
        }
        boolean sameRun = previous != null && previous.running() && previous.cpuNanos() <= s.cpuNanos()
                && Objects.equals(previous.startedAt(), s.startedAt());
        long cpu = sameRun ? s.cpuNanos() - previous.cpuNanos() : s.cpuNanos();
        Instant from = sameRun ? previous.at() : s.startedAt();
        long wall = from == null ? 0 : Duration.between(from, s.at()).toNanos();
        return wall <= 0 ? 0 : 100.0 * cpu / wall;
    }

    /** podman's percent: two decimals and a sign. */
    static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }

    private static String pair(long a, long b, boolean binary) {
        return binary ? Output.bytesSize(a) + " / " + Output.bytesSize(b) : Output.shortSize(a) + " / " + Output.shortSize(b);
    }
}
