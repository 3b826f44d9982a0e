package io.jpod.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What /proc tells of a container's processes, where no cgroup of its own counts them (rootless on cgroup v1): which
 * processes are the container's, and their stat, status, command line, network and I/O counters. The parsers are pure.
 */
public final class ProcFs {
    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    /**
     * The processes of the container whose init is {@code init}: those in its PID and mount namespaces (which {@code
     * exec}'d processes join too, and which tell apart the containers of a pod that shares one PID namespace), init first.
     * Empty when init is gone.
     */
    public static List<Long> processesLike(long init) {
        Optional<String> pidNs = link(init, "pid");
        Optional<String> mntNs = link(init, "mnt");
        if (pidNs.isEmpty() || mntNs.isEmpty()) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        out.add(init);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path d : dirs) {
                long pid = Long.parseLong(d.getFileName().toString());
                if (pid != init && link(pid, "pid").equals(pidNs) && link(pid, "mnt").equals(mntNs)) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static Optional<String> link(long pid, String ns) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("ns").resolve(ns)).toString());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The process's {@code /proc/PID/stat}, or empty when it is gone. */
    public static Optional<ProcStat> stat(long pid) {
        return read(pid, "stat").map(ProcStat::parse);
    }

    /** The process's {@code /proc/PID/status} as keys and values, or empty when it is gone. */
    public static Optional<Map<String, String>> status(long pid) {
        return read(pid, "status").map(ProcFs::keyValues);
    }

    /** Its command line, arguments joined by spaces; empty for a kernel thread or a process gone. */
    public static String cmdline(long pid) {
        return read(pid, "cmdline").map(ProcFs::args).orElse("");
    }

    /** Bytes received and sent by the interfaces of the process's network namespace, loopback aside; null when unread. */
    public static long[] netIo(long pid) {
        return read(pid, "net/dev").map(ProcFs::netDev).orElse(null);
    }

    /** Bytes the process (and the children it waited for) read from and wrote to storage; null when unread. */
    public static long[] blockIo(long pid) {
        return read(pid, "io").map(t -> {
            Map<String, String> io = keyValues(t);
            return new long[] {number(io.get("read_bytes")), number(io.get("write_bytes"))};
        }).orElse(null);
    }

    /** The host's memory, in bytes ({@code MemTotal} of /proc/meminfo); 0 when unread. */
    public static long memTotal() {
        try {
            return number(keyValues(Files.readString(PROC.resolve("meminfo"))).get("MemTotal")) * 1024;
        } catch (IOException e) {
            return 0;
        }
    }

    /** When the host booted, in seconds after the epoch ({@code btime} of /proc/stat); 0 when unread. */
    public static long bootTime() {
        try {
            for (String line : Files.readString(PROC.resolve("stat")).split("\n")) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static Optional<String> read(long pid, String file) {
        try {
            return Optional.of(Files.readString(PROC.resolve(Long.toString(pid)).resolve(file)));
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code Key: value} lines (/proc/PID/status, /proc/PID/io, /proc/meminfo), values trimmed. */
    static Map<String, String> keyValues(String text) {
        return keyValuesOf(text, ':');
    }

    /** Lines of a key, {@code separator} and a value (cgroup v2's {@code cpu.stat} has a space), values trimmed. */
    static Map<String, String> keyValuesOf(String text, char separator) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(separator);
            if (colon > 0) {
                out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** The first number of a value ({@code "2108 kB"} gives 2108), 0 when none. */
    public static long number(String value) {
        if (value == null) {
            return 0;
        }
        String first = value.trim().split("\\s+")[0];
        try {
            return Long.parseLong(first);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A NUL-separated command line as words joined by spaces. */
    static String args(String cmdline) {
        String s = cmdline.endsWith("\0") ? cmdline.substring(0, cmdline.length() - 1) : cmdline;
        return s.replace('\0', ' ');
    }

    /** From /proc/PID/net/dev: the bytes received and sent by every interface but the loopback. */
    static long[] netDev(String text) {
        long rx = 0;
        long tx = 0;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length >= 9 && f[0].matches("\\d+")) {
                rx += Long.parseLong(f[0]);
                tx += Long.parseLong(f[8]);
            }
        }
        return new long[] {rx, tx};
    }
}
