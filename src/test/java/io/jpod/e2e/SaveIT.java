package io.jpod.e2e;

import static io.jpod.e2e.Harness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/** save (docker-archive, oci-archive) and load back, podman loading jpod's archive, image prune. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SaveIT {
    private static Harness h;
    private static String imageId;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    private static List<String> namesOf(String id) {
        List<String> names = new ArrayList<>();
        for (JsonNode image : Harness.json(h.jpodOk("images", "--format", "json"))) {
            if (id.equals(text(image, "Id"))) {
                image.path("Names").values().forEach(n -> names.add(n.asString("")));
            }
        }
        return names;
    }

    private static void roundTrip(String format, String file) {
        Path archive = h.home().resolve(file);
        h.jpodOk("save", "--format", format, "-o", archive.toString(), Harness.IMAGE, "localhost/busybox:v2");
        h.jpodOk("rmi", "-a", "-f");
        Result r = h.jpodOk("load", "-i", archive.toString());
        assertTrue(r.out().contains("Loaded image: localhost/busybox:latest") && r.out().contains("Loaded image: localhost/busybox:v2"), r::describe);
        List<String> names = namesOf(imageId);
        assertTrue(names.contains(Harness.IMAGE) && names.contains("localhost/busybox:v2"),
                () -> format + ": the loaded image has the same id and both names: " + names);
    }

    @Test
    @Order(1)
    void dockerArchiveRoundTrips() {
        List<String> out = h.importBusybox().outLines();
        imageId = out.get(out.size() - 1).replaceFirst("^sha256:", "");
        h.jpodOk("tag", Harness.IMAGE, "localhost/busybox:v2");
        roundTrip("docker-archive", "saved-docker.tar");
    }

    @Test
    @Order(2)
    void ociArchiveRoundTrips() {
        roundTrip("oci-archive", "saved-oci.tar");
    }

    @Test
    @Order(3)
    void podmanLoadsJpodsDockerArchive() throws IOException {
        assertTrue(Harness.which("podman").isPresent(), "podman is a test prerequisite (scripts/host-packages.txt): it must load jpod's archives");
        Path store = Files.createTempDirectory("jpod-save-it-podman");
        try {
            Path archive = h.home().resolve("saved-docker.tar");
            Result r = Harness.root("podman", "--root", store.resolve("root").toString(), "--runroot", store.resolve("run").toString(),
                    "--storage-driver", "vfs", "--runtime", "runc", "load", "-i", archive.toString());
            assertEquals(0, r.code(), r::describe);
            assertTrue(r.out().contains("localhost/busybox:v2"), r::describe);
        } finally {
            Harness.root("rm", "-rf", store.toString());
        }
    }

    @Test
    @Order(4)
    void saveToATerminalOrOfAnUnknownImageFails() {
        Result r = h.jpodError("save", "-o", h.home().resolve("x.tar").toString(), "localhost/nothing:here");
        assertTrue(r.err().contains("localhost/nothing:here"), r::describe);
        assertTrue(Files.notExists(h.home().resolve("x.tar")), "nothing half-written");
    }

    @Test
    @Order(5)
    void imagePruneRemovesTheDanglingImage() {
        h.jpodOk("untag", imageId);
        Result declined = h.jpodWith(Harness.TIMEOUT, "", "image", "prune");
        assertEquals(0, declined.code(), declined::describe);
        assertEquals(List.of(), namesOf(imageId), "still there, dangling, after the prompt got no answer");
        assertTrue(Harness.json(h.jpodOk("images", "--format", "json")).size() == 1, "the image stays when not confirmed");
        Result r = h.jpodOk("image", "prune", "-f");
        assertEquals(List.of(imageId), r.outLines(), r::describe);
        assertEquals(0, Harness.json(h.jpodOk("images", "--format", "json")).size());
    }
}
