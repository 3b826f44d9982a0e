package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code jpod info} and {@code jpod system reset}. */
class SystemIT {
    private static Harness h;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    @Test
    void infoNamesTheRuntimeConmonAndWhereStateIs() {
        Result r = h.jpodOk("info");
        assertTrue(r.out().contains("conmon"), () -> "info shows conmon\n" + r.describe());
        assertTrue(r.out().contains("runc") || r.out().contains("crun"), () -> "info shows the OCI runtime\n" + r.describe());
        assertTrue(r.out().contains(h.home().resolve(".local/share/jpod").toString()),
                () -> "info shows the data directory (podman: store.graphRoot)\n" + r.describe());
        assertTrue(r.out().contains("rootless: true"), () -> "info says rootless: true (podman: host.security.rootless)\n" + r.describe());
    }

    @Test
    void resetRemovesAllStateOfTheUser() throws IOException {
        h.importBusybox();
        Path yaml = h.writeYaml("resetme.yaml", PodYaml.pod("resetme")
                .container("app", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done").yaml());
        h.play(yaml);
        h.waitForState("resetme-app", "running", Duration.ofSeconds(30));

        h.jpodOk("system", "reset", "-f");
        Path data = h.home().resolve(".local/share/jpod");
        List<Path> files;
        try (Stream<Path> walk = Files.exists(data) ? Files.walk(data) : Stream.empty()) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("jpod.db")).toList();
        }
        assertEquals(List.of(), files, "reset leaves no image, layer or container files");
        h.assertNothingLeft("after system reset");
        assertEquals(0, h.podPs().size());
        assertEquals(0, h.psAll().size());
        assertEquals(0, Harness.json(h.jpodOk("images", "--format", "json")).size(), "no images");
    }
}
