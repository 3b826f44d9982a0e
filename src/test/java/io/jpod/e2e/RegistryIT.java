package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real registry: Debian's docker-registry (distribution 2.8) on 127.0.0.1, plain HTTP, storage in
 * a temporary directory, started as root. The user pushes busybox to it, pulls it back (same id),
 * by digest, re-pulls (nothing fetched), and plays a pod whose image comes from it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryIT {
    private static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
    private static final Duration SOON = Duration.ofSeconds(30);
    private static Harness h;
    private static Process registry;
    private static Path dir;
    private static String host;
    private static String name;
    private static String imageId;

    @BeforeAll
    static void setUp() throws Exception {
        h = Harness.forClass();
        if (!Files.isExecutable(REGISTRY)) {
            fail(REGISTRY + " is missing: install the docker-registry package (scripts/host-packages.txt)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        host = "127.0.0.1:" + port;
        name = host + "/test/busybox:v1";
        dir = Files.createTempDirectory("jpod-e2e-registry");
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: " + host,
                ""));
        registry = new ProcessBuilder(REGISTRY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        Harness.waitFor("docker-registry to answer on " + host, SOON, () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            h.cleanUp();
        } finally {
            if (registry != null) {
                registry.destroy();
                registry.waitFor();
            }
            if (dir != null) {
                Harness.root("rm", "-rf", dir.toString());
            }
        }
    }

    @Test
    @Order(1)
    void pushToAPlainHttpRegistryNeedsTlsVerifyFalse() {
        h.importBusybox();
        imageId = Harness.json(h.jpodOk("image", "inspect", Harness.IMAGE)).path(0).path("Id").asString("");
        Result refused = h.jpod("push", Harness.IMAGE, name);
        assertEquals(125, refused.code(), refused::describe);
        assertTrue(refused.err().startsWith("Error: "), refused::describe);
        assertTrue(refused.err().contains(host) && refused.err().contains("--tls-verify=false"), refused::describe);

        Result pushed = h.jpodOk("push", "--tls-verify=false", Harness.IMAGE, name);
        assertTrue(pushed.err().contains("Copying blob sha256:"), pushed::describe);
        assertTrue(pushed.err().contains("Writing manifest to image destination"), pushed::describe);
        assertEquals("", pushed.out(), pushed::describe);
    }

    @Test
    @Order(2)
    void pullBringsBackTheSameImage() {
        h.jpodOk("rmi", Harness.IMAGE);
        Result pulled = h.jpodOk("pull", "--tls-verify=false", name);
        assertEquals(List.of(imageId), pulled.outLines(), pulled::describe);
        assertTrue(pulled.err().contains("Trying to pull " + name), pulled::describe);
        assertTrue(pulled.err().contains("Copying blob sha256:"), pulled::describe);
        assertFalse(pulled.err().contains("skipped"), pulled::describe);
        JsonNodes.assertNamed(Harness.json(h.jpodOk("images", "--format", "json")), imageId, name);
    }

    @Test
    @Order(3)
    void rePullFetchesNoLayer() {
        Result again = h.jpodOk("pull", "--tls-verify=false", name);
        assertEquals(List.of(imageId), again.outLines(), again::describe);
        assertTrue(again.err().contains("skipped: already exists"), again::describe);
        for (String line : again.errLines()) {
            assertFalse(line.startsWith("Copying blob") && !line.endsWith("skipped: already exists"), again::describe);
        }
    }

    @Test
    @Order(4)
    void pullByDigest() {
        String digest = h.jpodOk("image", "inspect", "--format", "{{.Digest}}", name).out().strip();
        assertTrue(digest.startsWith("sha256:"), digest);
        h.jpodOk("rmi", name);
        String byDigest = host + "/test/busybox@" + digest;
        Result pulled = h.jpodOk("pull", "-q", "--tls-verify=false", byDigest);
        assertEquals(List.of(imageId), pulled.outLines(), pulled::describe);
        assertEquals("", pulled.err(), pulled::describe);
        assertEquals(imageId, Harness.json(h.jpodOk("image", "inspect", byDigest)).path(0).path("Id").asString(""));
    }

    // -q: without it, podman (and jpod) first print "Trying to pull ..." on stderr
    @Test
    @Order(5)
    void unknownTagIsOneClearError() {
        Result r = h.jpodError("pull", "-q", "--tls-verify=false", host + "/test/busybox:nope");
        assertTrue(r.err().contains("manifest unknown") && r.err().contains(host + "/test/busybox"), r::describe);
    }

    @Test
    @Order(6)
    void playPullsTheImageOfAContainer() {
        h.jpodOk("rmi", "-f", imageId);
        Path yaml = h.writeYaml("registry-pod.yaml", String.join("\n",
                "apiVersion: v1",
                "kind: Pod",
                "metadata:",
                "  name: fromregistry",
                "spec:",
                "  containers:",
                "  - name: app",
                "    image: " + name,
                "    imagePullPolicy: Always",
                "    command: [sh, -c, 'echo hello from the registry; sleep 300']",
                ""));
        Result refused = h.jpod("kube", "play", yaml.toString());
        assertEquals(125, refused.code(), refused::describe);
        assertTrue(refused.err().contains("container app of pod fromregistry"), refused::describe);
        h.play(yaml, "--tls-verify=false");
        h.waitForLog("fromregistry-app", "hello from the registry", 1, SOON);
        assertEquals(List.of(imageId), h.jpodOk("images", "-q", "--no-trunc").outLines().stream()
                .map(s -> s.replaceFirst("^sha256:", "")).toList());
        h.jpodOk("kube", "down", yaml.toString());
    }

    @Test
    @Order(7)
    void loginAndLogoutKeepAnAuthFile() throws IOException {
        Result in = h.jpodWith(Harness.TIMEOUT, "secret\n", "login", "--tls-verify=false", "-u", "someone", "--password-stdin", host);
        assertEquals(0, in.code(), in::describe);
        assertEquals("Login Succeeded!", in.out().strip(), in::describe);
        Path auth = Harness.RUN_DIR.resolve("containers/auth.json");
        assertTrue(Files.readString(auth).contains(host), "auth.json names the registry");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(auth)));
        Result out = h.jpodOk("logout", host);
        assertEquals("Removed login credentials for " + host, out.out().strip(), out::describe);
        assertFalse(Files.readString(auth).contains(host));
        h.jpodError("logout", host);
    }

    /** Small JSON checks. */
    private static final class JsonNodes {
        static void assertNamed(tools.jackson.databind.JsonNode images, String id, String name) {
            for (tools.jackson.databind.JsonNode i : images) {
                if (i.path("Id").asString("").equals(id)) {
                    assertTrue(i.path("Names").toString().contains(name), images::toString);
                    return;
                }
            }
            fail("no image " + id + " in " + images);
        }
    }
}
