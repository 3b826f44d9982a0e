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
import tools.jackson.databind.node.ObjectNode;

/**
 * A real registry ({@link LocalRegistry}: Debian's docker-registry). The user pushes busybox to it,
 * pulls it back (same id), by digest, re-pulls (nothing fetched), plays a pod whose image comes from
 * it, pushes it to another repository (blobs mounted), pulls from a multi-arch index the test builds,
 * survives a pull cut off mid-blob, and pushes a large layer in chunks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.shared();
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static Harness h;
    private static LocalRegistry registry;
    private static String host;
    private static String name;
    private static String imageId;

    @BeforeAll
    static void setUp() throws Exception {
        h = Harness.forClass();
        registry = LocalRegistry.start();
        host = registry.host();
        name = host + "/test/busybox:v1";
    }

    @AfterAll
    static void tearDown() {
        LocalRegistry.closeAfter(h, registry);
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
                "    command: [sh, -c, 'echo hello from the registry; trap \"exit 0\" TERM; while true; do sleep 1 & wait $!; done']",
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

    @Test
    @Order(8)
    void pushToAnotherRepositoryOfTheRegistryMountsTheBlobs() throws IOException {
        Result pushed = h.jpodOk("push", "--tls-verify=false", name, host + "/mounted/busybox:v1");
        assertTrue(pushed.err().contains("mounted from " + host + "/test/busybox"), pushed::describe);
        assertTrue(registry.requests("POST", "/v2/mounted/busybox/blobs/uploads/?mount=") >= 1, "a mount request");
        assertEquals(0, registry.requests("PATCH", "/v2/mounted/busybox/"), "no layer data sent");
        assertEquals(1, registry.requests("PUT", "/v2/mounted/busybox/blobs/uploads/"), "only the config is uploaded");
        String digest = h.jpodOk("image", "inspect", "--format", "{{.Digest}}", name).out().strip();
        assertEquals(digest, LocalRegistry.sha256(registry.get("/v2/mounted/busybox/manifests/v1", OCI_MANIFEST)),
                "the same manifest, byte for byte");
    }

    @Test
    @Order(9)
    void aMultiArchIndexPullsThisHostsPlatformAndArchChoosesAnother() throws IOException {
        String hostArch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
        String otherArch = hostArch.equals("amd64") ? "arm64" : "amd64";
        h.jpodOk("push", "--tls-verify=false", name, host + "/test/multi:" + hostArch);
        byte[] manifest = registry.get("/v2/test/multi/manifests/" + hostArch, OCI_MANIFEST);
        ObjectNode m = (ObjectNode) JSON.readTree(manifest);
        String configDigest = m.path("config").path("digest").asString("");
        ObjectNode config = (ObjectNode) JSON.readTree(registry.get("/v2/test/multi/blobs/" + configDigest, "*/*"));
        config.put("architecture", otherArch);
        byte[] otherConfig = JSON.writeValueAsBytes(config);
        ObjectNode otherManifest = m.deepCopy();
        ((ObjectNode) otherManifest.get("config")).put("digest", registry.putBlob("test/multi", otherConfig)).put("size", otherConfig.length);
        byte[] otherBytes = JSON.writeValueAsBytes(otherManifest);
        String otherDigest = registry.putManifest("test/multi", otherArch, OCI_MANIFEST, otherBytes);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
                + entry(otherDigest, otherBytes.length, otherArch) + ","
                + entry(LocalRegistry.sha256(manifest), manifest.length, hostArch) + "]}";
        registry.putManifest("test/multi", "v1", OCI_INDEX, index.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Result mine = h.jpodOk("pull", "-q", "--tls-verify=false", host + "/test/multi:v1");
        assertEquals(List.of(imageId), mine.outLines(), mine::describe);
        Result other = h.jpodOk("pull", "-q", "--tls-verify=false", "--arch", otherArch, host + "/test/multi:v1");
        String otherId = other.out().strip();
        assertFalse(otherId.equals(imageId), other::describe);
        assertEquals(otherArch, Harness.json(h.jpodOk("image", "inspect", otherId)).path(0).path("Architecture").asString(""));
        Result none = h.jpodError("pull", "-q", "--tls-verify=false", "--arch", "s390x", host + "/test/multi:v1");
        assertTrue(none.err().contains("s390x") && none.err().contains("linux/" + otherArch), none::describe);
        h.jpodOk("rmi", otherId);
    }

    private static String entry(String digest, int size, String arch) {
        return "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":" + size
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}}";
    }

    @Test
    @Order(10)
    void aPullCutOffMidBlobLeavesNoHalfImageAndALaterPullSucceeds() throws IOException {
        h.jpodOk("rmi", "-a", "-f");
        byte[] manifest = registry.get("/v2/test/busybox/manifests/v1", OCI_MANIFEST);
        tools.jackson.databind.JsonNode layer = JSON.readTree(manifest).path("layers").path(0);
        assertTrue(layer.path("size").asLong() > 128 * 1024, "the layer is large enough to be cut: " + layer);
        try (CutProxy proxy = new CutProxy(Integer.parseInt(host.replaceFirst(".*:", "")))) {
            proxy.cutOn = "/blobs/" + layer.path("digest").asString("");
            String viaProxy = proxy.host() + "/test/busybox:v1";
            Result cut = h.jpodError("pull", "-q", "--tls-verify=false", viaProxy);
            assertTrue(cut.err().contains(layer.path("digest").asString("")), cut::describe);
            assertTrue(proxy.cuts.get() >= 1, "the proxy cut the download");
            assertEquals(List.of(), h.jpodOk("images", "-q").outLines(), "no half image");
            Path data = h.home().resolve(".local/share/jpod");
            assertEquals(List.of(), list(data.resolve("layers")), "no layer left behind");
            assertEquals(List.of(), list(data.resolve("tmp")), "no scratch left behind");

            proxy.cutOn = null;
            Result again = h.jpodOk("pull", "-q", "--tls-verify=false", viaProxy);
            assertEquals(List.of(imageId), again.outLines(), again::describe);
            h.jpodOk("rmi", viaProxy);
        }
    }

    private static List<String> list(Path dir) throws IOException {
        Result r = Harness.root("ls", "-A", dir.toString());
        return r.code() != 0 ? List.of() : r.outLines();
    }

    @Test
    @Order(11)
    void aLargeLayerIsPushedInChunksAndPullsBackTheSame() throws IOException {
        Path root = Harness.WORK.resolve("big-rootfs");
        Files.createDirectories(root);
        byte[] noise = new byte[20 << 20];
        new java.util.Random(3).nextBytes(noise);
        Files.write(root.resolve("noise"), noise);
        Path tar = Harness.WORK.resolve("big-rootfs.tar");
        Harness.rootOk("tar", "-C", root.toString(), "-cf", tar.toString(), ".");
        Harness.rootOk("chmod", "0644", tar.toString());
        String id = h.jpodOk("import", "-q", tar.toString(), "localhost/big:1").out().strip().replaceFirst("^sha256:", "");
        Result pushed = h.jpodOk("push", "--tls-verify=false", "localhost/big:1", host + "/test/big:1");
        assertTrue(registry.requests("PATCH", "/v2/test/big/blobs/uploads/") >= 2,
                () -> "a 20 MB layer goes in 16 MiB chunks\n" + pushed.describe());
        h.jpodOk("rmi", "localhost/big:1");
        Result pulled = h.jpodOk("pull", "-q", "--tls-verify=false", host + "/test/big:1");
        assertEquals(List.of(id), pulled.outLines().stream().map(l -> l.replaceFirst("^sha256:", "")).toList(), pulled::describe);
        h.jpodOk("rmi", host + "/test/big:1");
    }

    @Test
    @Order(12)
    void kubePlayResolvesShortNamesThroughTheUsersRegistriesConf() throws IOException {
        Path conf = h.home().resolve(".config/containers/registries.conf");
        Files.createDirectories(conf.getParent());
        try {
            Files.writeString(conf, "[aliases]\n\"regbox\" = \"" + host + "/test/busybox\"\n"
                    + "[[registry]]\nlocation = \"" + host + "\"\ninsecure = true\n");
            Harness.rootOk("chown", "-R", Harness.USER, h.home().resolve(".config").toString());
            Path yaml = h.writeYaml("alias-pod.yaml", PodYaml.pod("aliased").restartPolicy("Never")
                    .container("app", "regbox:v1", "sh", "-c", "echo hello via the alias").yaml());
            h.play(yaml);
            h.waitForLog("aliased-app", "hello via the alias", 1, SOON);
            assertTrue(Harness.json(h.jpodOk("images", "--format", "json")).toString().contains(name),
                    "pulled as the alias's fully qualified name");
            h.jpodOk("kube", "down", yaml.toString());

            Files.writeString(conf, "unqualified-search-registries = [\"" + host + "\", \"docker.io\"]\n");
            Path ambiguous = h.writeYaml("ambiguous-pod.yaml", PodYaml.pod("ambiguous").restartPolicy("Never")
                    .container("app", "nosuchbox:v1", "true").yaml());
            Result refused = h.jpod("kube", "play", ambiguous.toString());
            assertEquals(125, refused.code(), refused::describe);
            assertTrue(refused.err().contains(host + "/nosuchbox:v1") && refused.err().contains("docker.io/library/nosuchbox:v1"),
                    refused::describe);
            assertTrue(Harness.podByName(h.podPs(), "ambiguous").isEmpty(), "nothing half-created");

            Files.writeString(conf, "[[registry]]\nlocation = \"" + host + "/test\"\nblocked = true\n");
            Result blocked = h.jpod("pull", "--tls-verify=false", name);
            assertEquals(125, blocked.code(), blocked::describe);
            assertTrue(blocked.err().contains("registry " + host + "/test is blocked in registries.conf (" + conf + ":1: blocked = true)"),
                    blocked::describe);

            // a mirror, tried before the registry: a second docker-registry that alone has the image
            try (LocalRegistry mirror = LocalRegistry.start()) {
                h.jpodOk("push", "--tls-verify=false", name, mirror.host() + "/mirrored/busybox:v1");
                String entry = "[[registry]]\nprefix = \"mirrored.invalid\"\nlocation = \"" + host + "\"\n"
                        + "[[registry.mirror]]\nlocation = \"" + mirror.host() + "\"\ninsecure = true\n";
                Files.writeString(conf, entry);
                Result viaMirror = h.jpodOk("pull", "mirrored.invalid/mirrored/busybox:v1");
                assertTrue(viaMirror.err().contains("Trying to pull " + mirror.host() + "/mirrored/busybox:v1..."),
                        () -> "the progress names the mirror\n" + viaMirror.describe());
                assertTrue(h.jpodOk("images", "--format", "{{.Repository}}:{{.Tag}}").outLines()
                        .contains("mirrored.invalid/mirrored/busybox:v1"), "stored under the name pulled");
                assertTrue(mirror.requests("GET", "/v2/mirrored/busybox/manifests/v1") > 0, "the mirror served the manifest");
                h.jpodOk("rmi", "mirrored.invalid/mirrored/busybox:v1");

                // pull-from-mirror = "digest-only": a tag goes to the registry's location, which has no such image
                Files.writeString(conf, entry + "pull-from-mirror = \"digest-only\"\n");
                Result skipped = h.jpod("pull", "--tls-verify=false", "mirrored.invalid/mirrored/busybox:v1");
                assertEquals(125, skipped.code(), skipped::describe);
                assertTrue(skipped.err().contains("Trying to pull " + host + "/mirrored/busybox:v1...")
                        && !skipped.err().contains(mirror.host()), skipped::describe);
            }
        } finally {
            Files.deleteIfExists(conf);
        }
    }

    @Test
    @Order(13)
    void onATerminalPullDrawsAProgressLinePerLayer() {
        h.jpodOk("rmi", "-a", "-f");
        Result r = h.jpodOnTerminal("pull", "--tls-verify=false", name);
        assertEquals(0, r.code(), r::describe);
        assertTrue(r.out().contains("\u001b[2K") && r.out().contains("Copying blob "), r::describe);
        assertTrue(r.out().matches("(?s).*Copying blob [0-9a-f]{12} done.*"), r::describe);
        assertTrue(r.out().contains("Writing manifest to image destination"), r::describe);
        Result quiet = h.jpodOnTerminal("pull", "-q", "--tls-verify=false", name);
        assertEquals(imageId, quiet.out().strip(), quiet::describe);
    }

    @Test
    @Order(14)
    void aZstdImageBuiltByTheTestPullsRunsAndPushesBackTheSame() throws IOException {
        Path zst = Harness.WORK.resolve("rootfs.tar.zst");
        Harness.rootOk("zstd", "-q", "-f", "-3", "-o", zst.toString(), h.rootfsTar().toString());
        String diffId = LocalRegistry.sha256(Files.readAllBytes(h.rootfsTar()));
        byte[] layer = Files.readAllBytes(zst);
        String layerDigest = registry.putBlob("test/zst", layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/bin:/usr/bin\"],"
                + "\"Cmd\":[\"sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String configDigest = registry.putBlob("test/zst", config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layer.length + "}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String digest = registry.putManifest("test/zst", "1", OCI_MANIFEST, manifest);

        String zstName = host + "/test/zst:1";
        Result pulled = h.jpodOk("pull", "-q", "--tls-verify=false", zstName);
        assertEquals(List.of(configDigest.substring(7)), pulled.outLines(), pulled::describe);
        assertEquals(digest, h.jpodOk("image", "inspect", "--format", "{{.Digest}}", zstName).out().strip());
        Path yaml = h.writeYaml("zstd-pod.yaml", PodYaml.pod("zstd").restartPolicy("Never")
                .container("app", zstName, "sh", "-c", "echo unpacked from zstd").yaml());
        h.play(yaml);
        h.waitForLog("zstd-app", "unpacked from zstd", 1, SOON);
        h.jpodOk("kube", "down", yaml.toString());

        Result pushed = h.jpodOk("push", "--tls-verify=false", zstName, host + "/copy/zst:1");
        assertTrue(pushed.err().contains("mounted from " + host + "/test/zst"), pushed::describe);
        assertEquals(digest, LocalRegistry.sha256(registry.get("/v2/copy/zst/manifests/1", OCI_MANIFEST)), "pushed as it was pulled");
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
