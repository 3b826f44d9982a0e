package io.jpod.host;

import io.jpod.error.HostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the current process may do to files it unpacks.
 *
 * @param uid0     the process runs as uid 0 (root, or root of the rootless user namespace): it can
 *                 chown to every mapped id, so an ownership failure is an error
 * @param realRoot the process is root of the initial user namespace: it may create device nodes
 */
public record Privileges(boolean uid0, boolean realRoot) {

    /** The privileges of this process, from /proc/self/status and /proc/self/uid_map. */
    public static Privileges current() {
        boolean uid0 = effectiveUid(Path.of("/proc/self/status")) == 0;
        boolean initialNamespace = HostProbe.UidMap.read(Path.of("/proc/self/uid_map")).isInitial();
        return new Privileges(uid0, uid0 && initialNamespace);
    }

    static long effectiveUid(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new HostException("cannot read " + status + ": " + e.getMessage(), null, e);
        }
        throw new HostException("no Uid line in " + status, null);
    }
}
