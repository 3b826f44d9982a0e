package io.jpod.probe;

import io.jpod.pod.ContainerPort;
import io.jpod.pod.ProbeAction;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kubernetes' network probes (httpGet, tcpSocket, grpc) made by jpod itself from inside a pod's
 * network namespace, so that an image needs neither curl nor nc.
 *
 * <p>setns(2) moves one thread only, and a socket belongs to the namespace of the thread that made
 * it; so each namespace has threads of its own ({@link #THREADS_PER_NETNS} at most, platform threads
 * that enter it once, make their sockets themselves, and end when idle for {@link #IDLE}, so that
 * they do not keep a removed pod's namespace alive for long). The caller's thread is never moved.
 * A thread checks before each probe that the path still names the namespace it entered (a pid
 * reused by another pod's infra), and enters it again if not. A namespace the thread is in already
 * (a pod of the host's network) is not entered: rootless, setns into the host's namespace is refused.
 */
public final class NetnsProber implements AutoCloseable {
    static final int THREADS_PER_NETNS = 4;
    static final Duration IDLE = Duration.ofSeconds(30);
    /** How long past its timeout a probe is waited for before it is given up as timed out. */
    private static final Duration GRACE = Duration.ofMillis(500);

    /** The namespace of the thread that reads it. */
    private static final Path THREAD_NETNS = Path.of("/proc/thread-self/ns/net");
    private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();

    private final Map<Path, NetnsThreads> threads = new HashMap<>();
    private boolean closed;

    /**
     * Runs one probe of {@code action} in the network namespace {@code netnsPath} (as /proc/PID/ns/net;
     * null: the JVM's own, without setns), a named port resolved among {@code ports}, a missing host
     * being {@code podIp} (null: 127.0.0.1), within {@code timeout}. exec and sleep are no network probes.
     */
    public ProbeResult check(Path netnsPath, ProbeAction action, List<ContainerPort> ports, String podIp, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        String defaultHost = podIp == null || podIp.isEmpty() ? "127.0.0.1" : podIp;
        Probe probe;
        if (action.httpGet() != null) {
            ProbeAction.HttpGet get = action.httpGet();
            Integer port = get.port().resolve(ports);
            if (port == null) {
                return ProbeResult.failure("unknown port: \"" + get.port() + "\"");
            }
            String host = get.host() == null || get.host().isEmpty() ? defaultHost : get.host();
            probe = () -> HttpProbe.run(get.scheme(), host, port, get.path(), get.headers(), deadline);
        } else if (action.tcpSocket() != null) {
            ProbeAction.TcpSocket tcp = action.tcpSocket();
            Integer port = tcp.port().resolve(ports);
            if (port == null) {
                return ProbeResult.failure("unknown port: \"" + tcp.port() + "\"");
            }
            String host = tcp.host() == null || tcp.host().isEmpty() ? defaultHost : tcp.host();
            probe = () -> tcp(host, port, deadline);
        } else if (action.grpc() != null) {
            ProbeAction.Grpc grpc = action.grpc();
            probe = () -> GrpcHealthProbe.run(defaultHost, grpc.port(), grpc.service(), deadline);
        } else {
            throw new IllegalArgumentException("not a network probe: " + action.describe());
        }
        Future<ProbeResult> result;
        try {
            result = threadsOf(netnsPath).submit(probe);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return ProbeResult.failure("the prober is closed");
        }
        try {
            return result.get(timeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return ProbeResult.failure("probe did not complete within " + deadline.describe());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return ProbeResult.failure(cause instanceof IOException ? cause.getMessage() : String.valueOf(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return ProbeResult.failure("interrupted");
        }
    }

    /** Ends the threads of {@code netnsPath} (a pod removed): no thread stays in its namespace. */
    public synchronized void forget(Path netnsPath) {
        NetnsThreads t = threads.remove(netnsPath);
        if (t != null) {
            t.executor.shutdownNow();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        threads.values().forEach(t -> t.executor.shutdownNow());
        threads.clear();
    }

    private synchronized NetnsThreads threadsOf(Path netnsPath) {
        if (closed) {
            throw new java.util.concurrent.RejectedExecutionException("closed");
        }
        return threads.computeIfAbsent(netnsPath, NetnsThreads::new);
    }

    private static ProbeResult tcp(String host, int port, Deadline deadline) {
        try {
            Socket socket = Dial.open(host, port, deadline);
            Dial.close(socket);
            return ProbeResult.success("tcp connection to " + Dial.hostPort(host, port) + " opened");
        } catch (Dial.Failure e) {
            return ProbeResult.failure(e.getMessage());
        }
    }

    /** One probe's work, run on a thread in the namespace. */
    private interface Probe {
        ProbeResult run();
    }

    /** The threads of one namespace; each enters it before its first probe, and again if the path names another one since. */
    private static final class NetnsThreads {
        private final Path netns;
        private final ThreadPoolExecutor executor;
        /** The namespace the current thread entered ("net:[4026531992]"), null if none yet. */
        private final ThreadLocal<String> entered = new ThreadLocal<>();

        NetnsThreads(Path netns) {
            this.netns = netns;
            this.executor = new ThreadPoolExecutor(THREADS_PER_NETNS, THREADS_PER_NETNS, IDLE.toMillis(), TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread t = new Thread(task, "probe " + (netns == null ? "host" : netns) + " #" + COUNT.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            executor.allowCoreThreadTimeOut(true);
        }

        Future<ProbeResult> submit(Probe probe) {
            return executor.submit(() -> {
                enter();
                return probe.run();
            });
        }

        private void enter() throws IOException {
            if (netns == null) {
                return;
            }
            String target;
            try {
                target = Files.readSymbolicLink(netns).toString();
            } catch (IOException e) {
                throw new IOException("tried to enter the network namespace " + netns + " but failed because it cannot be read: " + e, e);
            }
            if (entered.get() == null && target.equals(Files.readSymbolicLink(THREAD_NETNS).toString())) {
                entered.set(target); // already there (a pod of the host's network): no setns, which rootless could not do
            }
            if (!target.equals(entered.get())) {
                Netns.enter(netns);
                entered.set(target);
            }
        }
    }
}
