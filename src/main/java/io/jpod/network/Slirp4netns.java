package io.jpod.network;

import io.jpod.error.HostException;
import io.jpod.host.Processes;
import io.jpod.runtime.Exec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * slirp4netns for one pod, as podman runs it: a user-mode TCP/IP stack that gives the pod's network
 * namespace a tap device (eth0, 10.0.2.100/24, gateway 10.0.2.2, DNS 10.0.2.3) and relays its
 * traffic through ordinary sockets of the host, so it needs no privilege. It runs in its own session,
 * outliving the jpod command that started it; its pid is kept in the infra container's run directory
 * and it is ended when the infra container stops.
 */
final class Slirp4netns {
    static final String GUEST_ADDRESS = PodNetwork.POD_IP;
    static final int MTU = 65520;
    /** The pod's interface, named as Kubernetes pods name theirs (podman names it tap0). */
    static final String INTERFACE = "eth0";
    /** The shared network's interface to slirp4netns, in the network's namespace. */
    static final String TAP = "tap0";
    /** The published ports' slirp4netns beside pasta ({@link NetworkBackend#PASTA}): its interface, subnet and address there. */
    static final String FORWARDER_TAP = "tap1";
    static final String FORWARDER_CIDR = "10.0.3.0/24";
    static final String FORWARDER_ADDRESS = "10.0.3.100";
    /** The forwarder's gateway (slirp4netns's own address on its tap: the host). */
    static final String FORWARDER_GATEWAY = "10.0.3.2";
    private static final long READY_TIMEOUT_MILLIS = 10_000;

    private final Path binary;

    Slirp4netns(Path binary) {
        this.binary = binary;
    }

    Path binary() {
        return binary;
    }

    /** {@code slirp4netns --version}'s first line. */
    String version() {
        String out = Exec.run(List.of(binary.toString(), "--version")).out();
        int nl = out.indexOf('\n');
        return (nl < 0 ? out : out.substring(0, nl)).trim();
    }

    static Path pidFile(Path dir) {
        return dir.resolve("slirp4netns.pid");
    }

    /** Where the API socket's path is kept: the socket itself lives where its path is short enough (108 bytes). */
    static Path socketLink(Path dir) {
        return dir.resolve("slirp4netns.socket-path");
    }

    /**
     * Starts slirp4netns for the network namespace of {@code pid}, in its own session with its output
     * in {@code dir/slirp4netns.log}, and waits until it has configured tap0 (its ready fd, here a file).
     * Returns the API socket, made at {@code socket}.
     */
    SlirpApi start(long pid, Path dir, Path socket) {
        return start(List.of("--configure", "--disable-host-loopback"), List.of(Long.toString(pid)), INTERFACE, dir, socket);
    }

    /**
     * Starts slirp4netns for the network namespace bound at {@code netns} (the shared network's), where
     * the host's loopback is reachable at 10.0.2.2 (host.containers.internal): see {@link #start(long, Path, Path)}.
     */
    SlirpApi startOnPath(Path netns, Path dir, Path socket) {
        return start(List.of("--configure"), List.of("--netns-type=path", netns.toString()), TAP, dir, socket);
    }

    /**
     * Starts slirp4netns for the published ports alone of the namespace bound at {@code netns}: {@link #FORWARDER_TAP},
     * unconfigured (no address, no route: the caller gives it {@link #FORWARDER_ADDRESS}), no way to the host's
     * loopback. The forwards it is given go to {@link #FORWARDER_ADDRESS}.
     */
    SlirpApi startForwarder(Path netns, Path dir, Path socket) {
        start(List.of("--disable-host-loopback", "--cidr", FORWARDER_CIDR), List.of("--netns-type=path", netns.toString()), FORWARDER_TAP,
                dir, socket);
        return new SlirpApi(socket, FORWARDER_ADDRESS);
    }

    private SlirpApi start(List<String> options, List<String> target, String iface, Path dir, Path socket) {
        Path ready = dir.resolve("slirp4netns.ready");
        Path log = dir.resolve("slirp4netns.log");
        Path errors = dir.resolve("slirp4netns.err");
        Process p;
        try {
            Files.createDirectories(dir);
            Files.createDirectories(socket.getParent());
            Files.deleteIfExists(ready);
            Files.deleteIfExists(socket);
            Files.writeString(socketLink(dir), socket.toString());
            // sh opens the ready file as fd 3 (Java cannot pass a child an extra fd), then becomes
            // slirp4netns through setsid, which needs no fork: a child of the JVM leads no process group.
            List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "exec 3>\"$0\"; exec setsid \"$@\"", ready.toString(),
                    binary.toString(), "--mtu=" + MTU));
            argv.addAll(options);
            argv.addAll(List.of("--api-socket", socket.toString(), "--ready-fd", "3"));
            argv.addAll(target);
            argv.add(iface);
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            pb.redirectError(ProcessBuilder.Redirect.to(errors.toFile()));
            p = pb.start();
            Files.writeString(pidFile(dir), Long.toString(p.pid()));
        } catch (IOException e) {
            throw new HostException("cannot start " + binary + ": " + e.getMessage(), "install slirp4netns, or play with --network none", e);
        }
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (!readyIn(ready)) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                stop(dir);
                throw new HostException("slirp4netns did not set up the pod's network: " + lastLine(errors),
                        "slirp4netns needs /dev/net/tun readable and writable by the user (mode 0666)");
            }
            Processes.sleep(5);
        }
        return new SlirpApi(socket);
    }

    private static boolean readyIn(Path ready) {
        try {
            return Files.exists(ready) && Files.readString(ready).startsWith("1");
        } catch (IOException e) {
            return false;
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "it exited without a message" : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "no log";
        }
    }

    /** The slirp4netns whose pid is kept in {@code dir}, found again only while it is still that program. */
    private static HelperPid pid(Path dir) {
        return new HelperPid(pidFile(dir), "slirp4netns");
    }

    /** Ends the slirp4netns whose pid is kept in {@code dir} (if it is still that program), and forgets it. Idempotent. */
    static void stop(Path dir) {
        if (!Files.exists(pidFile(dir))) {
            return;
        }
        pid(dir).stop();
        try {
            if (Files.exists(socketLink(dir))) {
                Files.deleteIfExists(Path.of(Files.readString(socketLink(dir)).trim()));
                Files.deleteIfExists(socketLink(dir));
            }
            Files.deleteIfExists(dir.resolve("slirp4netns.ready"));
        } catch (IOException e) {
            // the directory goes with the container
        }
    }

    /** Whether the slirp4netns whose pid is kept in {@code dir} still runs. */
    static boolean running(Path dir) {
        return pid(dir).running();
    }
}
