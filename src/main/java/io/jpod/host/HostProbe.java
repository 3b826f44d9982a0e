package io.jpod.host;

import io.jpod.error.HostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discovers {@link HostFacts} for the current process, once per command. Probes that cost
 * something (does this OCI runtime work here? can overlay be mounted?) run once and are cached in
 * the run directory, keyed by what they depend on.
 */
public final class HostProbe {
    /** Runtimes tried in order when none is chosen; crun first, as podman prefers it. */
    static final List<String> RUNTIMES = List.of("crun", "runc");
    static final List<String> SEARCH_PATH = List.of("/usr/local/bin", "/usr/bin", "/usr/sbin", "/bin", "/sbin",
            "/usr/libexec/podman");

    private HostProbe() {
    }

    /** True when this process runs in a user namespace other than the initial one (jpod's rootless mode); cheap. */
    public static boolean rootless() {
        return !UidMap.read(Path.of("/proc/self/uid_map")).isInitial();
    }

    public static HostFacts discover(String runtimeChoice, String storageChoice) {
        UidMap uidMap = UidMap.read(Path.of("/proc/self/uid_map"));
        UidMap gidMap = UidMap.read(Path.of("/proc/self/gid_map"));
        boolean rootless = !uidMap.isInitial();
        long uid = uidMap.hostIdOf(0);
        long gid = gidMap.hostIdOf(0);
        Map<String, String> env = System.getenv();
        HostPaths paths = HostPaths.forUser(rootless, uid, env);
        Path conmon = which("conmon", "conmon");
        Path catatonit = which("catatonit", "catatonit");
        ProbeCache cache = new ProbeCache(paths.runDir().resolve("host-probe"));
        HostFacts.OciRuntime runtime = runtimeChoice != null ? chosenRuntime(runtimeChoice)
                : cache.get("runtime", () -> detectRuntime(paths, catatonit), HostProbe::runtimeFromCache, r -> r.name() + " " + r.path());
        HostFacts.StorageDriver storage = storageChoice != null ? HostFacts.StorageDriver.parse(storageChoice) : cache.get("storage", () -> StorageProbe.detect(paths),
                s -> HostFacts.StorageDriver.valueOf(s.trim()), HostFacts.StorageDriver::name);
        return new HostFacts(rootless, uid, gid, paths, runtime, conmon, catatonit, storage,
                architecture(System.getProperty("os.arch")), Lazy.of(() -> Cgroups.probe(rootless, uid)), Lazy.of(HostProbe::hardLimits),
                Lazy.of(() -> slirp4netns(System.getenv("PATH"))), JpodBuild.running());
    }

    static HostFacts.OciRuntime chosenRuntime(String choice) {
        Path p = choice.contains("/") ? Path.of(choice) : find(choice);
        if (p == null || !Files.isExecutable(p)) {
            throw new HostException("OCI runtime \"" + choice + "\" not found", "install it, or give a path: --runtime /usr/bin/runc");
        }
        return new HostFacts.OciRuntime(p.getFileName().toString(), p);
    }

    private static HostFacts.OciRuntime runtimeFromCache(String s) {
        String[] f = s.trim().split(" ", 2);
        Path p = Path.of(f[1]);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("stale");
        }
        return new HostFacts.OciRuntime(f[0], p);
    }

    /** The first runtime that really runs a container here; each failure is kept for the error. */
    static HostFacts.OciRuntime detectRuntime(HostPaths paths, Path catatonit) {
        List<String> tried = new ArrayList<>();
        for (String name : RUNTIMES) {
            Path p = find(name);
            if (p == null) {
                tried.add(name + ": not installed");
                continue;
            }
            String failure = RuntimeProbe.tryRun(p, paths, catatonit);
            if (failure == null) {
                return new HostFacts.OciRuntime(name, p);
            }
            tried.add(name + ": " + failure);
        }
        throw new HostException("no OCI runtime works on this host (" + String.join("; ", tried) + ")",
                "install runc (apt-get install runc) or choose one with --runtime");
    }

    static Path find(String name) {
        for (String dir : SEARCH_PATH) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static Path which(String name, String pkg) {
        Path p = find(name);
        if (p == null) {
            throw new HostException(name + " is not installed", "as root: apt-get install " + pkg + " (or run scripts/setup.sh)");
        }
        return p;
    }

    /** The architecture name images use for this JVM's {@code os.arch} (amd64, arm64, ...). */
    public static String architecture(String osArch) {
        switch (osArch) {
            case "x86_64":
            case "amd64":
                return "amd64";
            case "aarch64":
                return "arm64";
            case "x86":
            case "i386":
                return "386";
            default:
                return osArch;
        }
    }

    /** The slirp4netns binary on {@code path} (or the usual places), if installed. */
    static Optional<Path> slirp4netns(String path) {
        String dirs = (path == null ? "" : path + File.pathSeparator) + "/usr/bin:/usr/local/bin:/bin";
        for (String dir : dirs.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "slirp4netns");
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** jpod's own hard limits, read from /proc/self/limits (empty when it cannot be read). */
    static Map<String, Long> hardLimits() {
        try {
            return parseLimits(Files.readString(Path.of("/proc/self/limits")));
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        }
    }

    /** /proc/self/limits → hard limits by podman's short name (-1: unlimited). */
    static Map<String, Long> parseLimits(String procLimits) {
        Map<String, String> names = Map.ofEntries(Map.entry("Max cpu time", "cpu"), Map.entry("Max file size", "fsize"),
                Map.entry("Max data size", "data"), Map.entry("Max stack size", "stack"), Map.entry("Max core file size", "core"),
                Map.entry("Max resident set", "rss"), Map.entry("Max processes", "nproc"), Map.entry("Max open files", "nofile"),
                Map.entry("Max locked memory", "memlock"), Map.entry("Max address space", "as"),
                Map.entry("Max file locks", "locks"), Map.entry("Max pending signals", "sigpending"),
                Map.entry("Max msgqueue size", "msgqueue"), Map.entry("Max nice priority", "nice"),
                Map.entry("Max realtime priority", "rtprio"), Map.entry("Max realtime timeout", "rttime"));
        Map<String, Long> out = new HashMap<>();
        for (String line : procLimits.split("\n")) {
            for (var e : names.entrySet()) {
                if (line.startsWith(e.getKey() + " ")) {
                    String[] f = line.substring(e.getKey().length()).trim().split("\\s+");
                    if (f.length >= 2) {
                        out.put(e.getValue(), f[1].equals("unlimited") ? -1L : Long.parseLong(f[1]));
                    }
                }
            }
        }
        return out;
    }

    /** A /proc/PID/uid_map or gid_map. */
    record UidMap(List<long[]> lines) {
        static UidMap read(Path file) {
            try {
                List<long[]> lines = Files.readAllLines(file).stream().map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.split("\\s+")).map(f -> new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])})
                        .toList();
                return new UidMap(lines);
            } catch (IOException e) {
                throw new HostException("cannot read " + file + ": " + e.getMessage(), null, e);
            }
        }

        boolean isInitial() {
            return lines.size() == 1 && lines.get(0)[0] == 0 && lines.get(0)[1] == 0 && lines.get(0)[2] == 4294967295L;
        }

        long hostIdOf(long inside) {
            for (long[] l : lines) {
                if (inside >= l[0] && inside < l[0] + l[2]) {
                    return l[1] + (inside - l[0]);
                }
            }
            return -1;
        }
    }
}
