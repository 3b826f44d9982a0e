package io.jpod.host;

import io.jpod.error.HostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Discovers {@link HostFacts} for the current process. */
public final class HostProbe {
    private HostProbe() {
    }

    public static HostFacts discover(String runtimeChoice) {
        UidMap uidMap = UidMap.read(Path.of("/proc/self/uid_map"));
        UidMap gidMap = UidMap.read(Path.of("/proc/self/gid_map"));
        boolean rootless = !uidMap.isInitial();
        long uid = uidMap.hostIdOf(0);
        long gid = gidMap.hostIdOf(0);
        HostPaths paths = HostPaths.forUser(rootless, uid, System.getenv());
        HostFacts.OciRuntime runtime = chooseRuntime(runtimeChoice);
        return new HostFacts(rootless, uid, gid, paths, runtime, which("conmon"), which("catatonit"),
                HostFacts.StorageDriver.OVERLAY);
    }

    static HostFacts.OciRuntime chooseRuntime(String choice) {
        if (choice != null) {
            Path p = choice.contains("/") ? Path.of(choice) : which(choice);
            return new HostFacts.OciRuntime(p.getFileName().toString(), p);
        }
        return new HostFacts.OciRuntime("runc", which("runc"));
    }

    static Path which(String name) {
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/libexec/podman")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new HostException(name + " is not installed", "install it (apt-get install " + name + ") or run scripts/setup.sh");
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
