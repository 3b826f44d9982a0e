package io.jpod.network;

import io.jpod.error.HostException;
import io.jpod.host.Processes;
import io.jpod.runtime.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared network's DNS: aardvark-dns (podman's) in the network's namespace (as root, the host's), on the gateway's port
 * 53, answering the pods' names from a configuration file per network and forwarding other names to
 * the host's resolvers. It runs as a daemon of its own (it forks, writes its pid to the
 * configuration directory and the starting command returns); SIGHUP makes it read the files again.
 */
final class AardvarkDns {
    private final Path binary;
    private final Path dir;

    AardvarkDns(Path binary, Path dir) {
        this.binary = binary;
        this.dir = dir;
    }

    private Path pidFile() {
        return dir.resolve("aardvark.pid");
    }

    /** Writes the network's configuration ({@link Lease#dnsConfig}) and makes a running server read it. */
    void configure(String network, String config) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + network + ".tmp");
            Files.writeString(tmp, config);
            Files.move(tmp, dir.resolve(network), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HostException("cannot write the network's DNS configuration in " + dir + ": " + e.getMessage(), null, e);
        }
        pid().ifPresent(h -> Exec.run(List.of("kill", "-HUP", Long.toString(h.pid()))));
    }

    boolean running() {
        return pid().isPresent();
    }

    /** Starts the server in the network's namespace: {@code inNetwork} is what runs a command there (nsenter; nothing as root). */
    void start(List<String> inNetwork) {
        List<String> argv = new java.util.ArrayList<>(inNetwork);
        argv.addAll(List.of(binary.toString(), "--config", dir.toString(), "-p", "53", "run"));
        Exec.Result r = Exec.run(argv);
        if (!r.ok() || !running()) {
            throw new HostException("aardvark-dns did not start: " + lastLine(r.err()), "see " + binary + " --help");
        }
    }

    /** Ends the server, if it runs. */
    void stop() {
        pid().ifPresent(h -> {
            h.destroy();
            if (!Processes.waitExit(h.pid(), 2000)) { // a zombie is done with
                h.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // the directory goes with the network
        }
    }

    private java.util.Optional<ProcessHandle> pid() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).trim());
            return ProcessHandle.of(pid).filter(h -> comm(pid).equals("aardvark-dns") && Processes.running(pid));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(String s) {
        List<String> lines = s.lines().filter(l -> !l.isBlank() && !l.contains("syslog")).toList();
        return lines.isEmpty() ? "it exited without a message" : lines.get(lines.size() - 1).trim();
    }
}
