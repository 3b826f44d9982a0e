package io.jpod.network;

import io.jpod.error.HostException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * pasta (package passt) as a shared network's way out: attached to the network's namespace bound at a file, it makes
 * {@link Slirp4netns#TAP} there with slirp4netns's addresses (10.0.2.100/24, default route via 10.0.2.2, which pasta
 * maps to the host's loopback: host.containers.internal), and carries every connection out through sockets of the
 * host. It forwards no port either way ({@code -t none -u none -T none -U none}): pasta takes its forwards only when
 * it starts, so the published ports go through a slirp4netns of their own ({@link NetworkBackend#PASTA}). It forks
 * into the background once the namespace is configured, writes its pid to the network's directory, and quits by itself
 * when the namespace's file is unmounted.
 *
 * <p>A pod of {@code --network pasta} has a pasta of its own instead ({@link #startForPod}): eth0 with the same
 * addresses, its published ports given when pasta starts (they are known then), DNS at 10.0.2.3 forwarded to the host's
 * first resolver, as slirp4netns's. pasta cannot open another process's /proc/PID/ns files once it has dropped its
 * capabilities, so the pod's namespace is bound to a file of the infra container's run directory first.
 */
final class Pasta {
    private static final long START_TIMEOUT_SECONDS = 10;

    private final Path binary;

    Pasta(Path binary) {
        this.binary = binary;
    }

    /** pasta where it is usually installed (or on {@code path}), if it is. */
    static Optional<Pasta> find(String path) {
        String dirs = (path == null ? "" : path + File.pathSeparator) + "/usr/bin:/usr/local/bin:/bin";
        for (String dir : dirs.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "pasta");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(new Pasta(p));
            }
        }
        return Optional.empty();
    }

    Path binary() {
        return binary;
    }

    /** {@code pasta --version}'s first line. */
    String version() {
        String out = io.jpod.runtime.Exec.run(List.of(binary.toString(), "--version")).out();
        int nl = out.indexOf('\n');
        return (nl < 0 ? out : out.substring(0, nl)).trim();
    }

    static HelperPid pid(Path dir) {
        return new HelperPid(dir.resolve("pasta.pid"), "pas"); // pasta is passt (or passt.avx2) by another name
    }

    /** The command line that attaches pasta to the shared network's namespace bound at {@code netns}, its pid written into {@code dir}. */
    List<String> argv(Path netns, Path dir) {
        return argv(netns, dir, Slirp4netns.TAP, List.of(), false);
    }

    /**
     * The command line that attaches pasta to the namespace bound at {@code netns} as {@code iface}, forwarding {@code ports} from
     * the host (TCP with -t, UDP with -u: {@code [ADDRESS/]HOSTPORT:PORT}), answering DNS at 10.0.2.3 if {@code dns}.
     */
    List<String> argv(Path netns, Path dir, String iface, List<PortMapping> ports, boolean dns) {
        List<String> argv = new java.util.ArrayList<>(List.of(binary.toString(), "--config-net", "--quiet", "--netns", netns.toString(),
                "--ns-ifname", iface, "--address", Slirp4netns.GUEST_ADDRESS, "--netmask", "24", "--gateway", SharedNetwork.HOST_ADDRESS,
                "--mtu", Integer.toString(Slirp4netns.MTU)));
        for (String proto : List.of("tcp", "udp")) {
            List<String> specs = ports.stream().filter(p -> p.protocol().equals(proto))
                    .map(p -> (p.hostIp().equals("0.0.0.0") ? "" : p.hostIp() + "/") + p.hostPort() + ":" + p.containerPort()).toList();
            String flag = proto.equals("tcp") ? "-t" : "-u";
            if (specs.isEmpty()) {
                argv.addAll(List.of(flag, "none"));
            }
            specs.forEach(spec -> argv.addAll(List.of(flag, spec)));
        }
        argv.addAll(List.of("-T", "none", "-U", "none"));
        if (dns) {
            argv.addAll(List.of("--dns-forward", ResolvConf.SLIRP_DNS));
        }
        // as root pasta would become nobody, who may not enter a namespace of root's; in a user namespace 0 is the user
        argv.addAll(List.of("--runas", "0", "--pid", pid(dir).file().toString()));
        return argv;
    }

    /**
     * Gives the pod whose infra container is {@code infraPid} a pasta of its own, publishing {@code ports}; its pid, log and the
     * namespace's file are kept in the infra container's run directory {@code runDir}. On failure nothing of it is left.
     */
    void startForPod(long infraPid, Path runDir, List<PortMapping> ports) {
        Path netns = runDir.resolve("pasta.netns");
        try {
            Files.createDirectories(runDir);
            Files.deleteIfExists(netns);
            Files.createFile(netns);
        } catch (IOException e) {
            throw new HostException("cannot create " + netns + ": " + e.getMessage(), null, e);
        }
        io.jpod.runtime.Exec.Result bound = io.jpod.runtime.Exec.run(List.of(tool("mount"), "--bind", "/proc/" + infraPid + "/ns/net",
                netns.toString()));
        if (!bound.ok()) {
            stopForPod(runDir);
            throw new HostException("cannot bind the pod's network namespace to " + netns + ": " + bound.err().strip(), null);
        }
        try {
            start(argv(netns, runDir, Slirp4netns.INTERFACE, ports, true), runDir);
        } catch (RuntimeException e) {
            stopForPod(runDir);
            throw e;
        }
    }

    /** Ends the pod's own pasta ({@link #startForPod}) and unbinds its namespace's file, if there is one. Idempotent. */
    static void stopForPod(Path runDir) {
        pid(runDir).stop();
        Path netns = runDir.resolve("pasta.netns");
        if (Files.exists(netns)) {
            io.jpod.runtime.Exec.run(List.of(tool("umount"), netns.toString()));
            try {
                Files.deleteIfExists(netns);
            } catch (IOException e) {
                // the run directory goes with the container
            }
        }
    }

    private static String tool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        return name;
    }

    /** Attaches pasta to the shared network's namespace bound at {@code netns} and waits until it has configured it and gone to the background. */
    void start(Path netns, Path dir) {
        start(argv(netns, dir), dir);
    }

    private void start(List<String> argv, Path dir) {
        Path log = dir.resolve("pasta.log");
        try {
            Files.createDirectories(dir);
            pid(dir).stop();
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            Process p = pb.start();
            if (!p.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw failed(log, "it did not start within " + START_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0 || !pid(dir).running()) {
                throw failed(log, "it exited with status " + p.exitValue());
            }
        } catch (IOException e) {
            throw new HostException("cannot start " + binary + ": " + e.getMessage(), "install passt, or use --network-backend slirp4netns", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while starting pasta", null, e);
        }
    }

    private static HostException failed(Path log, String why) {
        String last;
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank() && !l.contains("syslog")).toList();
            last = lines.isEmpty() ? why : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            last = why;
        }
        return new HostException("pasta did not set up the network's way out: " + last,
                "pasta needs /dev/net/tun readable and writable by the user (mode 0666); or use --network-backend slirp4netns");
    }
}
