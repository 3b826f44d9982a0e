package io.jpod.engine;

import io.jpod.host.CgroupUsage;
import io.jpod.host.Cgroups;
import io.jpod.host.ProcFs;
import io.jpod.host.ProcStat;
import io.jpod.state.ContainerRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a running container's processes are and use ({@code top}, {@code stats}): its processes are those of its init's
 * PID and mount namespaces ({@link ProcFs#processesLike}); its usage is its own cgroup's where it has one, else theirs.
 */
final class ContainerMetrics {
    private final Supplier<Cgroups> cgroups;

    ContainerMetrics(Supplier<Cgroups> cgroups) {
        this.cgroups = cgroups;
    }

    /** The processes of container {@code c}, running as {@code init}, init first. */
    List<ContainerProcess> top(ContainerRow c, long init) {
        List<Long> pids = ProcFs.processesLike(init);
        Map<Long, Long> nsPids = new HashMap<>();
        Map<Long, ProcStat> stats = new HashMap<>();
        Map<Long, Map<String, String>> statuses = new HashMap<>();
        for (long pid : pids) {
            Optional<ProcStat> stat = ProcFs.stat(pid);
            Optional<Map<String, String>> status = ProcFs.status(pid);
            if (stat.isPresent() && status.isPresent()) {
                stats.put(pid, stat.get());
                statuses.put(pid, status.get());
                nsPids.put(pid, innermost(status.get().get("NSpid"), pid));
            }
        }
        Map<Long, String> users = names(init, "etc/passwd");
        Map<Long, String> groups = names(init, "etc/group");
        long boot = ProcFs.bootTime();
        List<ContainerProcess> out = new ArrayList<>();
        for (long pid : pids) {
            ProcStat stat = stats.get(pid);
            if (stat == null) {
                continue;
            }
            Map<String, String> status = statuses.get(pid);
            long uid = second(status.get("Uid"));
            long gid = second(status.get("Gid"));
            String args = ProcFs.cmdline(pid);
            Instant started = Instant.ofEpochMilli(boot * 1000 + stat.startTime() * 1000 / ProcStat.TICKS_PER_SECOND);
            out.add(new ContainerProcess(stat, nsPids.get(pid), nsPids.getOrDefault(stat.ppid(), 0L),
                    users.getOrDefault(uid, Long.toString(uid)), groups.getOrDefault(gid, Long.toString(gid)), uid,
                    args.isEmpty() ? "[" + stat.comm() + "]" : args, started));
        }
        return out;
    }

    /** What container {@code c} uses now; {@code init} its init's pid (0 when it does not run), {@code cgroup} its own or null. */
    ContainerStats stats(ContainerRow c, String podName, long init, String cgroup) {
        Instant now = Instant.now();
        Instant started = c.status().startedAt();
        if (init <= 0) {
            return new ContainerStats(c.id(), c.name(), c.podId(), podName, now, started, 0, 0, 0, 0, 0, 0, 0, 0, false);
        }
        long hostMemory = ProcFs.memTotal();
        long[] net = Optional.ofNullable(ProcFs.netIo(init)).orElse(new long[2]);
        Optional<CgroupUsage> own = cgroup == null ? Optional.empty() : CgroupUsage.read(cgroups.get(), cgroup);
        if (own.isPresent()) {
            CgroupUsage u = own.get();
            return new ContainerStats(c.id(), c.name(), c.podId(), podName, now, started, u.cpuNanos(), u.memUsage(),
                    u.memLimit() > 0 && u.memLimit() < hostMemory ? u.memLimit() : hostMemory, net[0], net[1], u.blockIn(), u.blockOut(),
                    u.pids(), true);
        }
        long ticks = 0;
        long rss = 0;
        long tasks = 0;
        long read = 0;
        long written = 0;
        for (long pid : ProcFs.processesLike(init)) {
            Optional<ProcStat> stat = ProcFs.stat(pid);
            if (stat.isEmpty()) {
                continue;
            }
            // the children a process waited for count too, as a cgroup counts every process that ran in it
            ticks += stat.get().cpuTicks() + stat.get().cutime() + stat.get().cstime();
            tasks += stat.get().threads();
            rss += ProcFs.status(pid).map(s -> ProcFs.number(s.get("VmRSS")) * 1024).orElse(0L);
            long[] io = ProcFs.blockIo(pid);
            if (io != null) {
                read += io[0];
                written += io[1];
            }
        }
        return new ContainerStats(c.id(), c.name(), c.podId(), podName, now, started, ticks * (1_000_000_000L / ProcStat.TICKS_PER_SECOND),
                rss, hostMemory, net[0], net[1], read, written, tasks, true);
    }

    /** The last pid of an {@code NSpid} line: the process's pid in its innermost PID namespace. */
    static long innermost(String nsPid, long fallback) {
        if (nsPid == null || nsPid.isBlank()) {
            return fallback;
        }
        String[] f = nsPid.trim().split("\\s+");
        return ProcFs.number(f[f.length - 1]);
    }

    /** The effective id of a {@code Uid:} or {@code Gid:} line (real, effective, saved, filesystem). */
    static long second(String ids) {
        if (ids == null) {
            return 0;
        }
        String[] f = ids.trim().split("\\s+");
        return ProcFs.number(f.length > 1 ? f[1] : f[0]);
    }

    /** The names of an /etc/passwd or /etc/group of the container's root, by id (the third field); empty when unread. */
    private static Map<Long, String> names(long init, String file) {
        try {
            return names(Files.readString(Path.of("/proc", Long.toString(init), "root").resolve(file)));
        } catch (IOException | SecurityException e) {
            return Map.of();
        }
    }

    /** The names of /etc/passwd or /etc/group lines ({@code name:x:id:...}) by id; the first of an id wins. */
    static Map<Long, String> names(String text) {
        Map<Long, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":");
            if (f.length >= 3 && f[2].matches("\\d+")) {
                out.putIfAbsent(Long.parseLong(f[2]), f[0]);
            }
        }
        return out;
    }
}
