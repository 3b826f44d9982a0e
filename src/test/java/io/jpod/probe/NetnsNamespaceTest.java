package io.jpod.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpod.pod.ProbeAction;
import io.jpod.pod.ProbeAction.PortRef;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe into a real network namespace (root only, Java 22+): {@code unshare --net sleep} holds
 * one, busybox httpd listens on its loopback, and the probe reaches it only through setns, the
 * same port on the host's loopback being closed.
 */
class NetnsNamespaceTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theProbeReachesAListenerOnlyThroughItsNamespace(@TempDir Path www) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "creating a network namespace needs root");
        assumeTrue(List.of("unshare", "nsenter", "ip", "busybox", "sleep").stream().allMatch(NetnsNamespaceTest::onPath));
        Files.writeString(www.resolve("index.html"), "ok\n");
        int port = NetnsProberTest.closedPort();
        Process holder = new ProcessBuilder("unshare", "--net", "sleep", "120").start();
        Process httpd = null;
        try (NetnsProber prober = new NetnsProber()) {
            Path netns = Path.of("/proc/" + holder.pid() + "/ns/net");
            String own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            for (int i = 0; i < 200 && own.equals(Files.readSymbolicLink(netns).toString()); i++) {
                Thread.sleep(10); // unshare has not unshared yet
            }
            if (!Netns.available()) {
                // Maven's own JDK (scripts/test.sh names a JDK 22+ when there is one): what the prober says instead
                ProbeResult r = prober.check(netns, ProbeAction.tcpSocket(new ProbeAction.TcpSocket(null, PortRef.of(port))), List.of(), null,
                        Duration.ofSeconds(1));
                assertTrue(!r.success() && r.message().contains("Java 22 or later"), r.message());
                return;
            }
            run("nsenter", "-t", String.valueOf(holder.pid()), "-n", "ip", "link", "set", "lo", "up");
            httpd = new ProcessBuilder("nsenter", "-t", String.valueOf(holder.pid()), "-n", "busybox", "httpd", "-f", "-p",
                    "127.0.0.1:" + port, "-h", www.toString()).redirectErrorStream(true).start();
            ProbeAction get = ProbeAction.httpGet(new ProbeAction.HttpGet(null, null, "/index.html", PortRef.of(port), null));
            ProbeAction tcp = ProbeAction.tcpSocket(new ProbeAction.TcpSocket(null, PortRef.of(port)));
            long first = System.nanoTime();
            ProbeResult r = prober.check(netns, tcp, List.of(), null, SECOND);
            System.out.printf("NetnsNamespaceTest: the first probe (FFM bound, thread made, setns) took %.2f ms%n", (System.nanoTime() - first) / 1e6);
            for (int i = 0; i < 100 && !r.success(); i++) {
                Thread.sleep(50); // httpd is starting
                r = prober.check(netns, tcp, List.of(), null, SECOND);
            }
            assertEquals(new ProbeResult(true, "tcp connection to 127.0.0.1:" + port + " opened"), r);
            assertEquals(new ProbeResult(true, "HTTP probe succeeded with statuscode: 200"), prober.check(netns, get, List.of(), null, SECOND));

            ProbeResult outside = prober.check(null, get, List.of(), null, SECOND);
            assertFalse(outside.success());
            assertTrue(outside.message().endsWith("connect: connection refused"), outside.message());

            int n = 50;
            for (int i = 0; i < n; i++) {
                prober.check(netns, get, List.of(), null, SECOND); // warm-up
            }
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                assertTrue(prober.check(netns, get, List.of(), null, SECOND).success());
            }
            System.out.printf("NetnsNamespaceTest: one HTTP probe into the namespace took %.2f ms (threads reused)%n",
                    (System.nanoTime() - start) / 1e6 / n);
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                prober.forget(netns);
                assertTrue(prober.check(netns, get, List.of(), null, SECOND).success());
            }
            System.out.printf("NetnsNamespaceTest: with a new thread and setns each time %.2f ms%n", (System.nanoTime() - start) / 1e6 / n);
        } finally {
            if (httpd != null) {
                httpd.destroyForcibly().waitFor();
            }
            holder.destroyForcibly().waitFor();
        }
    }
}
