package io.jpod.host;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where jpod keeps things for one user. Root: /var/lib/jpod and /run/jpod. Rootless: the XDG data
 * directory ($XDG_DATA_HOME/jpod, else ~/.local/share/jpod) and runtime directory
 * ($XDG_RUNTIME_DIR/jpod, else /tmp/jpod-run-UID/jpod, which bin/jpod creates 0700).
 *
 * @param dataDir persistent state: the database, images, layers, container layers
 * @param runDir  volatile state: the user-namespace holder, runtime state, conmon sockets, exit files
 */
public record HostPaths(Path dataDir, Path runDir) {

    public Path database() {
        return dataDir.resolve("jpod.db");
    }

    public Path layers() {
        return dataDir.resolve("layers");
    }

    public Path images() {
        return dataDir.resolve("images");
    }

    public Path containers() {
        return dataDir.resolve("containers");
    }

    /** Named volumes: {@code volumes/<name>/_data}, as podman lays them out. */
    public Path volumes() {
        return dataDir.resolve("volumes");
    }

    public Path tmp() {
        return dataDir.resolve("tmp");
    }

    public Path runtimeRoot() {
        return runDir.resolve("runtime");
    }

    public Path exits() {
        return runDir.resolve("exits");
    }

    public Path sockets() {
        return runDir.resolve("socket");
    }

    public Path locks() {
        return runDir.resolve("locks");
    }

    /**
     * Paths for a user. Explicit JPOD_ROOT / JPOD_RUNROOT override everything (as podman's --root
     * and --runroot do).
     */
    public static HostPaths forUser(boolean rootless, long hostUid, Map<String, String> env) {
        Path data;
        Path run;
        if (!rootless) {
            data = Path.of("/var/lib/jpod");
            run = Path.of("/run/jpod");
        } else {
            String home = env.getOrDefault("HOME", "/tmp/jpod-home-" + hostUid);
            String xdgData = env.get("XDG_DATA_HOME");
            data = (xdgData != null && !xdgData.isBlank() ? Path.of(xdgData) : Path.of(home, ".local", "share")).resolve("jpod");
            String xdgRun = env.get("XDG_RUNTIME_DIR");
            run = (xdgRun != null && !xdgRun.isBlank() ? Path.of(xdgRun) : Path.of("/tmp", "jpod-run-" + hostUid)).resolve("jpod");
        }
        String root = env.get("JPOD_ROOT");
        String runRoot = env.get("JPOD_RUNROOT");
        return new HostPaths(root != null && !root.isBlank() ? Path.of(root) : data,
                runRoot != null && !runRoot.isBlank() ? Path.of(runRoot) : run);
    }
}
