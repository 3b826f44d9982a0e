package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jpod run by root (no user namespace): the same pod works, state goes where JPOD_ROOT and
 * JPOD_RUNROOT say (kept apart from /var/lib/jpod), and kube down leaves nothing mounted; a container's own cgroup
 * enforces its resources, counts its stats and freezes it for pause. The default network is a bridge of the host
 * (jpod0, as podman's podman0 as root): the host reaches a pod at its address, a hostPort answers on 127.0.0.1 and on
 * the host's address, one with a hostIP only on that address (two pods publish the same port on two addresses, a third
 * on every address is refused), pods reach each other by name and the host at host.containers.internal (the gateway), and kube
 * down of the last pod leaves no bridge, no nftables table and no aardvark-dns.
 */
class RootModeIT {
    private static final Path STATE = Harness.tmp("rootmode");
    private static Harness h;
    private static Path yaml;
    private static final int WEB_PORT = Harness.port(18097);
    private static final int SPLIT_PORT = Harness.port(18098);

    @BeforeAll
    static void setUp() {
        h = Harness.get();
        Harness.root("rm", "-rf", STATE.toString());
        asRoot("system", "reset", "-f");
        rootOk("import", "--change", "ENV=PATH=/bin:/usr/bin", h.rootfsTar().toString(), Harness.IMAGE);
        yaml = h.readableCopy("examples/kube/hello-pod.yaml");
    }

    @AfterAll
    static void tearDown() {
        asRoot("system", "reset", "-f");
        Harness.root("rm", "-rf", STATE.toString());
    }

