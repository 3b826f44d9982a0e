package io.jpod.network;

import io.jpod.error.HostException;
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

    /** The server, found again by the pid it writes only while it is still aardvark-dns. */
    private HelperPid server() {
        return new HelperPid(dir.resolve("aardvark.pid"), "aardvark-dns");
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
        server().process().ifPresent(h -> Exec.run(List.of("kill", "-HUP", Long.toString(h.pid()))));
    }

    boolean running() {
        return server().running();
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
        server().stop();
    }

    private static String lastLine(String s) {
        List<String> lines = s.lines().filter(l -> !l.isBlank() && !l.contains("syslog")).toList();
        return lines.isEmpty() ? "it exited without a message" : lines.get(lines.size() - 1).trim();
    }
}
