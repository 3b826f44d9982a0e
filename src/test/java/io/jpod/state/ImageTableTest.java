package io.jpod.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTableTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final byte[] CONFIG = "{\"config\":{}}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private Database db;
    private ImageTable table;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("jpod.db"));
        table = new ImageTable(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void addImage(String id, String... names) {
        table.write(tx -> {
            tx.putLayer("sha256:l1", 10, T0);
            tx.insertImage(id, "sha256:m", T0, 10, CONFIG, MANIFEST, List.of("sha256:l1"), T0);
            for (String n : names) {
                tx.insertName(n, id, T0);
            }
            return null;
        });
    }

    @Test
    void imagesReadBackWithTheirNamesInOrder() {
        addImage("abc", "localhost/b:1", "localhost/a:1");
        ImageTable.ImageRow row = table.read(ImageTable.Tx::images).get(0);
        assertEquals("abc", row.id());
        assertEquals(List.of("localhost/b:1", "localhost/a:1"), row.names());
        assertEquals(T0, row.created());
        assertEquals(List.of("sha256:l1"), row.layers());
        assertEquals(List.of(), row.namesHistory());
        assertArrayEquals(CONFIG, row.config());
        assertArrayEquals(MANIFEST, table.read(tx -> tx.manifest("abc")));
        assertNull(table.read(tx -> tx.config("none")));
        assertEquals("abc", table.read(tx -> tx.imageNamed("localhost/a:1")));
    }

    @Test
    void namesHistoryAndRemoval() {
        addImage("abc", "localhost/a:1");
        table.write(tx -> {
            tx.setNamesHistory("abc", List.of("localhost/a:1", "localhost/old:1"));
            return null;
        });
        assertEquals(List.of("localhost/a:1", "localhost/old:1"), table.read(tx -> tx.namesHistory("abc")));
        assertEquals(Set.of("sha256:l1"), table.read(ImageTable.Tx::layersInUse));
        table.write(tx -> {
            tx.deleteImage("abc");
            return null;
        });
        assertEquals(List.of(), table.read(ImageTable.Tx::images));
        assertNull(table.read(tx -> tx.imageNamed("localhost/a:1")));
        assertEquals(Set.of(), table.read(ImageTable.Tx::layersInUse));
    }

    @Test
    void leasesAndLayers() {
        table.write(tx -> {
            tx.putLayer("sha256:l1", 10, T0);
            tx.lease("sha256:l1", "op", T0.plusSeconds(60));
            return null;
        });
        assertEquals(Long.valueOf(10), table.read(tx -> tx.layerSize("sha256:l1")));
        assertNull(table.read(tx -> tx.layerSize("sha256:none")));
        assertEquals(List.of(new ImageTable.Lease("sha256:l1", "op", T0.plusSeconds(60))), table.read(ImageTable.Tx::leases));
        table.write(tx -> {
            tx.release("op");
            tx.deleteLayer("sha256:l1");
            return null;
        });
        assertEquals(List.of(), table.read(ImageTable.Tx::leases));
        assertEquals(List.of(), table.read(ImageTable.Tx::layers));
    }

    @Test
    void aFailedStepRollsTheTransactionBack() {
        assertThrows(IllegalStateException.class, () -> table.write(tx -> {
            tx.putLayer("sha256:l1", 10, T0);
            throw new IllegalStateException("stop");
        }));
        assertEquals(List.of(), table.read(ImageTable.Tx::layers));
        assertThrows(io.jpod.error.StateException.class, () -> table.write(tx -> {
            tx.insertName("localhost/x:1", "no-such-image", T0);
            return null;
        }), "a name must belong to an image");
    }
}