    static Result asRoot(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "JPOD_ROOT=" + STATE.resolve("root"), "JPOD_RUNROOT=" + STATE.resolve("run"),
                Harness.DIST.resolve("bin/jpod").toString()));
        cmd.addAll(List.of(args));
        return Harness.root(cmd.toArray(String[]::new));
    }

    static Result rootOk(String... args) {
        Result r = asRoot(args);
        assertEquals(0, r.code(), () -> "jpod as root failed\n" + r.describe());
        return r;
    }

    @Test
    void playsExecsAndTearsDownAsRoot() {
        PlayOutput played = PlayOutput.parse(rootOk("kube", "play", yaml.toString()));
        assertEquals(2, played.containerIds().size());
        assertTrue(rootOk("info").out().contains("rootless: false"), "info says root mode");
        assertEquals("hello", rootOk("exec", "hello-server", "cat", "/etc/hostname").out().trim());
        assertEquals("0", rootOk("exec", "hello-server", "id", "-u").out().trim());
        Harness.waitFor("the client to reach the server over localhost", Duration.ofSeconds(30),
                () -> asRoot("logs", "hello-client").out().contains("hello from hello"));
        rootOk("kube", "down", yaml.toString());
        assertEquals("[]", rootOk("ps", "-a", "--format", "json").out().replaceAll("\\s", ""));
        String mounts = Harness.rootOk("cat", "/proc/self/mounts").out();
        assertTrue(!mounts.contains(STATE.toString()), () -> "nothing of jpod stays mounted:\n" + mounts);
    }

    @Test
    void aPodRunsOnTheFuseOverlayStorageDriver() {
        // fuse-overlayfs is the rootless fallback where the kernel refuses overlay in a user namespace; rootless it needs
        // /dev/fuse open to the user (0666, as Debian's fuse3 makes it), which this host's is not, so it runs as root here
        StorageDriverCheck.playOn("fuse-overlay", RootModeIT::asRoot, h::writeYaml);
        String mounts = Harness.rootOk("cat", "/proc/self/mounts").out();
        assertTrue(!mounts.contains(STATE.toString()), () -> "nothing of jpod stays mounted:\n" + mounts);
    }

    @Test
    void resourcesAreTheContainersCgroupLimitsAsRoot() {
        Path tuned = h.readableCopy("examples/kube/security-and-dns.yaml");
        Result play = rootOk("kube", "play", tuned.toString());
        try {
            assertTrue(!play.err().contains("not enforced"), play.err());
            assertEquals("67108864", rootOk("exec", "tuned-app", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes").out().trim(),
                    "limits.memory 64Mi");
            assertEquals("50000", rootOk("exec", "tuned-app", "cat", "/sys/fs/cgroup/cpu/cpu.cfs_quota_us").out().trim(),
                    "limits.cpu 500m of a 100000 us period");
            assertEquals("256", rootOk("exec", "tuned-app", "cat", "/sys/fs/cgroup/cpu/cpu.shares").out().trim(), "requests.cpu 250m");
            String controllers = rootOk("info").out().lines().filter(l -> l.contains("cgroupControllers:")).findFirst().orElse("");
            assertTrue(controllers.contains("memory") && controllers.contains("cpu"), () -> "info lists the controllers: " + controllers);
            String stats = rootOk("stats", "--no-stream", "--format", "{{.MemUsage}} {{.PIDS}}", "tuned-app").out();
            assertTrue(stats.matches("[0-9.]+[kM]?B / 67.11MB [1-9]\\d*\\n"), () -> "the cgroup's usage and its 64Mi limit: " + stats);
            assertEquals("tuned-app\n", rootOk("pause", "tuned-app").out());
            assertTrue(rootOk("ps", "--all", "--format", "{{.Names}} {{.Status}}").out().contains("tuned-app Paused\n"), "ps says Paused");
            assertEquals("paused true\n", rootOk("inspect", "--format", "{{.State.Status}} {{.State.Paused}}", "tuned-app").out());
            assertEquals("tuned-app\n", rootOk("unpause", "tuned-app").out());
            assertEquals("running\n", rootOk("inspect", "--format", "{{.State.Status}}", "tuned-app").out());
        } finally {
            rootOk("kube", "down", tuned.toString());
        }
    }

    @Test
    void theDefaultNetworkIsABridgeOfTheHost() throws IOException {
        String hostAddress = io.jpod.host.HostAddress.discover();
        Path pods = h.writeYaml("root-bridge.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", "mkdir -p /www && echo hello-from-web > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    ports:
                    - containerPort: 8080
                      hostPort: %d
                    - containerPort: 8080
                      hostPort: %d
                      hostIP: 127.0.0.1
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: caller
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", "mkdir -p /www && echo hello-from-caller > /www/index.html && httpd -p 8080 -h /www && %s"]
                    ports:
                    - containerPort: 8080
                      hostPort: %d
                      hostIP: %s
                """.formatted(Harness.IMAGE, WEB_PORT, SPLIT_PORT, Harness.IMAGE, Harness.SLEEPER, SPLIT_PORT, hostAddress));
        Path clash = h.writeYaml("root-clash.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: clash
                spec:
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", "%s"]
                    ports:
                    - containerPort: 8080
                      hostPort: %d
                """.formatted(Harness.IMAGE, Harness.SLEEPER, SPLIT_PORT));
        HttpServer server = Harness.answering("0.0.0.0", "from-the-host");
        try {
            rootOk("kube", "play", pods.toString());
            String podIp = rootOk("exec", "web-main", "sh", "-c", "ip -4 -o addr show eth0 | sed 's#.*inet \\([0-9.]*\\)/24.*#\\1#'").out().strip();
            assertTrue(podIp.startsWith("10.89.0."), podIp);
            assertTrue(Harness.rootOk("ip", "-o", "link", "show", "master", "jpod0").out().contains("jpodv"), "the pods' veths on the host's jpod0");
            assertEquals("hello-from-web", getOnHost("http://" + podIp + ":8080/"), "the host reaches a pod at its address");
            assertEquals("hello-from-web", getOnHost("http://127.0.0.1:" + WEB_PORT + "/"), "a hostPort on the host's loopback");
            assertEquals("hello-from-web", getOnHost("http://" + hostAddress + ":" + WEB_PORT + "/"), "a hostPort on the host's address");
            assertEquals("hello-from-web", getOnHost("http://127.0.0.1:" + SPLIT_PORT + "/"), "hostIP 127.0.0.1: the port on the loopback");
            assertEquals("hello-from-caller", getOnHost("http://" + hostAddress + ":" + SPLIT_PORT + "/"),
                    "the same port on the host's address is another pod's: the first pod's hostIP 127.0.0.1 keeps it off there");
            Result refused = asRoot("kube", "play", clash.toString());
            assertTrue(refused.code() == 125 && refused.err().contains("cannot publish port " + SPLIT_PORT + "/tcp on 0.0.0.0")
                    && refused.err().contains("another pod of network jpod publishes it"), () -> "every address clashes with both\n" + refused.describe());
            int port = server.getAddress().getPort();
            String[] seen = rootOk("exec", "caller-main", "sh", "-c", String.join("; echo @@; ",
                    "timeout 5 wget -qO- http://web:8080/",
                    "timeout 5 wget -qO- http://host.containers.internal:" + port + "/",
                    "timeout 5 wget -qO- http://" + hostAddress + ":" + port + "/",
                    "grep host.containers.internal /etc/hosts")).out().split("@@\n");
            assertEquals(4, seen.length, () -> String.join("|", seen));
            assertEquals("hello-from-web", seen[0].strip(), "a pod reaches another by name");
            assertEquals("from-the-host", seen[1].strip(), "the host as host.containers.internal");
            assertEquals("from-the-host", seen[2].strip(), "the host at its address");
            assertTrue(seen[3].startsWith("10.89.0.1\t"), () -> "host.containers.internal is the bridge's gateway: " + seen[3]);
            tools.jackson.databind.JsonNode inspected = Harness.json(rootOk("network", "inspect", "jpod")).get(0);
            assertEquals("host", inspected.path("options").path("network_backend").asString(), () -> "carried by the host: " + inspected);
            rootOk("kube", "down", pods.toString());
            assertTrue(Harness.root("ip", "link", "show", "jpod0").code() != 0, "no bridge is left");
            String tables = Harness.rootOk("nft", "list", "tables").out();
            assertTrue(!tables.contains("jpod"), () -> "no nftables table of jpod is left:\n" + tables);
            // ended by kube down; reaped by PID 1 a moment later
            Harness.waitFor("no aardvark-dns to be left", Duration.ofSeconds(10), () -> Harness.root("pgrep", "-u", "0", "-x", "aardvark-dns").code() != 0);
        } finally {
            server.stop(0);
            asRoot("kube", "down", pods.toString());
            asRoot("kube", "down", clash.toString());
        }
    }

    private static String getOnHost(String url) {
        String[] body = {""};
        Harness.waitFor(url + " to answer on the host", Duration.ofSeconds(30), () -> {
            try {
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                body[0] = r.body().strip();
                return r.statusCode() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        return body[0];
    }
}
