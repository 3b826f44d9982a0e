package io.jpod.network;

import io.jpod.host.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A helper process of a network that daemonizes itself and writes its pid to {@code file}: found again by that pid
 * only while it is still that program ({@code comm}, /proc/PID/comm, starts with it: a pid may be reused).
 */
record HelperPid(Path file, String comm) {
    Optional<ProcessHandle> process() {
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(h -> Processes.running(pid) && commOf(pid).startsWith(comm));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean running() {
        return process().isPresent();
    }

    /** Ends it (SIGTERM, SIGKILL after 2 s) and forgets its pid. Idempotent. */
    void stop() {
        process().ifPresent(h -> {
            h.destroy();
            if (!Processes.waitExit(h.pid(), 2000)) {
                h.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the directory goes with the network
        }
    }

    private static String commOf(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
