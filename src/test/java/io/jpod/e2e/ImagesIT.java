package io.jpod.e2e;

import static io.jpod.e2e.Harness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/** Images: import, images (table and JSON), tag, rmi, load, and ids accepted by prefix. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImagesIT {
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

    /** {@code images --format json} entries, podman's fields: Id (64 hex), Names (list of "repo:tag"). */
    private static JsonNode images() {
        JsonNode images = Harness.json(h.jpodOk("images", "--format", "json"));
        assertTrue(images.isArray(), () -> "images --format json must be an array: " + images);
        return images;
    }

    private static Optional<JsonNode> imageNamed(String name) {
        for (JsonNode image : images()) {
            if (image.path("Names").values().stream().anyMatch(n -> name.equals(n.asString("")))) {
                return Optional.of(image);
            }
        }
        return Optional.empty();
    }

    @Test
    @Order(1)
    void importPrintsTheIdAndListsTheImage() {
        Result r = h.importBusybox();
        List<String> out = r.outLines();
        assertFalse(out.isEmpty(), r::describe);
        String printed = out.get(out.size() - 1).replaceFirst("^sha256:", "");
        assertTrue(printed.matches("[0-9a-f]{64}"), () -> "import prints the image id last (podman: sha256:<64 hex>)\n" + r.describe());

        JsonNode image = imageNamed(Harness.IMAGE).orElseGet(() -> fail(Harness.IMAGE + " not in images --format json: " + images()));
        imageId = text(image, "Id");
        assertTrue(imageId.matches("[0-9a-f]{64}"), () -> "Id is 64 hex: " + image);
        assertEquals(printed, imageId, "the id import printed is the id images lists");
    }

    @Test
    @Order(2)
    void imagesTableHasPodmanColumns() {
        Result r = h.jpodOk("images");
        List<String> lines = r.outLines();
        assertTrue(lines.size() >= 2, r::describe);
        assertTrue(lines.get(0).startsWith("REPOSITORY") && lines.get(0).contains("TAG") && lines.get(0).contains("IMAGE ID"),
                () -> "header: REPOSITORY TAG IMAGE ID CREATED SIZE\n" + r.describe());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("localhost/busybox") && l.contains("latest") && l.contains(imageId.substring(0, 12))),
                () -> "a row: localhost/busybox latest <12-hex id>\n" + r.describe());
    }

    @Test
    @Order(3)
    void tagAddsANameToTheSameImage() {
        h.jpodOk("tag", Harness.IMAGE, "localhost/other:v2");
        JsonNode tagged = imageNamed("localhost/other:v2").orElseGet(() -> fail("tag did not add localhost/other:v2: " + images()));
        assertEquals(imageId, text(tagged, "Id"));
        assertTrue(imageNamed(Harness.IMAGE).isPresent(), "the old name stays");
    }

    @Test
    @Order(4)
    void imageIdsAreAcceptedByUniquePrefix() {
        h.jpodOk("tag", imageId.substring(0, 12), "localhost/byprefix:1");
        assertEquals(imageId, text(imageNamed("localhost/byprefix:1").orElseGet(() -> fail("tag by id prefix failed: " + images())), "Id"));
        h.jpodOk("tag", imageId, "localhost/byfullid:1");
        assertEquals(imageId, text(imageNamed("localhost/byfullid:1").orElseGet(() -> fail("tag by full id failed: " + images())), "Id"));
    }

    @Test
    @Order(5)
    void rmiOfOneNameOnlyUntags() {
        h.jpodOk("rmi", "localhost/other:v2");
        h.jpodOk("rmi", "localhost/byprefix:1");
        h.jpodOk("rmi", "localhost/byfullid:1");
        assertTrue(imageNamed("localhost/other:v2").isEmpty(), () -> "rmi removes the name: " + images());
        assertEquals(imageId, text(imageNamed(Harness.IMAGE).orElseGet(() -> fail("the image itself must stay: " + images())), "Id"));
    }

    @Test
    @Order(6)
    void loadReadsADockerArchiveThatRuns() throws IOException {
        Path archive = Harness.WORK.resolve("loaded-image.tar");
        DockerArchive.write(h.rootfsTar(), "localhost/loaded:1", "PATH=/bin:/usr/bin", archive);
        h.jpodOk("load", "-i", archive.toString());
        JsonNode loaded = imageNamed("localhost/loaded:1").orElseGet(() -> fail("load did not list localhost/loaded:1: " + images()));
        assertNotEquals(imageId, text(loaded, "Id"), "a different config makes a different image");

        Path yaml = h.writeYaml("loaded-pod.yaml", PodYaml.pod("loaded").restartPolicy("Never")
                .container("cat", "localhost/loaded:1", "cat", "/home/app/owned").yaml());
        h.play(yaml);
        h.waitForState("loaded-cat", "exited", Duration.ofSeconds(30));
        String logs = h.jpodOk("logs", "loaded-cat").out();
        assertTrue(logs.contains("owned by app"), () -> "the loaded image's files are there: " + logs);
        h.jpodOk("kube", "down", yaml.toString());
    }

    @Test
    @Order(7)
    void rmiByIdPrefixRemovesTheImage() {
        h.jpodOk("rmi", imageId.substring(0, 12));
        assertTrue(images().values().stream().noneMatch(i -> imageId.equals(text(i, "Id"))), () -> "image gone: " + images());
        assertTrue(imageNamed("localhost/loaded:1").isPresent(), "other images stay");
    }

    @Test
    @Order(8)
    void rmiOfAnImageInUseNamesItsContainersAndRmiForceRemovesThem() {
        Path yaml = h.writeYaml("inuse-pod.yaml", PodYaml.pod("inuse")
                .container("a", "localhost/loaded:1", "sh", "-c", Harness.SLEEPER)
                .container("b", "localhost/loaded:1", "sh", "-c", Harness.SLEEPER).yaml());
        h.play(yaml);
        h.waitForState("inuse-a", "running", Duration.ofSeconds(30));
        Result refused = h.jpod("rmi", "localhost/loaded:1");
        assertEquals(2, refused.code(), refused::describe);
        Harness.assertOneErrorLine(refused);
        assertTrue(refused.err().contains("inuse-a (") && refused.err().contains("inuse-b ("), refused::describe);
        assertTrue(imageNamed("localhost/loaded:1").isPresent(), "the refused image stays");

        Result forced = h.jpodOk("rmi", "-f", "localhost/loaded:1");
        assertTrue(forced.outLines().contains("Untagged: localhost/loaded:1"), forced::describe);
        assertTrue(forced.outLines().stream().anyMatch(l -> l.startsWith("Deleted: ")), forced::describe);
        assertTrue(imageNamed("localhost/loaded:1").isEmpty(), () -> "image gone: " + images());
        assertTrue(Harness.byName(h.psAll(), "inuse-a").isEmpty() && Harness.byName(h.psAll(), "inuse-b").isEmpty(),
                () -> "the containers using the image are removed: " + h.psAll());
        assertTrue(Harness.podByName(h.podPs(), "inuse").isPresent(), "the pod itself stays, as podman leaves it");
        h.jpodOk("pod", "rm", "-f", "inuse");
    }
}
