package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.events.Events;
import io.jpod.error.AuthenticationException;
import io.jpod.error.ImageException;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.host.HostPaths;
import io.jpod.host.Privileges;
import io.jpod.image.registry.Credentials;
import io.jpod.image.registry.Manifests;
import io.jpod.image.registry.RegistriesConf;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.state.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against {@link TestRegistry}: real HTTP on the loopback, a real store in a temp dir. */
class RegistryTransferTest {
    static final RegistryOptions INSECURE = new RegistryOptions(false, null, null);

    @TempDir
    Path base;
    Database db;
    ImageStore store;
    HostPaths paths;
    final List<String> progress = new ArrayList<>();
    final Events events = new Events() {
        @Override
        public void warning(String message) {
            progress.add("WARN " + message);
        }

        @Override
        public void progress(String subject, String message) {
            progress.add(message + " " + subject);
        }
    };
    final byte[] rootfs = new TestTar().dir("bin", 0755).file("bin/sh", "shell").file("etc/hostname", "box").bytes();

    @BeforeEach
    void open() {
        paths = new HostPaths(base.resolve("data"), base.resolve("run"));
        db = Database.open(paths.database());
        store = new ImageStore(new io.jpod.state.ImageTable(db), paths, Privileges.current(), Platform.goArchitecture(System.getProperty("os.arch")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    Image imported() {
        return store.importRootfs(new ByteArrayInputStream(rootfs), "rootfs.tar", List.of("ENV=PATH=/bin"), null,
                "localhost/bb:latest", events);
    }

    @Test
    void importKeepsADeterministicGzipBlobOfAPlainLayer() throws IOException {
        Image img = imported();
        Map<String, Path> blobs = store.layers().blobs(img.layers().get(0));
        assertEquals(1, blobs.size());
        Path blob = blobs.values().iterator().next();
        assertEquals(blobs.keySet().iterator().next(), Digests.digestOf(Files.readAllBytes(blob)));
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
            assertEquals(Digests.digestOf(rootfs), Digests.digestOf(in.readAllBytes()));
        }
    }

    @Test
    void pushedImagePullsBackWithTheSameIdAndDigest() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            Image img = imported();
            String name = reg.host() + "/test/bb:v1";
            String digest = new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(name), INSECURE, events);
            assertEquals(digest, store.resolve("localhost/bb:latest").digest(), "the pushed manifest becomes the image's");
            assertNotEquals(img.digest(), digest, "the imported manifest named an uncompressed layer");
            Manifests.Manifest m = Manifests.manifest(reg.manifests.get("test/bb:v1")[1].getBytes(StandardCharsets.UTF_8),
                    Manifests.OCI_MANIFEST, name);
            assertEquals(Manifests.OCI_GZIP_LAYER, m.layers().get(0).mediaType());

            store.remove("localhost/bb:latest", false, id -> false);
            assertEquals(0, layerDirs());
            Image pulled = pull(store, name, INSECURE, Platform.HOST, events);
            assertEquals(img.id(), pulled.id());
            assertEquals(digest, pulled.digest());
            assertEquals(List.of(name), pulled.names());
            assertEquals(1, reg.count("GET /storage/" + m.layers().get(0).digest()));
            assertTrue(progress.contains("Writing manifest to image destination"), progress.toString());

            progress.clear();
            pull(store, name, INSECURE, Platform.HOST, events);
            assertEquals(1, reg.count("GET /storage/" + m.layers().get(0).digest()), "a re-pull fetches no layer");
            assertTrue(progress.contains("Copying blob " + m.layers().get(0).digest() + " skipped: already exists"), progress.toString());

            Image byDigest = pull(store, reg.host() + "/test/bb@" + digest, INSECURE, Platform.HOST, events);
            assertEquals(img.id(), byDigest.id());
            assertEquals(img.id(), store.resolve(reg.host() + "/test/bb@" + digest).id());

            long uploads = reg.count("PUT /v2/test/bb/blobs/uploads/");
            new ImagePusher(store).push(name, ImageReference.parse(reg.host() + "/test/bb:v2"), INSECURE, events);
            assertEquals(uploads, reg.count("PUT /v2/test/bb/blobs/uploads/"), "blobs the registry has are not uploaded again");
            assertEquals(reg.manifests.get("test/bb:v1")[1], reg.manifests.get("test/bb:v2")[1], "the kept manifest is pushed as it is");
        }
    }

    @Test
    void aShortNameResolvesThroughAnAliasAndAnInsecureRegistryNeedsNoTlsVerifyFalse() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            Image img = imported();
            new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(reg.host() + "/test/bb:v1"), INSECURE, events);
            store.remove("localhost/bb:latest", false, id -> false);
            io.jpod.image.registry.RegistriesConf conf = io.jpod.image.registry.RegistriesConf.parse(
                    "[aliases]\n\"bb\" = \"" + reg.host() + "/test/bb\"\n[[registry]]\nlocation = \"" + reg.host() + "\"\ninsecure = true\n",
                    "test.conf");
            RegistryOptions verifying = new RegistryOptions(true, null, null, conf.insecure());
            Image pulled = pull(store, "bb:v1", conf, verifying, Platform.HOST, events);
            assertEquals(img.id(), pulled.id());
            assertEquals(List.of(reg.host() + "/test/bb:v1"), pulled.names());
            assertThrows(io.jpod.error.JpodException.class, () -> pull(store, reg.host() + "/test/bb:v1",
                    new RegistryOptions(true, null, null), Platform.HOST, events), "plain HTTP needs insecure or --tls-verify=false");
        }
    }

    @Test
    void pullPicksThePlatformFromAnIndex() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            imported();
            String digest = new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(reg.host() + "/test/bb:v1"), INSECURE, events);
            byte[] manifest = reg.manifests.get("test/bb:v1")[1].getBytes(StandardCharsets.UTF_8);
            String arch = Platform.goArchitecture(System.getProperty("os.arch"));
            String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                    + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + "e".repeat(64)
                    + "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"s390x\"}},"
                    + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest + "\",\"size\":"
                    + manifest.length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}}]}";
            reg.putManifest("test/multi", "single", Manifests.OCI_MANIFEST, manifest);
            reg.putManifest("test/multi", "1", Manifests.OCI_INDEX, index.getBytes(StandardCharsets.UTF_8));
            Image pulled = pull(store, reg.host() + "/test/multi:1", INSECURE, Platform.HOST, events);
            assertEquals(digest, pulled.digest());
            ImageException e = assertThrows(ImageException.class, () -> pull(store, reg.host() + "/test/multi:1",
                    INSECURE, new Platform("linux", "riscv64", null), events));
            assertTrue(e.getMessage().contains("riscv64"), e.getMessage());
        }
    }

    @Test
    void aCorruptLayerStoresNothing() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            Image img = imported();
            new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(reg.host() + "/test/bb:v1"), INSECURE, events);
            store.remove("localhost/bb:latest", false, id -> false);
            String layer = Manifests.manifest(reg.manifests.get("test/bb:v1")[1].getBytes(StandardCharsets.UTF_8),
                    Manifests.OCI_MANIFEST, "x").layers().get(0).digest();
            byte[] good = reg.blobs.get(layer);
            ByteArrayOutputStream other = new ByteArrayOutputStream();
            try (var gz = new java.util.zip.GZIPOutputStream(other)) {
                gz.write(new TestTar().file("evil", "x").bytes());
            }
            byte[] bad = other.toByteArray();
            reg.blobs.put(layer, java.util.Arrays.copyOf(bad, good.length));
            ImageException e = assertThrows(ImageException.class,
                    () -> pull(store, reg.host() + "/test/bb:v1", INSECURE, Platform.HOST, events));
            assertTrue(e.getMessage().contains(layer), e.getMessage());
            assertTrue(store.list().isEmpty());
            assertEquals(0, layerDirs());
            assertThrows(NotFoundException.class, () -> store.resolve(img.id()));
        }
    }

    @Test
    void bearerTokenAuthentication() throws Exception {
        try (TestRegistry reg = new TestRegistry(true)) {
            imported();
            String name = reg.host() + "/test/bb:v1";
            AuthenticationException anonymous = assertThrows(AuthenticationException.class,
                    () -> new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(name), INSECURE, events));
            assertTrue(anonymous.anonymous() && anonymous.registry().equals(reg.host()), anonymous.getMessage());
            RegistryOptions wrong = new RegistryOptions(false, new Credentials("user", "nope"), null);
            assertThrows(ImageException.class, () -> new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(name), wrong, events));
            RegistryOptions creds = new RegistryOptions(false, new Credentials("user", "pw"), null);
            new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(name), creds, events);
            store.remove("localhost/bb:latest", false, id -> false);
            assertEquals(1, pull(store, name, creds, Platform.HOST, events).layers().size());
            assertTrue(reg.count("GET /token") >= 1);
        }
    }

    @Test
    void basicAuthentication() throws Exception {
        try (TestRegistry reg = new TestRegistry(true).basic()) {
            imported();
            String name = reg.host() + "/test/bb:v1";
            ImageException anonymous = assertThrows(ImageException.class,
                    () -> new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(name), INSECURE, events));
            assertTrue(anonymous.getMessage().contains("authentication required"), anonymous.getMessage());
            RegistryOptions wrong = new RegistryOptions(false, new Credentials("user", "nope"), null);
            ImageException refused = assertThrows(ImageException.class,
                    () -> new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(name), wrong, events));
            assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
            Path authJson = base.resolve("auth.json");
            io.jpod.image.registry.AuthFile file = new io.jpod.image.registry.AuthFile(authJson, List.of());
            file.store(reg.host(), new Credentials("user", "pw"));
            RegistryOptions fromFile = new RegistryOptions(false, null, file);
            new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(name), fromFile, events);
            new io.jpod.image.registry.RegistryClient(reg.host(), reg.host(), false, new Credentials("user", "pw")).checkLogin();
            assertThrows(ImageException.class, () -> new io.jpod.image.registry.RegistryClient(reg.host(), reg.host(), false,
                    new Credentials("user", "bad")).checkLogin());
            assertEquals(0, reg.count("GET /token"));
        }
    }

    @Test
    void repeatedLayersAreFetchedOnce() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            List<byte[]> tars = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tars.add(new TestTar().file("f" + (i % 4), "layer " + (i % 4)).bytes()); // layers 0 and 4 are the same
            }
            RegistryImage made = RegistryImage.put(reg, "test/five:1", tars, Manifests.OCI_GZIP_LAYER, TestTar::gzip);
            Image img = pull(store, reg.host() + "/test/five:1", INSECURE, Platform.HOST, events);
            assertEquals(5, img.layers().size());
            assertEquals(4, layerDirs());
            assertEquals(1, reg.count("GET /storage/" + made.configDigest()));
            assertEquals(4, reg.count("GET /storage/") - 1, "the repeated layer is fetched once");
            assertEquals(Digests.digestOf(made.manifest()), img.digest());
        }
    }

    @Test
    void zstdLayersArePulledVerifiedPushedAndSavedAsTheyCame() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            List<byte[]> tars = List.of(new TestTar().dir("bin", 0755).file("bin/sh", "shell").bytes(),
                    new TestTar().file("etc/hostname", "zstd box").bytes());
            RegistryImage made = RegistryImage.put(reg, "test/zst:1", tars, Manifests.OCI_ZSTD_LAYER, TestTar::zstd);
            String name = reg.host() + "/test/zst:1";
            Image img = pull(store, name, INSECURE, Platform.HOST, events);
            assertEquals(List.of(Digests.digestOf(tars.get(0)), Digests.digestOf(tars.get(1))), img.layers());
            assertEquals("zstd box", Files.readString(store.layers().diffDir(img.layers().get(1)).resolve("etc/hostname")));
            assertEquals(Digests.digestOf(made.manifest()), img.digest());
            assertTrue(store.layers().blobs(img.layers().get(0)).containsKey(made.layerDigests().get(0)), "the zstd blob is kept");

            String copy = new ImagePusher(store).push(name, ImageReference.parse(reg.host() + "/other/zst:2"), INSECURE, events);
            assertEquals(img.digest(), copy, "pushed with its own manifest, zstd layers and all");
            assertEquals(reg.manifests.get("test/zst:1")[1], reg.manifests.get("other/zst:2")[1]);

            ByteArrayOutputStream docker = new ByteArrayOutputStream();
            new ImageSaver(store).save(List.of(name), ArchiveFormat.DOCKER_ARCHIVE, docker, events);
            ByteArrayOutputStream oci = new ByteArrayOutputStream();
            new ImageSaver(store).save(List.of(name), ArchiveFormat.OCI_ARCHIVE, oci, events);
            store.remove(name, false, id -> false);
            assertEquals(img.id(), store.load(new ByteArrayInputStream(docker.toByteArray()), "docker.tar", events).get(0).image().id());
            store.remove(name, false, id -> false);
            Image fromOci = store.load(new ByteArrayInputStream(oci.toByteArray()), "oci.tar", events).get(0).image();
            assertEquals(img.id(), fromOci.id());
            assertEquals(img.digest(), fromOci.digest(), "the oci-archive keeps the zstd blobs and manifest");
        }
    }

    @Test
    void aTamperedZstdLayerFailsItsDigestAndStoresNothing() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            byte[] tar = new TestTar().file("a", "b".repeat(5000)).bytes();
            RegistryImage made = RegistryImage.put(reg, "test/zst:1", List.of(tar), Manifests.OCI_ZSTD_LAYER, TestTar::zstd);
            String layer = made.layerDigests().get(0);
            byte[] other = TestTar.zstd(new TestTar().file("a", "c".repeat(5000)).bytes());
            reg.blobs.put(layer, other);
            ImageException e = assertThrows(ImageException.class,
                    () -> pull(store, reg.host() + "/test/zst:1", INSECURE, Platform.HOST, events));
            assertTrue(e.getMessage().contains(layer), e.getMessage());
            assertTrue(store.list().isEmpty());
            assertEquals(0, layerDirs());
        }
    }

    @Test
    void aLayerStoredFromAnotherCompressionIsPushedWithTheImagesOwnManifestWhenTheRegistryHasItsBlob() throws Exception {
        try (TestRegistry reg = new TestRegistry(false); TestRegistry fresh = new TestRegistry(false)) {
            byte[] tar = new TestTar().file("a", "the same layer").bytes();
            RegistryImage.put(reg, "test/gz:1", List.of(tar), Manifests.OCI_GZIP_LAYER, TestTar::gzip, "sh");
            RegistryImage zst = RegistryImage.put(reg, "test/zst:1", List.of(tar), Manifests.OCI_ZSTD_LAYER, TestTar::zstd, "ash");
            pull(store, reg.host() + "/test/gz:1", INSECURE, Platform.HOST, events);
            Image z = pull(store, reg.host() + "/test/zst:1", INSECURE, Platform.HOST, events);
            assertEquals(0, reg.count("GET /storage/" + zst.layerDigests().get(0)), "the layer is stored already: not fetched");
            assertEquals(Digests.digestOf(zst.manifest()), z.digest());
            String same = new ImagePusher(store).push(z.id(), ImageReference.parse(reg.host() + "/copy/zst:1"), INSECURE, events);
            assertEquals(Digests.digestOf(zst.manifest()), same, "the registry has the zstd blob: the own manifest is pushed");
            String other = new ImagePusher(store).push(z.id(), ImageReference.parse(fresh.host() + "/copy/zst:1"), INSECURE, events);
            assertNotEquals(same, other, "elsewhere the kept gzip blob is pushed, in a rewritten manifest");
            assertTrue(fresh.manifests.get("copy/zst:1")[1].contains(Manifests.OCI_GZIP_LAYER));
        }
    }

    /** An image put into a {@link TestRegistry} blob by blob: layers compressed by {@code compress}, described as {@code layerType}. */
    record RegistryImage(byte[] manifest, String configDigest, List<String> layerDigests) {
        static RegistryImage put(TestRegistry reg, String repoAndTag, List<byte[]> tars, String layerType,
                java.util.function.UnaryOperator<byte[]> compress) {
            return put(reg, repoAndTag, tars, layerType, compress, "sh");
        }

        /** As above, the configuration's Cmd being {@code cmd} (another image of the same layers). */
        static RegistryImage put(TestRegistry reg, String repoAndTag, List<byte[]> tars, String layerType,
                java.util.function.UnaryOperator<byte[]> compress, String cmd) {
            List<String> diffIds = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            StringBuilder layers = new StringBuilder();
            for (byte[] tar : tars) {
                byte[] blob = compress.apply(tar);
                reg.blobs.put(Digests.digestOf(blob), blob);
                diffIds.add("\"" + Digests.digestOf(tar) + "\"");
                digests.add(Digests.digestOf(blob));
                layers.append(layers.length() == 0 ? "" : ",").append("{\"mediaType\":\"").append(layerType).append("\",\"digest\":\"")
                        .append(Digests.digestOf(blob)).append("\",\"size\":").append(blob.length).append('}');
            }
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"" + cmd + "\"]},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
            reg.blobs.put(Digests.digestOf(config), config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Digests.digestOf(config) + "\",\"size\":"
                    + config.length + "},\"layers\":[" + layers + "]}").getBytes(StandardCharsets.UTF_8);
            String[] rt = repoAndTag.split(":");
            reg.putManifest(rt[0], rt[1], Manifests.OCI_MANIFEST, manifest);
            return new RegistryImage(manifest, Digests.digestOf(config), digests);
        }
    }

    @Test
    void largeBlobsGoInChunksAndARegistryRefusingChunksGetsThemWhole() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            byte[] noise = new byte[300_000];
            new java.util.Random(7).nextBytes(noise);
            byte[] tar = new TestTar().file("noise", new String(noise, StandardCharsets.ISO_8859_1)).bytes();
            Image img = store.importRootfs(new ByteArrayInputStream(tar), "rootfs.tar", List.of(), null, "localhost/big:1", events);
            RegistryOptions chunked = INSECURE.withChunkSize(100_000);
            String digest = new ImagePusher(store).push("localhost/big:1", ImageReference.parse(reg.host() + "/test/big:1"), chunked, events);
            long patches = reg.count("PATCH /v2/test/big/blobs/uploads/");
            assertTrue(patches >= 3, "a layer of about 300 kB goes in chunks of 100 kB: " + reg.requests);
            store.remove("localhost/big:1", false, id -> false);
            Image pulled = pull(store, reg.host() + "/test/big:1", INSECURE, Platform.HOST, events);
            assertEquals(img.id(), pulled.id());
            assertEquals(digest, pulled.digest());

            try (TestRegistry other = new TestRegistry(false)) {
                other.refuseChunks = true;
                new ImagePusher(store).push(reg.host() + "/test/big:1", ImageReference.parse(other.host() + "/again/big:1"), chunked, events);
                assertEquals(1, other.count("PATCH /v2/"), "one refused chunk, then the blob whole");
                assertEquals(1, other.count("DELETE /v2/again/big/blobs/uploads/"), "the refused upload is cancelled");
                assertEquals(reg.manifests.get("test/big:1")[1], other.manifests.get("again/big:1")[1]);
            }
        }
    }

    @Test
    void mountSourcesAreTheOtherRepositoriesOfTheSameRegistry() {
        Image img = imported();
        store.tag("localhost/bb:latest", "reg.example:5000/team/a:1");
        store.tag("localhost/bb:latest", "reg.example:5000/team/b:2");
        store.tag("localhost/bb:latest", "other.example/team/c:3");
        Image named = store.resolve(img.id());
        assertEquals(List.of("team/a"), ImagePusher.mountSources(named, ImageReference.parse("reg.example:5000/team/b:9")));
        assertEquals(List.of(), ImagePusher.mountSources(named, ImageReference.parse("third.example/x:1")));
    }

    @Test
    void serverErrorsAreRetriedTwice() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            Image img = imported();
            String name = reg.host() + "/test/bb:v1";
            new ImagePusher(store).push("localhost/bb:latest", ImageReference.parse(name), INSECURE, events);
            store.remove("localhost/bb:latest", false, id -> false);
            reg.failures.set(2);
            assertEquals(img.id(), pull(store, name, INSECURE, Platform.HOST, events).id());
            store.remove(name, false, id -> false);
            reg.failures.set(3);
            ImageException e = assertThrows(ImageException.class,
                    () -> pull(store, name, INSECURE, Platform.HOST, events));
            assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
            assertTrue(store.list().isEmpty());
        }
    }

    @Test
    void errorsNameTheRegistryAndImage() throws Exception {
        try (TestRegistry reg = new TestRegistry(false)) {
            JpodException unknown = assertThrows(JpodException.class,
                    () -> pull(store, reg.host() + "/test/none:v9", INSECURE, Platform.HOST, events));
            assertTrue(unknown.getMessage().contains("manifest unknown"), unknown.getMessage());
            assertTrue(unknown.getMessage().contains(reg.host() + "/test/none"), unknown.getMessage());
            JpodException https = assertThrows(JpodException.class, () -> pull(store, reg.host() + "/test/none:v9",
                    new RegistryOptions(true, null, null), Platform.HOST, events));
            assertTrue(https.getMessage().contains(reg.host()), https.getMessage());
            assertTrue(((io.jpod.error.HostException) https).hint().contains("--tls-verify=false"));
        }
        assertTrue(store.list().isEmpty());
    }

    @Test
    void pullNamesNormaliseToDockerHub() {
        assertEquals("docker.io/library/nginx:latest", ImageReference.parse("nginx").qualified("docker.io").qualified("docker.io").toString());
        assertEquals("docker.io/library/nginx", ImageReference.parse("nginx:1").qualified("docker.io").name());
        assertEquals("docker.io/bitnami/redis:7", ImageReference.parse("bitnami/redis:7").qualified("docker.io").toString());
        assertEquals("quay.io/a/b:latest", ImageReference.parse("quay.io/a/b").qualified("docker.io").toString());
        assertEquals("docker.io/library/nginx", ImageReference.parse("index.docker.io/nginx").qualified("docker.io").name());
        ImageReference d = ImageReference.parse("nginx@sha256:" + "a".repeat(64)).qualified("docker.io");
        assertEquals(null, d.tag());
        assertEquals("sha256:" + "a".repeat(64), d.digest());
    }

    @Test
    void sizedStreamRefusesLongerOrShorterBlobs() throws IOException {
        ImagePuller.SizedStream longer = new ImagePuller.SizedStream(new ByteArrayInputStream(new byte[10]), 5, "blob");
        assertThrows(IOException.class, longer::readAllBytes);
        ImagePuller.SizedStream shorter = new ImagePuller.SizedStream(new ByteArrayInputStream(new byte[3]), 5, "blob");
        shorter.readAllBytes();
        assertThrows(ImageException.class, shorter::checkComplete);
        ImagePuller.SizedStream exact = new ImagePuller.SizedStream(new ByteArrayInputStream(new byte[5]), 5, "blob");
        exact.readAllBytes();
        exact.checkComplete();
        assertFalse(progress.contains("x"));
    }

    private long layerDirs() throws IOException {
        if (!Files.isDirectory(paths.layers())) {
            return 0;
        }
        try (Stream<Path> s = Files.list(paths.layers())) {
            return s.count();
        }
    }

    private static Image pull(ImageStore store, String reference, RegistryOptions options, Platform platform, Events events) {
        return new ImagePuller(store).pull(ImageReference.parse(reference), options, platform, events);
    }

    private static Image pull(ImageStore store, String reference, RegistriesConf conf, RegistryOptions options, Platform platform,
            Events events) {
        return new ImagePuller(store).pull(ImageReference.parse(reference), conf, options, platform, events);
    }
}
