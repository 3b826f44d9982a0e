package io.jpod.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a container's own cgroup counts (as root, where jpod makes one): CPU time, memory used and its limit, bytes read
 * and written to storage, tasks. Read from cgroup v1's controllers or cgroup v2's unified files; the parsers are pure.
 *
 * @param memLimit the cgroup's memory limit in bytes, 0 when it has none
 */
public record CgroupUsage(long cpuNanos, long memUsage, long memLimit, long blockIn, long blockOut, long pids) {
    /** Above this, a memory limit is "none" (cgroup v1 writes the largest page-aligned long). */
    private static final long NO_LIMIT = Long.MAX_VALUE / 2;

    /** The usage of the cgroup at {@code path} (as the OCI spec's cgroupsPath names it), or empty when it is not there. */
    public static Optional<CgroupUsage> read(Cgroups cgroups, String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        Path root = Path.of("/sys/fs/cgroup");
        if (cgroups.version().equals("v2")) {
            Path dir = root.resolve(relative);
            Optional<String> cpu = text(dir.resolve("cpu.stat"));
            if (cpu.isEmpty()) {
                return Optional.empty();
            }
            long[] io = ioStat(text(dir.resolve("io.stat")).orElse(""));
            return Optional.of(new CgroupUsage(ProcFs.number(ProcFs.keyValuesOf(cpu.get(), ' ').get("usage_usec")) * 1000,
                    number(dir.resolve("memory.current")), limit(text(dir.resolve("memory.max")).orElse("max")), io[0], io[1],
                    number(dir.resolve("pids.current"))));
        }
        Optional<String> cpu = text(root.resolve("cpuacct").resolve(relative).resolve("cpuacct.usage"));
        if (cpu.isEmpty()) {
            return Optional.empty();
        }
        Path memory = root.resolve("memory").resolve(relative);
        long[] io = blkio(text(root.resolve("blkio").resolve(relative).resolve("blkio.throttle.io_service_bytes")).orElse(""));
        return Optional.of(new CgroupUsage(ProcFs.number(cpu.get()), number(memory.resolve("memory.usage_in_bytes")),
                limit(text(memory.resolve("memory.limit_in_bytes")).orElse("max")), io[0], io[1],
                number(root.resolve("pids").resolve(relative).resolve("pids.current"))));
    }

    /** A memory limit file's value: bytes, or 0 for {@code max} or cgroup v1's "unlimited" (a huge number). */
    static long limit(String text) {
        String t = text.trim();
        if (t.equals("max") || t.isEmpty()) {
            return 0;
        }
        long v = ProcFs.number(t);
        return v >= NO_LIMIT ? 0 : v;
    }

    /** cgroup v1's blkio.throttle.io_service_bytes: the Read and Write bytes of every device, summed. */
    static long[] blkio(String text) {
        long read = 0;
        long write = 0;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[1].equals("Read")) {
                read += ProcFs.number(f[2]);
            } else if (f.length == 3 && f[1].equals("Write")) {
                write += ProcFs.number(f[2]);
            }
        }
        return new long[] {read, write};
    }

    /** cgroup v2's io.stat: {@code rbytes=} and {@code wbytes=} of every device, summed. */
    static long[] ioStat(String text) {
        long read = 0;
        long write = 0;
        for (String word : text.split("\\s+")) {
            if (word.startsWith("rbytes=")) {
                read += ProcFs.number(word.substring(7));
            } else if (word.startsWith("wbytes=")) {
                write += ProcFs.number(word.substring(7));
            }
        }
        return new long[] {read, write};
    }

    private static long number(Path p) {
        return text(p).map(ProcFs::number).orElse(0L);
    }

    private static Optional<String> text(Path p) {
        try {
            return Optional.of(Files.readString(p));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
