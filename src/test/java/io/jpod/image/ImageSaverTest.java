package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.events.Events;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.host.HostPaths;
import io.jpod.host.Privileges;
import io.jpod.state.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSaverTest {
    @TempDir
    Path base;
    final List<Database> dbs = new ArrayList<>();
    final Events events = w -> { };
    ImageStore source;

    @BeforeEach
    void open() {
        source = store("a");
    }

    @AfterEach
    void close() {
        dbs.forEach(Database::close);
    }

    private ImageStore store(String name) {
        HostPaths paths = new HostPaths(base.resolve(name).resolve("data"), base.resolve(name).resolve("run"));
        Database db = Database.open(paths.database());
        dbs.add(db);
        return new ImageStore(new io.jpod.state.ImageTable(db), paths, Privileges.current(), Platform.goArchitecture(System.getProperty("os.arch")));
    }

    private Image importTar(String file, String name) {
        byte[] tar = new TestTar().dir("bin", 0755).file("bin/sh", "shell").file("etc/" + file, file).bytes();
        return source.importRootfs(new ByteArrayInputStream(tar), "rootfs.tar", List.of("ENV=PATH=/bin"), null, name, events);
    }

    private byte[] save(ArchiveFormat format, String... images) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ImageSaver(source).save(List.of(images), format, out, events);
        return out.toByteArray();
    }

    private static Map<String, byte[]> entries(byte[] archive) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private void roundTrip(ArchiveFormat format) throws IOException {
        Image one = importTar("one", "localhost/one:latest");
        source.tag("localhost/one:latest", "quay.io/x/one:v1");
        Image two = importTar("two", "localhost/two:latest");
        byte[] archive = save(format, "one", "quay.io/x/one:v1", two.id());
        ImageStore fresh = store("b");
        List<LoadedImage> loaded = fresh.load(new ByteArrayInputStream(archive), "saved", events);
        assertEquals(2, loaded.size());
        Image back = fresh.resolve("localhost/one:latest");
        assertEquals(one.id(), back.id());
        assertEquals(List.of("localhost/one:latest", "quay.io/x/one:v1"), back.names());
        assertEquals(one.layers(), back.layers());
        assertEquals(two.id(), fresh.resolve("localhost/two:latest").id());
        Path layer = fresh.layers().diffDir(one.layers().get(0));
        assertEquals("one", Files.readString(layer.resolve("etc/one")));
    }

    @Test
    void dockerArchiveRoundTrips() throws IOException {
        roundTrip(ArchiveFormat.DOCKER_ARCHIVE);
    }

    @Test
    void ociArchiveRoundTrips() throws IOException {
        roundTrip(ArchiveFormat.OCI_ARCHIVE);
    }

    @Test
    void dockerArchiveHoldsUncompressedLayersNamedByDiffId() throws IOException {
        Image one = importTar("one", "localhost/one:latest");
        Map<String, byte[]> files = entries(save(ArchiveFormat.DOCKER_ARCHIVE, "localhost/one:latest"));
        String diffHex = one.layers().get(0).substring("sha256:".length());
        byte[] layer = files.get(diffHex + "/layer.tar");
        assertEquals(one.layers().get(0), Digests.digestOf(layer));
        assertEquals(one.id(), Digests.hexOf(files.get(one.id() + ".json")));
        String manifest = new String(files.get("manifest.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"RepoTags\":[\"localhost/one:latest\"]"), manifest);
        assertTrue(files.containsKey("repositories"));
    }

    @Test
    void ociArchiveNamesEachTagInTheIndex() throws IOException {
        importTar("one", "localhost/one:latest");
        source.tag("localhost/one:latest", "localhost/one:v2");
        Map<String, byte[]> files = entries(save(ArchiveFormat.OCI_ARCHIVE, "localhost/one:latest", "localhost/one:v2"));
        assertTrue(files.containsKey("oci-layout"));
        String index = new String(files.get("index.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(index.contains("\"org.opencontainers.image.ref.name\":\"localhost/one:latest\""), index);
        assertTrue(index.contains("\"org.opencontainers.image.ref.name\":\"localhost/one:v2\""), index);
    }

    @Test
    void unknownImageOrFormatIsRefused() {
        importTar("one", "localhost/one:latest");
        assertThrows(NotFoundException.class, () -> save(ArchiveFormat.DOCKER_ARCHIVE, "localhost/nope:latest"));
        assertThrows(InvalidInputException.class, () -> ArchiveFormat.parse("dir"));
    }
}
