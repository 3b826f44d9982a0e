package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.engine.ContainerStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsRowsTest {
    private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final Instant START = Instant.parse("2026-12-07T18:00:00Z");

    private static ContainerStats at(long seconds, long cpuMillis) {
        return new ContainerStats(ID, "web-app", "fedcba9876543210", "web", START.plusSeconds(seconds), START, cpuMillis * 1_000_000,
                1_364_000, 2_000_000_000L, 1500, 250, 4096, 0, 3, true);
    }

    @Test
    void cpuOverTheIntervalAndOnAverageSinceTheStart() {
        Map<String, Object> first = StatsRows.row(at(10, 1000), null, false);
        assertEquals("10.00%", first.get("CPUPerc"), "1 s of CPU in 10 s since the start");
        assertEquals("10.00%", first.get("AVGCPU"));
        Map<String, Object> next = StatsRows.row(at(12, 2000), at(10, 1000), false);
        assertEquals("50.00%", next.get("CPUPerc"), "1 s of CPU in the last 2 s");
        assertEquals("16.67%", next.get("AVGCPU"));
        assertEquals("2s", next.get("UpTime"), "podman's CPU TIME: the CPU time, as Go writes a duration");
    }

    @Test
    void podmansWordsForSizesAndCounts() {
        Map<String, Object> row = StatsRows.row(at(10, 1000), null, false);
        assertEquals("0123456789ab", row.get("ID"));
        assertEquals("1.364MB / 2GB", row.get("MemUsage"));
        assertEquals("1.301MiB / 1.863GiB", row.get("MemUsageBytes"));
        assertEquals("0.07%", row.get("MemPerc"));
        assertEquals("1.5kB / 250B", row.get("NetIO"));
        assertEquals("4.096kB / 0B", row.get("BlockIO"));
        assertEquals("3", row.get("PIDS"));
        assertEquals(ID, StatsRows.row(at(10, 1000), null, true).get("ID"));
        assertEquals(List.of("id", "name", "cpu_time", "cpu_percent", "avg_cpu", "mem_usage", "mem_percent", "net_io", "block_io", "pids"),
                List.copyOf(StatsRows.json(row).keySet()));
    }

    @Test
    void aContainerThatDoesNotRunReadsZeros() {
        ContainerStats stopped = new ContainerStats(ID, "web-app", "p", "web", START, START, 0, 0, 0, 0, 0, 0, 0, 0, false);
        Map<String, Object> row = StatsRows.row(stopped, null, false);
        assertEquals("0.00%", row.get("CPUPerc"));
        assertEquals("0B / 0B", row.get("MemUsage"));
        assertEquals("0.00%", row.get("MemPerc"));
        assertEquals("0", row.get("PIDS"));
    }

    @Test
    void aPodRowIsPodmansPodStatsReport() {
        Map<String, Object> row = StatsRows.podRow(at(10, 1000), null);
        assertEquals(List.of("CPU", "MemUsage", "MemUsageBytes", "Mem", "NetIO", "BlockIO", "PIDS", "Pod", "CID", "Name"), List.copyOf(row.keySet()));
        assertEquals("fedcba987654", row.get("Pod"));
        assertEquals("0123456789ab", row.get("CID"));
        assertEquals("10.00%", row.get("CPU"));
    }

    @Test
    void anotherRunStartsTheIntervalAgain() {
        ContainerStats before = new ContainerStats(ID, "web-app", "p", "web", START.plusSeconds(5), START.minusSeconds(100), 9_000_000_000L,
                0, 1, 0, 0, 0, 0, 1, true);
        assertEquals(10.0, StatsRows.cpuPercent(at(10, 1000), before), 1e-9, "restarted: since its new start");
    }
}
