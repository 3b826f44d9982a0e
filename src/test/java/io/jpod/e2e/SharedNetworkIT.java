package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The user's shared network ({@code kube play --network bridge}), from outside as the user sees it: pods
 * reach each other by pod name, container name and FQDN, each with its own address of 10.89.0.0/24 in its
 * /etc/hosts; a Service by name and FQDN reaches its pods' named targetPort, a headless one answers their
 * addresses, of ready pods only (a readiness probe that passes adds one); a hostPort is published on the host (one with a
 * hostIP on that address only: two pods publish the same port on two addresses); the host's loopback is reached as
 * host.containers.internal; helpers killed with SIGKILL are started again by the next pod that joins;
 * and after kube down nothing is left: no pasta, no slirp4netns, no aardvark-dns, no namespace file, the port free.
 * The default backend is one slirp4netns for the way out and the published ports; {@code --network-backend pasta} gives a
 * network made then a pasta for the way out (and a slirp4netns for the published ports), and each network keeps its own.
 * Named networks ({@code network create}) have subnets of their own, their pods reach each other but not
 * those of another network, an internal one has no way out, and rm -f and prune remove them.
 */
class SharedNetworkIT extends PlayingIT {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final int WEB_PORT = Harness.port(18095);
    private static final int SPLIT_PORT = Harness.port(18099);
    private static final Path NETWORK = Harness.RUN_DIR.resolve("jpod/networks/jpod");

    @Override
    protected boolean leftNothingChecksProcesses() {
        return true;
    }

