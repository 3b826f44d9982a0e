package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pod networking: with {@code --network slirp4netns} each pod has eth0 (10.0.2.100) and DNS at 10.0.2.3, a
 * hostPort is reachable from the host, the host's loopback is not reachable from the pod, containers of a pod
 * talk over localhost; on the default (shared) network a port in use is refused by name, a Service's nodePort is
 * published, the network's helpers end with a killed infra container; {@code --network none} leaves loopback
 * only; kube down frees the port and leaves no slirp4netns running. {@code --network pasta} gives a pod a pasta of its
 * own: the same addresses, DNS, its port published, the host's loopback at 10.0.2.2, and it ends with the pod.
 */
class NetworkIT extends PlayingIT {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final int WEB_PORT = Harness.port(18080);

    @Override
    protected boolean leftNothingChecksProcesses() {
        return true;
    }

    /** A pod serving "hello-from-NAME" with busybox httpd on port 80, and a client container beside it. */
    private static String webPod(String name, String labels, String ports) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels: {%s}
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: httpd
                    image: %s
                    command: ["sh", "-c", "mkdir -p /www && echo hello-from-%s > /www/index.html && exec httpd -f -p 80 -h /www"]
                    ports:
                %s
                  - name: client
                    image: %s
                    command: ["sh", "-c", "%s"]
                    env:
                    - name: POD_IP
                      valueFrom: {fieldRef: {fieldPath: status.podIP}}
                """.formatted(name, labels, Harness.IMAGE, name, ports, Harness.IMAGE, Harness.SLEEPER);
    }

    private static String get(int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body().strip();
    }

    /** Waits until the host's port answers with the page (httpd starts a moment after its container). */
    private static String getSoon(int port) {
        String[] body = {""};
        Harness.waitFor("port " + port + " to answer on the host", SOON, () -> {
            try {
                body[0] = get(port);
                return true;
            } catch (IOException | InterruptedException | AssertionError e) {
                return false;
            }
        });
        return body[0];
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Exit code of {@code sh -c script} in {@code container}. */
    private static int sh(String container, String script) {
        return h.jpod("exec", container, "sh", "-c", script).code();
    }

    /** The user's pastas (passt by their process's name). */
    private List<HostProcess> pastas() {
        return h.leftovers().stream().filter(p -> p.comm().startsWith("passt")).toList();
    }

    /** An IPv4 address of this host that is not loopback: what a pod reaches through slirp4netns. */
    private static String hostAddress() throws IOException {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (i.isUp() && !i.isLoopback()) {
                for (InetAddress a : Collections.list(i.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        }
        throw new AssertionError("this host has no IPv4 address besides loopback");
    }

    @Test
    void hostPortIsReachableFromTheHostAndThePodHasOutboundNetwork() throws IOException {
        Path yaml = h.writeYaml("net-web.yaml", webPod("web", "app: web", """
                    - containerPort: 80
                      hostPort: %d
                """.formatted(WEB_PORT)));
        HttpServer server = Harness.answering("0.0.0.0", "from-the-host");
        int hostPort = server.getAddress().getPort();
        try {
            h.play(yaml, "--network", "slirp4netns");
            h.waitForState("web-httpd", "running", SOON);
            h.waitForState("web-client", "running", SOON);
            assertEquals("hello-from-web", getSoon(WEB_PORT), "the hostPort reaches httpd in the pod");

            assertTrue(h.execOut("web-client", "ip", "-4", "addr", "show", "eth0").contains("10.0.2.100/24"), "eth0 of slirp4netns");
            assertTrue(h.execOut("web-client", "cat", "/etc/resolv.conf").startsWith("nameserver 10.0.2.3"), "slirp4netns's DNS");
            assertEquals("hello-from-web", h.execOut("web-client", "timeout", "5", "wget", "-qO-", "http://127.0.0.1:80/"),
                    "containers of a pod share localhost");
            assertEquals("from-the-host", h.execOut("web-client", "timeout", "5", "wget", "-qO-",
                    "http://" + hostAddress() + ":" + hostPort + "/"), "outbound connections leave through slirp4netns");
            assertNotEquals(0, sh("web-client", "timeout 5 wget -qO- http://10.0.2.2:" + hostPort + "/"),
                    "the host's loopback (10.0.2.2) is not reachable: --disable-host-loopback");

            assertEquals("80/tcp -> 0.0.0.0:" + WEB_PORT, h.jpodOk("port", "web-httpd").out().strip());
            assertEquals("0.0.0.0:" + WEB_PORT, h.jpodOk("port", "web", "80/tcp").out().strip(), "port of a pod");
            assertTrue(h.jpodOk("ps").out().contains("0.0.0.0:" + WEB_PORT + "->80/tcp"), "the PORTS column");
            assertEquals(1, h.leftovers("slirp4netns").size(), () -> "one slirp4netns for the pod: " + h.leftovers());
            assertFalse(portFree(WEB_PORT), "the port is held while the pod runs");

            h.jpodOk("kube", "down", yaml.toString());
            assertTrue(portFree(WEB_PORT), "kube down frees the port");
            assertEquals(List.of(), h.leftovers("slirp4netns"), "kube down ends slirp4netns");

            // podman's --network pasta: a pasta of the pod's own, its ports given as it starts
            h.play(yaml, "--network", "pasta");
            assertEquals("hello-from-web", getSoon(WEB_PORT), "played again on the same port, with pasta");
            h.waitForState("web-client", "running", SOON);
            String[] seen = h.execOut("web-client", "sh", "-c", String.join("; echo @@; ", "ip -4 addr show eth0", "cat /etc/resolv.conf",
                    "timeout 5 wget -qO- http://" + hostAddress() + ":" + hostPort + "/", "timeout 5 wget -qO- http://host.containers.internal:" + hostPort + "/"))
                    .split("@@\n");
            assertEquals(4, seen.length, () -> String.join("|", seen));
            assertTrue(seen[0].contains("10.0.2.100/24"), () -> "eth0 as with slirp4netns: " + seen[0]);
            assertTrue(seen[1].startsWith("nameserver 10.0.2.3"), () -> "pasta forwards DNS at 10.0.2.3: " + seen[1]);
            assertEquals("from-the-host", seen[2].strip(), "outbound connections leave through pasta");
            assertEquals("from-the-host", seen[3].strip(), "pasta maps its gateway 10.0.2.2, host.containers.internal in /etc/hosts, to the host's loopback");
            assertEquals(1, pastas().size(), () -> "one pasta for the pod: " + h.leftovers());
            assertEquals(List.of(), h.leftovers("slirp4netns"), "and no slirp4netns");
            h.jpodOk("pod", "stop", "web");
            assertEquals(List.of(), pastas(), "pod stop ends pasta");
            assertTrue(portFree(WEB_PORT), "pod stop frees the port");
            h.jpodOk("pod", "start", "web");
            assertEquals("hello-from-web", getSoon(WEB_PORT), "pod start publishes the port again");
            h.jpodOk("kube", "down", yaml.toString());
            assertEquals(List.of(), pastas(), "kube down ends pasta");
            assertEquals(List.of(), h.jpodMounts(), "nothing of the pod's pasta stays mounted");
        } finally {
            server.stop(0);
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void aPortInUseIsRefusedByNumberAndNothingIsLeft() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", Harness.port(18083)));
            Path yaml = h.writeYaml("net-busy.yaml", Harness.withPortOffset(webPod("busy", "app: busy", """
                        - containerPort: 80
                          hostPort: 18083
                    """)));
            Result r = h.jpodError("kube", "play", yaml.toString());
            assertTrue(r.err().contains(Integer.toString(Harness.port(18083))), () -> "the error names the port\n" + r.describe());
            assertEquals(0, h.podPs().size(), "no pod is left");
            assertEquals(List.of(), h.leftovers("slirp4netns"));
        }
        // two pods of one file on one port both find it free; the second to join the network is refused after its app
        // containers were made (while its network was being attached), and nothing of it is left
        String port = """
                    - containerPort: 80
                      hostPort: 18086
                """;
        Path twins = h.writeYaml("net-twins.yaml", Harness.withPortOffset(webPod("twin-a", "app: twin", port) + "---\n"
                + webPod("twin-b", "app: twin", port)));
        try {
            Result r = h.jpodError("kube", "play", twins.toString());
            assertTrue(r.err().contains(Integer.toString(Harness.port(18086))), () -> "the error names the port\n" + r.describe());
            assertEquals(1, h.podPs().size(), "the pod that joined first is left");
            assertEquals(3, h.leftovers("conmon").size(), "only its infra and app containers are left");
            assertEquals(2, h.jpodMounts().stream().filter(m -> m.contains(" overlay ")).count(), () -> "only its apps' roots stay mounted: "
                    + h.jpodMounts());
        } finally {
            h.jpod("kube", "down", twins.toString());
        }
    }

    @Test
    void serviceNodePortIsPublishedForThePodsItSelects() {
        Path yaml = h.writeYaml("net-svc.yaml", Harness.withPortOffset(webPod("svc", "app: shop", """
                    - containerPort: 80
                      name: http
                """) + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: shop
                spec:
                  type: NodePort
                  selector: {app: shop}
                  ports:
                  - port: 8080
                    targetPort: http
                    nodePort: 30080
                """));
        try {
            h.play(yaml);
            assertEquals("hello-from-svc", getSoon(Harness.port(30080)), "the nodePort reaches the targetPort of the selected pod");
            assertEquals("80/tcp -> 0.0.0.0:" + Harness.port(30080), h.jpodOk("port", "svc-httpd").out().strip());
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void theExampleIsPublishedByHostPortAndNodePortAndGeneratesAService() {
        Path yaml = h.readableCopy("examples/kube/ports-and-service.yaml");
        try {
            h.play(yaml);
            assertEquals("hello from the shop", getSoon(Harness.port(18090)), "hostPort");
            assertEquals("hello from the shop", getSoon(Harness.port(30090)), "nodePort of the Service selecting the pod");
            assertEquals("8080/tcp -> 0.0.0.0:" + Harness.port(18090) + "\n8080/tcp -> 0.0.0.0:" + Harness.port(30090), h.jpodOk("port", "shop").out().strip());
            String generated = h.jpodOk("kube", "generate", "shop", "--service", "--service-type", "nodeport").out();
            assertTrue(generated.contains("kind: Service") && generated.contains("type: NodePort")
                    && generated.contains("nodePort: " + Harness.port(30090)) && generated.contains("targetPort: 8080"), generated);
            assertFalse(generated.contains("hostPort"), () -> "no hostPort with --service\n" + generated);
            String plain = h.jpodOk("kube", "generate", "shop").out();
            assertTrue(plain.contains("hostPort: " + Harness.port(18090)) && plain.contains("containerPort: 8080"), plain);
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void slirp4netnsEndsWhenTheInfraContainerDies() {
        Path yaml = h.writeYaml("net-die.yaml", Harness.withPortOffset(webPod("dying", "app: dying", """
                    - containerPort: 80
                      hostPort: 18085
                """)));
        try {
            h.play(yaml);
            assertEquals("hello-from-dying", getSoon(Harness.port(18085)));
            JsonNode infra = Harness.json(h.jpodOk("ps", "-a", "--format", "json"));
            long pid = -1;
            for (JsonNode c : infra) {
                if (c.path("IsInfra").asBoolean()) {
                    pid = c.path("Pid").asLong();
                }
            }
            assertTrue(pid > 0, infra::toString);
            Harness.rootOk("kill", "-KILL", Long.toString(pid));
            // the last pod of the shared network gone: conmon's exit command ends the network's slirp4netns and aardvark-dns
            Harness.waitFor("conmon's exit command to end slirp4netns", SOON, () -> h.leftovers("slirp4netns").isEmpty()
                    && h.leftovers("aardvark-dns").isEmpty() && pastas().isEmpty());
            Harness.waitFor("the port to be free", SOON, () -> portFree(Harness.port(18085)));
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void networkNoneHasLoopbackOnlyAndPublishFlagOverridesTheYaml() {
        Path yaml = h.writeYaml("net-none.yaml", webPod("lonely", "app: lonely", """
                    - containerPort: 80
                """));
        try {
            h.play(yaml, "--network", "none");
            h.waitForState("lonely-client", "running", SOON);
            assertNotEquals(0, sh("lonely-client", "ip addr show eth0"), "no eth0 with --network none");
            assertEquals("127.0.1.1\tlonely lonely", h.execOut("lonely-client", "sh", "-c", "grep lonely /etc/hosts; echo $POD_IP"),
                    "the hostname on loopback in /etc/hosts, and no pod IP");
            assertEquals(List.of(), h.leftovers("slirp4netns"), "no slirp4netns with --network none");
            h.jpodOk("kube", "down", yaml.toString());

            h.play(yaml, "--publish", "127.0.0.1:" + Harness.port(18084) + ":80");
            assertEquals("hello-from-lonely", getSoon(Harness.port(18084)), "--publish publishes a port the YAML only declares");
            assertEquals("80/tcp -> 127.0.0.1:" + Harness.port(18084), h.jpodOk("port", "lonely").out().strip());
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
        Result bad = h.jpodError("kube", "play", "--network", "nosuchnet", yaml.toString());
        assertTrue(bad.err().contains("unable to find network with name or ID nosuchnet: network not found"), bad::describe);
        assertEquals(0, h.podPs().size(), "nothing is played on a network that does not exist");
    }
}
