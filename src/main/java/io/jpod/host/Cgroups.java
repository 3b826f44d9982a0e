package io.jpod.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's cgroup version and the controllers jpod can use there, as podman's {@code info}
 * reports them ({@code cgroupVersion}, {@code cgroupControllers}).
 *
 * @param version     "v1" or "v2"
 * @param controllers the controllers jpod can set limits with: as root every enabled one; rootless
 *                    on v2 those delegated to the user's service cgroup; rootless on v1 none
 */
public record Cgroups(String version, List<String> controllers) {
    public Cgroups {
        controllers = List.copyOf(controllers);
    }

    /** Why resource limits are not enforced, or null when they are. */
    public String whyNotEnforced(boolean rootless) {
        if (!rootless) {
            return null;
        }
        if (version.equals("v1")) {
            return "rootless on a cgroup v1 host, an unprivileged user cannot create cgroups";
        }
        return controllers.contains("memory") && controllers.contains("cpu")
                ? "rootless, jpod does not create cgroups in the user's delegated cgroup v2 tree yet"
                : "the cpu and memory cgroup controllers are not delegated to this user (cgroup v2 without delegation)";
    }

    /**
     * The file that counts the OOM kills in the cgroup at {@code path} (as the OCI spec's cgroupsPath names it):
     * {@code memory.events} on v2, the memory controller's {@code memory.oom_control} on v1.
     */
    public Path oomCounter(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return version.equals("v2") ? Path.of("/sys/fs/cgroup").resolve(relative).resolve("memory.events")
                : Path.of("/sys/fs/cgroup/memory").resolve(relative).resolve("memory.oom_control");
    }

    /**
     * The {@code oom_kill} count of a {@code memory.events} (v2) or {@code memory.oom_control} (v1, kernel 4.13 on)
     * file's text: how many of the cgroup's processes the OOM killer killed; 0 when the line is missing.
     */
    public static long oomKills(String text) {
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals("oom_kill")) {
                return Long.parseLong(f[1]);
            }
        }
        return 0;
    }

    /** Reads the host's cgroups (facts of this machine, read once per command that asks). */
    public static Cgroups probe(boolean rootless, long hostUid) {
        Path root = Path.of("/sys/fs/cgroup");
        Path v2 = root.resolve("cgroup.controllers");
        if (Files.isRegularFile(v2)) {
            Path delegated = root.resolve("user.slice/user-" + hostUid + ".slice/user@" + hostUid + ".service/cgroup.controllers");
            return new Cgroups("v2", rootless ? words(delegated) : words(v2));
        }
        return new Cgroups("v1", rootless ? List.of() : enabledV1(read(Path.of("/proc/cgroups"))));
    }

    /** The enabled controllers of /proc/cgroups ({@code subsys_name hierarchy num_cgroups enabled}). */
    static List<String> enabledV1(String procCgroups) {
        List<String> out = new ArrayList<>();
        for (String line : procCgroups.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && !f[0].startsWith("#") && f[3].equals("1")) {
                out.add(f[0]);
            }
        }
        return out;
    }

    private static List<String> words(Path p) {
        String s = read(p).trim();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    private static String read(Path p) {
        try {
            return Files.isReadable(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