    private static String pod(String name, String command, String ports) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels: {app: %s}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", "%s"]
                %s
                """.formatted(name, name, Harness.IMAGE, command, ports);
    }

    /** The addresses the headless Service's name answers, one a line. */
    private static final String HEADLESS = "nslookup api-direct | sed -n 's/^Address: *\\(10\\.89\\.[0-9.]*\\)$/\\1/p' | sort -u";

    private static final String SERVER = "mkdir -p /www && echo hello-from-backend > /www/index.html && exec httpd -f -p 8080 -h /www";

    private static String fetchSoon(String url) {
        String[] body = {""};
        Harness.waitFor(url + " to answer in the frontend", SOON, () -> {
            Result r = h.jpod("exec", "frontend-main", "timeout", "5", "wget", "-qO-", url);
            body[0] = r.out().strip();
            return r.code() == 0;
        });
        return body[0];
    }

    private static String getOnHost(int port) {
        return getOnHost("127.0.0.1", port);
    }

    private static String getOnHost(String address, int port) {
        String[] body = {""};
        Harness.waitFor(address + ":" + port + " to answer on the host", SOON, () -> {
            try {
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.ofString());
                body[0] = r.body().strip();
                return r.statusCode() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        return body[0];
    }

    @Test
    void podsReachEachOtherByNameAndTheNetworkGoesWithTheLastPod() throws IOException {
        String hostAddress = io.jpod.host.HostAddress.discover();
        Path yaml = h.writeYaml("shared-net.yaml", pod("backend", SERVER, """
                    ports:
                    - containerPort: 8080
                      name: http
                      hostPort: %d
                    - containerPort: 8080
                      hostPort: %d
                      hostIP: 127.0.0.1
                """.formatted(WEB_PORT, SPLIT_PORT)) + "---\n" + pod("frontend",
                "mkdir -p /www && echo hello-from-frontend > /www/index.html && httpd -p 8080 -h /www && " + Harness.SLEEPER, """
                    env:
                    - name: POD_IP
                      valueFrom: {fieldRef: {fieldPath: status.podIP}}
                    ports:
                    - containerPort: 8080
                      hostPort: %d
                      hostIP: %s
                """.formatted(SPLIT_PORT, hostAddress)) + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: api
                spec:
                  selector: {app: backend}
                  ports:
                  - port: 80
                    targetPort: http
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: api-direct
                spec:
                  clusterIP: None
                  selector: {app: backend}
                """);
        HttpServer server = Harness.answering("127.0.0.1", "from-the-host");
        // a second pod for the Services, not ready until its readiness probe finds /tmp/ready
        Path third = h.writeYaml("shared-net-third.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: standby
                  labels: {app: backend}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", "%s"]
                    readinessProbe:
                      exec: {command: ["test", "-f", "/tmp/ready"]}
                      periodSeconds: 1
                """.formatted(Harness.IMAGE, Harness.SLEEPER));
        try {
            // pasta chosen for the way out (slirp4netns, the default, carries the other test's network back)
            h.jpodOk("--network-backend", "pasta", "kube", "play", "--network", "bridge", yaml.toString());
            h.waitForState("frontend-main", "running", SOON);
            assertEquals("hello-from-backend", fetchSoon("http://backend:8080/"), "a pod by its name");
            // what the frontend sees, in one exec: names, its own address, the backend's by DNS, its files, the host
            String[] seen = h.execOut("frontend-main", "sh", "-c", String.join("; echo @@; ",
                    "timeout 5 wget -qO- http://backend-main:8080/",
                    "timeout 5 wget -qO- http://backend.dns.podman:8080/",
                    "ip -4 -o addr show eth0 | sed 's#.*inet \\([0-9.]*\\)/24.*#\\1#'",
                    "b=$(nslookup backend | sed -n 's/^Address: *\\(10\\.89\\.[0-9.]*\\)$/\\1/p'); echo $b; timeout 5 wget -qO- http://$b:8080/",
                    "cat /etc/hosts /etc/resolv.conf",
                    "timeout 5 wget -qO- http://host.containers.internal:" + server.getAddress().getPort() + "/",
                    "timeout 5 wget -qO- http://api/",
                    "timeout 5 wget -qO- http://api.default.svc.cluster.local:80/",
                    HEADLESS,
                    "echo $POD_IP")).split("@@\n");
            assertEquals(10, seen.length, () -> String.join("|", seen));
            assertEquals("hello-from-backend", seen[0].strip(), "a container by its name");
            assertEquals("hello-from-backend", seen[1].strip(), "a pod by its FQDN");
            String frontend = seen[2].strip();
            String[] backend = seen[3].strip().split("\n");
            assertTrue(frontend.startsWith("10.89.0.") && backend[0].startsWith("10.89.0."), frontend + " and " + backend[0]);
            assertNotEquals(frontend, backend[0], "each pod has an address of its own");
            assertEquals("hello-from-backend", backend[backend.length - 1], "a pod at its address, directly");
            assertTrue(seen[4].contains(frontend + "\tfrontend frontend"), () -> "the pod's address with its hostname\n" + seen[4]);
            assertTrue(seen[4].contains("nameserver 10.89.0.1"), () -> "the network's DNS\n" + seen[4]);
            assertEquals("from-the-host", seen[5].strip(), "the host's loopback as host.containers.internal");
            assertEquals("hello-from-backend", seen[6].strip(), "a Service by name: its port reaches the named targetPort");
            assertEquals("hello-from-backend", seen[7].strip(), "a Service by its FQDN");
            assertEquals(backend[0], seen[8].strip(), "a headless Service answers the selected pod's address");
            assertEquals(frontend, seen[9].strip(), "status.podIP is the pod's address");
            assertEquals("hello-from-backend", getOnHost(WEB_PORT), "a hostPort is published on the host");
            assertEquals("hello-from-backend", getOnHost(SPLIT_PORT), "hostIP 127.0.0.1: the port on the loopback");
            assertEquals("hello-from-frontend", getOnHost(hostAddress, SPLIT_PORT), "the same port on the host's address is another pod's");
            JsonNode inspected = Harness.json(h.jpodOk("network", "inspect", "jpod")).get(0);
            assertEquals("10.89.0.0/24", inspected.path("subnets").get(0).path("subnet").asString(), inspected::toString);
            assertEquals("jpod0", inspected.path("network_interface").asString(), inspected::toString);
            assertEquals("pasta", inspected.path("options").path("network_backend").asString(), () -> "pasta, as chosen: " + inspected);
            assertEquals(0, h.jpod("network", "exists", "jpod").code(), "network exists answers 0 for the network");
            assertEquals(1, h.jpod("network", "exists", "nope").code(), "and 1 for none");
            assertTrue(h.jpodError("network", "inspect", "nope").err().contains("unable to find network with name or ID nope"),
                    "an unknown network is named");
            assertEquals(1, helpers().stream().filter(p -> p.comm().startsWith("pass")).count(), () -> "one pasta for the way out: " + h.leftovers());
            assertEquals(1, h.leftovers("slirp4netns").size(), () -> "one slirp4netns for the published ports: " + h.leftovers());
            assertEquals(1, h.leftovers("aardvark-dns").size(), () -> "one aardvark-dns for the network: " + h.leftovers());

            // the helpers killed: the next pod that joins starts them again, with the ports and names of the pods there
            helpers().forEach(p -> Harness.rootOk("kill", "-KILL", Long.toString(p.pid())));
            h.jpodOk("kube", "play", "--network", "bridge", third.toString());
            assertEquals("hello-from-backend", fetchSoon("http://backend:8080/"), "names answered again");
            assertEquals("hello-from-backend", getOnHost(WEB_PORT), "the hostPort published again");
            assertEquals("hello-from-frontend", getOnHost(hostAddress, SPLIT_PORT), "and the same port on the host's address, to its own tap port");
            assertEquals("from-the-host", h.execOut("standby-main", "timeout", "5", "wget", "-qO-",
                    "http://host.containers.internal:" + server.getAddress().getPort() + "/"), "the way out made again");
            assertEquals("hello-from-backend", h.execOut("standby-main", "timeout", "5", "wget", "-qO-", "http://backend-main:8080/"),
                    "the new pod reaches the others by name");
            assertEquals(backend[0], h.execOut("frontend-main", "sh", "-c", HEADLESS), "a pod that is not ready is no endpoint");
            h.execOut("standby-main", "touch", "/tmp/ready");
            String[] both = {""};
            Harness.waitFor("the ready standby pod among api-direct's addresses", SOON, () -> {
                both[0] = h.execOut("frontend-main", "sh", "-c", HEADLESS);
                return both[0].lines().count() == 2;
            });
            assertTrue(both[0].contains(backend[0]), both[0]);

            h.jpodOk("kube", "down", third.toString());
            h.jpodOk("kube", "down", yaml.toString());
            assertEquals(List.of(), helpers(), "kube down of the last pod ends the network's helpers (the supervisor, which probed, ends by itself)");
            assertFalse(Files.exists(NETWORK.resolve("netns")), "the network's namespace file is gone");
            assertEquals(List.of(), h.jpodMounts(), "nothing of the network stays mounted");
            assertFalse(listening(WEB_PORT) || listening(SPLIT_PORT), "the hostPorts are free again");
        } finally {
            server.stop(0);
            h.jpod("kube", "down", third.toString());
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void namedNetworksAreIsolatedAndGoWithRmAndPrune() throws IOException {
        h.jpodOk("network", "create", "front");
        h.jpodOk("network", "create", "--subnet", "10.91.0.0/24", "--label", "team=b", "back");
        assertEquals("sealed", h.jpodOk("network", "create", "--internal", "sealed").out().strip());
        assertTrue(h.jpodError("network", "create", "front").err().contains("network name front already used: network already exists"));
        Result clash = h.jpodError("network", "create", "--subnet", "10.91.0.128/25", "other");
        assertEquals("Error: subnet 10.91.0.128/25 is already used on the host or by another config", clash.err().strip(), clash::describe);
        assertEquals(List.of("jpod", "back", "front", "sealed"), h.jpodOk("network", "ls", "-q").outLines());
        JsonNode front = Harness.json(h.jpodOk("network", "inspect", "front", "back", "sealed"));
        assertEquals("10.89.1.0/24", front.get(0).path("subnets").get(0).path("subnet").asString(), "the next free /24: " + front);
        assertEquals("10.91.0.1", front.get(1).path("subnets").get(0).path("gateway").asString(), front::toString);
        assertEquals("b", front.get(1).path("labels").path("team").asString(), front::toString);
        assertTrue(front.get(2).path("internal").asBoolean() && !front.get(0).path("internal").asBoolean(), front::toString);

        Path onFront = h.writeYaml("named-front.yaml", pod("alpha", SERVER, "") + "---\n" + pod("beta", Harness.SLEEPER, ""));
        Path onBack = h.writeYaml("named-back.yaml", pod("gamma", Harness.SLEEPER, ""));
        Path onSealed = h.writeYaml("named-sealed.yaml", pod("delta", Harness.SLEEPER, ""));
        HttpServer server = Harness.answering("127.0.0.1", "ok");
        String host = "http://host.containers.internal:" + server.getAddress().getPort() + "/";
        try {
            // a backend chosen when a network is made: front's is pasta, back's the default, slirp4netns
            h.jpodOk("--network-backend", "pasta", "kube", "play", "--network", "front", onFront.toString());
            h.jpodOk("kube", "play", "--network", "back", onBack.toString());
            h.jpodOk("kube", "play", "--network", "sealed", onSealed.toString());
            h.waitForState("gamma-main", "running", SOON);
            h.waitForState("delta-main", "running", SOON);
            String[] alpha = {""};
            Harness.waitFor("alpha to answer beta by name on network front", SOON, () -> {
                Result r = h.jpod("exec", "beta-main", "sh", "-c", "timeout 5 wget -qO- http://alpha:8080/ && "
                        + "nslookup alpha | sed -n 's/^Address: *\\(10\\.89\\.1\\.[0-9]*\\)$/\\1/p'");
                alpha[0] = r.out().strip();
                return r.code() == 0 && alpha[0].startsWith("hello-from-backend\n10.89.1.");
            });
            String alphaIp = alpha[0].lines().reduce((a, b) -> b).orElseThrow();
            assertEquals("ok", h.execOut("beta-main", "timeout", "5", "wget", "-qO-", host), "a named network goes out");
            String[] gamma = h.execOut("gamma-main", "sh", "-c", "ip -4 -o addr show eth0 | sed 's#.*inet \\([0-9.]*\\)/24.*#\\1#'; echo @@; "
                    + "nslookup alpha >/dev/null 2>&1; echo dns=$?; timeout 3 wget -qO- http://" + alphaIp + ":8080/; echo http=$?")
                    .split("@@\n");
            assertTrue(gamma[0].strip().startsWith("10.91.0."), () -> "an address of network back's subnet: " + gamma[0]);
            assertTrue(!gamma[1].contains("dns=0") && !gamma[1].contains("http=0") && !gamma[1].contains("hello"),
                    () -> "a pod of another network is neither named nor reached: " + gamma[1]);
            assertNotEquals(0, h.jpod("exec", "delta-main", "timeout", "3", "wget", "-qO-", host).code(), "an internal network has no way out");
            assertEquals("ok", h.execOut("gamma-main", "timeout", "5", "wget", "-qO-", host), "network back goes out through slirp4netns");
            JsonNode up = Harness.json(h.jpodOk("network", "inspect", "front", "back", "sealed"));
            assertEquals(List.of("pasta", "slirp4netns", ""), List.of(up.get(0).path("options").path("network_backend").asString(""),
                    up.get(1).path("options").path("network_backend").asString(""), up.get(2).path("options").path("network_backend").asString("")),
                    () -> "each network keeps the backend it was made with; an internal one has none: " + up);
            assertEquals(1, h.leftovers("slirp4netns").size(), () -> "a slirp4netns for back's way out alone (front publishes nothing): " + h.leftovers());
            assertEquals(1, h.leftovers().stream().filter(p -> p.comm().startsWith("pass")).count(), () -> "a pasta for front's way out: " + h.leftovers());

            Result used = h.jpod("network", "rm", "front");
            assertEquals(2, used.code(), used::describe);
            assertTrue(used.err().contains("\"front\" has associated containers with it. Use -f to forcibly delete containers and pods"),
                    used::describe);
            assertEquals("front", h.jpodOk("network", "rm", "-f", "front").out().strip());
            assertEquals(List.of("delta", "gamma"), h.jpodOk("pod", "ps", "--format", "{{.Name}}").outLines().stream().sorted().toList(),
                    "rm -f removed the pods on the network");
            h.jpodOk("kube", "down", onBack.toString());
            h.jpodOk("kube", "down", onSealed.toString());
            assertEquals(List.of("back", "sealed"), h.jpodOk("network", "prune", "-f").outLines(), "prune removes the unused ones");
            assertEquals(List.of("jpod"), h.jpodOk("network", "ls", "--format", "{{.Name}}").outLines(), "but the default network");
            assertTrue(h.jpodError("network", "rm", "jpod").err().contains("default network jpod cannot be removed"));
            assertEquals(List.of(), helpers(), "the networks' helpers end with their last pods");
            assertEquals(List.of(), h.jpodMounts(), "nothing of the networks stays mounted");
        } finally {
            server.stop(0);
            for (Path y : List.of(onFront, onBack, onSealed)) {
                h.jpod("kube", "down", y.toString());
            }
            h.jpod("network", "rm", "-f", "front", "back", "sealed");
        }
    }

    /** The user's network helpers: slirp4netns, pasta (passt by its process's name), aardvark-dns. */
    private List<HostProcess> helpers() {
        return h.leftovers().stream().filter(p -> p.comm().equals("slirp4netns") || p.comm().startsWith("passt") || p.comm().equals("aardvark-dns"))
                .toList();
    }

    /** Whether something still listens on the host's {@code port}. */
    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
