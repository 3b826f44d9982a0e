package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.events.Events;
import io.jpod.error.ConflictException;
import io.jpod.error.ImageException;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.host.HostPaths;
import io.jpod.host.Privileges;
import io.jpod.state.Database;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir
    Path base;
    HostPaths paths;
    Database db;
    ImageStore store;
    final List<String> warnings = new ArrayList<>();
    final Events events = warnings::add;

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

    private Image importTar(byte[] tar, String name, String... changes) {
        return store.importRootfs(new ByteArrayInputStream(tar), "rootfs.tar", List.of(changes), null, name, events);
    }

    private List<String> layerDirs() throws IOException {
        if (!Files.isDirectory(paths.layers())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(paths.layers())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private int leases() {
        return db.read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM layer_leases")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static String hex(byte[] data) {
        return Digests.hexOf(data);
    }

    // ---- import and lookup ----------------------------------------------------------------

    @Test
    void importStoresOneLayerAndAConfigWhoseDigestIsTheId() throws IOException {
        Image img = importTar(TestTar.gzip(rootfs), "busybox", "ENV=PATH=/bin", "CMD [\"sh\"]", "ENTRYPOINT /bin/init --now",
                "WORKDIR /srv", "USER 1000:1000", "LABEL a=b \"c d\"=\"e f\"", "EXPOSE 80 53/udp", "STOPSIGNAL SIGINT",
                "env LANG C.UTF-8");

        assertEquals(List.of("localhost/busybox:latest"), img.names());
        assertEquals(List.of("sha256:" + hex(rootfs)), img.layers());
        assertEquals(rootfs.length, img.size());
        assertEquals(img.id(), hex(store.configBlob(img.id())));
        assertEquals(img.digest(), "sha256:" + hex(store.manifestBlob(img.id())));
        ImageConfig c = img.config();
        assertEquals(List.of("PATH=/bin", "LANG=C.UTF-8"), c.env());
        assertEquals(List.of("sh"), c.cmd());
        assertEquals(List.of("/bin/sh", "-c", "/bin/init --now"), c.entrypoint());
        assertEquals("/srv", c.workingDir());
        assertEquals("1000:1000", c.user());
        assertEquals(Map.of("a", "b", "c d", "e f"), c.labels());
        assertEquals(List.of("80/tcp", "53/udp"), c.exposedPorts());
        assertEquals("SIGINT", c.stopSignal());
        assertEquals("linux", c.os());
        assertEquals("imported from tarball", c.comment());
        assertEquals(List.of("sha256:" + hex(rootfs)), ImageConfig.readDiffIds(store.configBlob(img.id()), "x"));

        Path diff = store.layers().diffDir(img.layers().get(0));
        assertEquals(List.of(diff), store.layers().layerDirs(img));
        assertEquals("shell", Files.readString(diff.resolve("bin/sh")));
        assertEquals(List.of(hex(rootfs)), layerDirs());
        assertEquals(0, leases(), "leases end with the operation");
    }

    @Test
    void resolvesByNameIdPrefixAndDigest() {
        Image img = importTar(rootfs, "busybox");
        store.tag(img.id(), "quay.io/x/tool:2");
        for (String s : List.of("busybox", "busybox:latest", "localhost/busybox", "localhost/busybox:latest", img.id(), "sha256:" + img.id(),
                img.id().substring(0, 3), img.id().substring(0, 12), "tool:2", "x/tool:2", "quay.io/x/tool:2",
                "busybox@" + img.digest(), "tool@" + img.digest())) {
            assertEquals(img.id(), store.resolve(s).id(), s);
        }
        for (String s : List.of("nosuch", "busybox:2", "tool", "ox", "docker.io/busybox", img.id().substring(0, 2),
                "busybox@sha256:" + "0".repeat(64), "sha256:" + img.id().substring(0, 12))) {
            NotFoundException e = assertThrows(NotFoundException.class, () -> store.resolve(s), s);
            assertEquals(s + ": image not known", e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> store.resolve("Busybox"));
    }

    @Test
    void anAmbiguousIdPrefixIsAConflict() {
        Map<String, Image> byPrefix = new HashMap<>();
        String prefix = null;
        for (int i = 0; prefix == null && i < 2000; i++) {
            Image img = importTar(rootfs, null, "LABEL n=" + i);
            Image other = byPrefix.putIfAbsent(img.id().substring(0, 3), img);
            if (other != null) {
                prefix = img.id().substring(0, 3);
            }
        }
        String p = prefix;
        ConflictException e = assertThrows(ConflictException.class, () -> store.resolve(p));
        assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
    }

    @Test
    void aShortNameMatchingSeveralImagesPrefersLocalhostElseIsAConflict() {
        Image a = importTar(rootfs, "quay.io/a/app");
        Image b = importTar(rootfs, "quay.io/b/app");
        assertThrows(ConflictException.class, () -> store.resolve("app"));
        Image local = importTar(rootfs, "app");
        assertEquals(local.id(), store.resolve("app").id());
        assertEquals(a.id(), store.resolve("a/app").id());
        assertEquals(b.id(), store.resolve("quay.io/b/app:latest").id());
    }

    @Test
    void invalidChangesOrNamesStoreNothing() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> importTar(rootfs, "x", "VOLUME /data"));
        assertTrue(e.getMessage().contains("unsupported instruction VOLUME"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> importTar(rootfs, "x", "EXPOSE 99999"));
        assertThrows(InvalidInputException.class, () -> importTar(rootfs, "x", "ENV"));
        assertThrows(InvalidInputException.class, () -> importTar(rootfs, "Bad Name"));
        assertThrows(ImageException.class, () -> importTar(new TestTar().file("../evil", "x").bytes(), "x"));
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), layerDirs());
        assertFalse(Files.exists(base.resolve("evil")));
    }

    // ---- names ----------------------------------------------------------------------------

    @Test
    void aNameMovesToTheNewestImage() {
        Image first = importTar(rootfs, "app", "LABEL v=1");
        store.tag("app", "app:1");
        Image second = importTar(rootfs, "app", "LABEL v=2");
        assertNotEquals(first.id(), second.id());
        assertEquals(List.of("localhost/app:1"), store.resolve(first.id()).names());
        assertEquals(List.of("localhost/app:latest"), store.resolve("app").names());
        assertEquals(second.id(), store.resolve("app").id());
        assertEquals(List.of("localhost/app:1", "localhost/app:latest"), store.resolve(first.id()).namesHistory());

        Image third = importTar(rootfs, "app:1", "LABEL v=3");
        assertTrue(store.resolve(first.id()).dangling());
        assertEquals(3, store.list().size());
        assertEquals(third.id(), store.list().get(0).id(), "newest first");
        assertEquals(1, store.layers().layerDirs(third).size());
    }

    @Test
    void tagAndUntag() {
        Image img = importTar(rootfs, "busybox");
        assertEquals("localhost/busybox:1", store.tag("busybox", "busybox:1"));
        assertEquals(List.of("docker.io/library/busybox:2", "quay.io/q/bb:3"), store.tag(img.id(), List.of("docker.io/busybox:2", "quay.io/q/bb:3")));
        assertEquals(List.of("localhost/busybox:latest", "localhost/busybox:1", "docker.io/library/busybox:2", "quay.io/q/bb:3"),
                store.resolve(img.id()).names());
        assertThrows(InvalidInputException.class, () -> store.tag("busybox", "x@sha256:" + img.id()));
        assertThrows(NotFoundException.class, () -> store.tag("nosuch", "y"));

        assertEquals(List.of("localhost/busybox:1"), store.untag(img.id(), List.of("busybox:1")));
        assertThrows(NotFoundException.class, () -> store.untag(img.id(), List.of("busybox:1")));
        assertEquals(List.of("localhost/busybox:latest", "docker.io/library/busybox:2", "quay.io/q/bb:3"), store.untag(img.id(), List.of()));
        assertTrue(store.resolve(img.id()).dangling());
        assertEquals(1, store.list().size());
    }

    // ---- removal --------------------------------------------------------------------------

    @Test
    void removeFollowsPodmanRmi() throws IOException {
        Image img = importTar(rootfs, "app");
        store.tag("app", "app:2");
        Image other = importTar(new TestTar().file("other", "o").bytes(), "other");

        assertEquals(new RemoveReport(List.of("localhost/app:2"), List.of()), store.remove("app:2", false, id -> false));
        store.tag("app", "app:3");
        ConflictException byId = assertThrows(ConflictException.class, () -> store.remove(img.id(), false, id -> false));
        assertTrue(byId.getMessage().contains("by ID with more than one tag ([localhost/app:latest localhost/app:3]): please force removal"),
                byId.getMessage());
        assertEquals(2, store.list().size());

        RemoveReport r = store.remove(img.id().substring(0, 5), true, id -> false);
        assertEquals(new RemoveReport(List.of("localhost/app:latest", "localhost/app:3"), List.of(img.id())), r);
        assertThrows(NotFoundException.class, () -> store.resolve(img.id()));
        assertEquals(List.of(hex(new TestTar().file("other", "o").bytes())), layerDirs(), "the unused layer is deleted");

        assertEquals(new RemoveReport(List.of("localhost/other:latest"), List.of(other.id())), store.remove("other", false, id -> false));
        assertEquals(List.of(), layerDirs());
        assertEquals(List.of(), store.list());
        assertThrows(NotFoundException.class, () -> store.remove("other", false, id -> false));
    }

    @Test
    void aSharedLayerStaysUntilItsLastImageGoes() throws IOException {
        Image a = importTar(rootfs, "a", "LABEL x=1");
        Image b = importTar(rootfs, "b", "LABEL x=2");
        assertEquals(a.layers(), b.layers());
        assertEquals(1, layerDirs().size());
        store.remove("a", false, id -> false);
        assertEquals(1, layerDirs().size());
        assertTrue(Files.isRegularFile(store.layers().diffDir(b.layers().get(0)).resolve("bin/sh")));
        store.remove("b", false, id -> false);
        assertEquals(List.of(), layerDirs());
    }

    @Test
    void anImageInUseIsNotRemoved() throws Exception {
        Image img = importTar(rootfs, "app");
        ImageInUseException e = assertThrows(ImageInUseException.class, () -> store.remove("app", false, id -> id.equals(img.id())));
        assertTrue(e.getMessage().contains("image is in use by a container"), e.getMessage());
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO containers(id, name, is_infra, image_id, created, spec, state)"
                    + " VALUES ('c1', 'web', 0, ?, ?, '{}', 'created')")) {
                s.setString(1, img.id());
                s.setString(2, Instant.now().toString());
                s.executeUpdate();
            }
            return null;
        });
        e = assertThrows(ImageInUseException.class, () -> store.remove(img.id(), true, id -> false));
        assertTrue(e.getMessage().startsWith("image used by container web (c1): "), e.getMessage());
        assertEquals(Map.of(img.id(), 1), store.containerCounts());
        assertEquals(img.id(), store.resolve("app").id());
        assertEquals(1, layerDirs().size());
    }

    @Test
    void pruneRemovesDanglingImagesNoContainerUsesAndWithAllEveryUnusedImage() throws Exception {
        Image named = importTar(rootfs, "named");
        Image dangling = importTar(new TestTar().file("a", "1").bytes(), "gone");
        store.untag("gone", List.of());
        Image usedDangling = importTar(new TestTar().file("b", "2").bytes(), "used");
        store.untag("used", List.of());
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO containers(id, name, is_infra, image_id, created, spec, state)"
                    + " VALUES ('c1', 'web', 0, ?, ?, '{}', 'created')")) {
                s.setString(1, usedDangling.id());
                s.setString(2, Instant.now().toString());
                s.executeUpdate();
            }
            return null;
        });
        assertEquals(List.of(dangling.id()), store.prune(false));
        assertEquals(2, store.list().size());
        assertEquals(2, layerDirs().size());
        assertEquals(List.of(), store.prune(false));
        assertEquals(List.of(named.id()), store.prune(true));
        assertEquals(List.of(usedDangling.id()), store.list().stream().map(Image::id).toList());
        assertEquals(1, layerDirs().size());
    }

    // ---- archives -------------------------------------------------------------------------

    private final byte[] baseLayer = new TestTar().dir("bin", 0755).file("bin/sh", "shell").bytes();
    private final byte[] layer1 = new TestTar().file("app/one", "1").file("bin/.wh.sh", "").bytes();
    private final byte[] layer2 = new TestTar().file("app/two", "2").bytes();

    private static byte[] config(String cmd, byte[]... layers) {
        StringBuilder ids = new StringBuilder();
        for (byte[] l : layers) {
            ids.append(ids.length() == 0 ? "" : ",").append("\"sha256:").append(hex(l)).append('"');
        }
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-05-06T07:08:09.5Z\",\"config\":{\"Cmd\":[\"" + cmd
                + "\"],\"Labels\":{\"l\":\"v\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] dockerArchive(byte[] config1, byte[] config2) {
        String manifest = "[{\"Config\":\"" + hex(config1) + ".json\",\"RepoTags\":[\"app:1\",\"app:one\"],\"Layers\":[\"" + hex(baseLayer)
                + ".tar\",\"" + hex(layer1) + ".tar\"]},"
                + "{\"Config\":\"" + hex(config2) + ".json\",\"RepoTags\":[\"quay.io/x/app:2\"],\"Layers\":[\"old/layer.tar\",\"v1/layer.tar\"]}]";
        return new TestTar()
                .file("manifest.json", manifest)
                .file(hex(config1) + ".json", config1, 0444, 0, 0)
                .file(hex(config2) + ".json", config2, 0444, 0, 0)
                .file(hex(baseLayer) + ".tar", baseLayer, 0444, 0, 0)
                .file(hex(layer1) + ".tar", layer1, 0444, 0, 0)
                .symlink("old/layer.tar", "../" + hex(baseLayer) + ".tar")
                .file("v1/layer.tar", TestTar.gzip(layer2), 0444, 0, 0)
                .bytes();
    }

    @Test
    void loadsADockerArchiveStoringASharedLayerOnce() throws IOException {
        byte[] c1 = config("/app/one", baseLayer, layer1);
        byte[] c2 = config("/app/two", baseLayer, layer2);
        List<LoadedImage> loaded = store.load(new ByteArrayInputStream(dockerArchive(c1, c2)), "images.tar", events);

        assertEquals(2, loaded.size());
        assertEquals(hex(c1), loaded.get(0).image().id());
        assertEquals(List.of("docker.io/library/app:1", "docker.io/library/app:one"), loaded.get(0).names());
        assertEquals(List.of("quay.io/x/app:2"), loaded.get(1).names());
        assertEquals(List.of(hex(baseLayer), hex(layer1), hex(layer2)).stream().sorted().toList(), layerDirs());
        Image two = store.resolve("quay.io/x/app:2");
        assertEquals(List.of("/app/two"), two.config().cmd());
        assertEquals(Instant.parse("2024-05-06T07:08:09.5Z"), two.created());
        assertEquals(baseLayer.length + layer2.length, two.size());
        List<Path> dirs = store.layers().layerDirs(two);
        assertEquals("2", Files.readString(dirs.get(0).resolve("app/two")));
        assertEquals("shell", Files.readString(dirs.get(1).resolve("bin/sh")));
        assertEquals(two.id(), store.resolve("app:2").id());
        assertEquals(loaded.get(0).image().id(), store.resolve("app:one").id());
        assertEquals("v", two.config().labels().get("l"));

        // loading again changes nothing, and names come back to the archive's images
        store.tag(two.id(), "docker.io/library/app:1");
        assertEquals(two.id(), store.resolve("docker.io/library/app:1").id());
        List<LoadedImage> again = store.load(new ByteArrayInputStream(dockerArchive(c1, c2)), "images.tar", events);
        assertEquals(2, again.size());
        assertEquals(hex(c1), store.resolve("docker.io/library/app:1").id());
        assertEquals(2, store.list().size());
        assertEquals(3, layerDirs().size());
    }

    private byte[] ociArchive(boolean corruptLayer) {
        byte[] gzBase = TestTar.gzip(baseLayer);
        byte[] gz1 = TestTar.gzip(layer1);
        byte[] gz2 = TestTar.gzip(layer2);
        byte[] c1 = config("/app/one", baseLayer, layer1);
        byte[] c2 = config("/app/two", baseLayer, layer2);
        byte[] m1 = manifest(c1, gzBase, gz1);
        byte[] m2 = manifest(c2, gzBase, gz2);
        String index = "{\"schemaVersion\":2,\"manifests\":["
                + descriptor("application/vnd.oci.image.manifest.v1+json", m1, ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"localhost/oci:1\"}")
                + "," + descriptor("application/vnd.oci.image.manifest.v1+json", m2, ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"oci2\"}")
                + "]}";
        TestTar t = new TestTar().file("oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}").file("index.json", index);
        for (byte[] blob : List.of(c1, c2, m1, m2, gzBase, gz1)) {
            t.file("blobs/sha256/" + hex(blob), blob, 0444, 0, 0);
        }
        t.file("blobs/sha256/" + hex(gz2), corruptLayer ? TestTar.gzip(new TestTar().file("app/two", "evil").bytes()) : gz2, 0444, 0, 0);
        return t.bytes();
    }

    private static String descriptor(String mediaType, byte[] blob, String extra) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"sha256:" + hex(blob) + "\",\"size\":" + blob.length + extra + "}";
    }

    private static byte[] manifest(byte[] config, byte[]... layers) {
        StringBuilder ls = new StringBuilder();
        for (byte[] l : layers) {
            ls.append(ls.length() == 0 ? "" : ",").append(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", l, ""));
        }
        return ("{\"schemaVersion\":2,\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", config, "") + ",\"layers\":[" + ls + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void loadsAnOciArchiveKeepingItsManifest() throws IOException {
        Path file = base.resolve("oci.tar");
        Files.write(file, ociArchive(false));
        List<LoadedImage> loaded = store.load(file, events);
        assertEquals(List.of(List.of("localhost/oci:1"), List.of("localhost/oci2:latest")), loaded.stream().map(LoadedImage::names).toList());
        assertEquals(3, layerDirs().size());
        assertEquals(0, leases());
        Image one = store.resolve("oci:1");
        assertEquals(one.digest(), "sha256:" + hex(store.manifestBlob(one.id())));
        assertTrue(new String(store.manifestBlob(one.id()), StandardCharsets.UTF_8).contains("tar+gzip"), "the archive's own manifest is kept");
        List<Path> dirs = store.layers().layerDirs(one);
        assertEquals("1", Files.readString(dirs.get(0).resolve("app/one")));
        assertEquals(0, (long) Files.getAttribute(dirs.get(0).resolve("bin/sh"), "unix:rdev", java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aCorruptBlobStoresNothing() throws IOException {
        ImageException e = assertThrows(ImageException.class, () -> store.load(new ByteArrayInputStream(ociArchive(true)), "bad.tar", events));
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), layerDirs());
        assertEquals(0, leases());
    }

    @Test
    void aLayerThatDoesNotMatchItsDiffIdStoresNothing() throws IOException {
        byte[] c1 = config("/app/one", baseLayer, layer1);
        byte[] lying = config("/app/two", baseLayer, layer1); // says layer1, the archive has layer2
        ImageException e = assertThrows(ImageException.class,
                () -> store.load(new ByteArrayInputStream(dockerArchive(c1, lying)), "lying.tar", events));
        assertTrue(e.getMessage().contains("does not match the image configuration"), e.getMessage());
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), layerDirs());
    }

    @Test
    void aTamperedConfigIsRefused() {
        byte[] c1 = config("/app/one", baseLayer, layer1);
        byte[] c2 = config("/app/two", baseLayer, layer2);
        byte[] archive = dockerArchive(c1, c2);
        String tampered = new String(archive, StandardCharsets.ISO_8859_1).replace("\"/app/one\"", "\"/app/bad\"");
        ImageException e = assertThrows(ImageException.class,
                () -> store.load(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.ISO_8859_1)), "t.tar", events));
        assertTrue(e.getMessage().contains("digest mismatch for " + hex(c1) + ".json"), e.getMessage());
        assertEquals(List.of(), store.list());
    }

    @Test
    void somethingElseIsNotAnArchive() {
        ImageException e = assertThrows(ImageException.class,
                () -> store.load(new ByteArrayInputStream(rootfs), "rootfs.tar", events));
        assertTrue(e.getMessage().contains("not a docker-archive or an oci-archive"), e.getMessage());
    }

    // ---- concurrency ----------------------------------------------------------------------

    @Test
    void concurrentImportsOfTheSameTarStoreOneLayer() throws Exception {
        byte[] big = new TestTar().file("a", new byte[4 << 20], 0644, 0, 0).file("b", "b").bytes();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Database> dbs = new ArrayList<>();
        try {
            List<Future<Image>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Database own = Database.open(paths.database());
                dbs.add(own);
                ImageStore s = new ImageStore(new io.jpod.state.ImageTable(own), paths, Privileges.current(), Platform.goArchitecture(System.getProperty("os.arch")));
                Callable<Image> work = () -> {
                    start.await();
                    return s.importRootfs(new ByteArrayInputStream(big), "big.tar", List.of(), null, "same", Events.NONE);
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            Image a = results.get(0).get();
            Image b = results.get(1).get();
            assertEquals(a.layers(), b.layers());
            assertEquals(List.of(hex(big)), layerDirs());
            assertEquals(4 << 20, Files.size(store.layers().diffDir(a.layers().get(0)).resolve("a")));
            Image named = store.resolve("same");
            assertTrue(named.id().equals(a.id()) || named.id().equals(b.id()));
            try (Stream<Path> tmp = Files.list(paths.tmp())) {
                assertEquals(List.of(), tmp.toList(), "scratch directories are cleaned up");
            }
        } finally {
            pool.shutdownNow();
            dbs.forEach(Database::close);
        }
    }
}
