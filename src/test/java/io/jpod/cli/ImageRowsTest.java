package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jpod.image.Image;
import io.jpod.image.ImageConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRowsTest {
    private static final String ID = "7153b96329d11ae3bc8f7b40f494d4d59280c58277ed0baae03911c78361b0a5";
    private static final String DIGEST = "sha256:f4e6db0dc8fd7f3a0e3c8216a9d0b04d29d93ee17e50bbab50614f0f7fa3306a";
    private static final Instant CREATED = Instant.parse("2026-11-29T18:03:43.217593417Z");

    private static Image image(List<String> names, ImageConfig config) {
        return new Image(ID, names, DIGEST, CREATED, 11363, config, List.of("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64)),
                names.isEmpty() ? List.of() : List.of(names.get(names.size() - 1), names.get(0)));
    }

    private static ImageConfig config() {
        return new ImageConfig(List.of("PATH=/bin"), null, List.of("sh"), null, null, Map.of(), List.of(), null, CREATED, "amd64", "linux",
                null, List.of(new ImageConfig.History(CREATED, "/bin/sh -c #(nop) ADD file:x in /", null, "imported from tarball", false)));
    }

    @Test
    void oneTableRowPerNameAndOneForAnImageWithoutNames() {
        Image named = image(List.of("localhost/ptest2:latest", "docker.io/library/ptest2:x"), config());
        Image dangling = image(List.of(), config());
        List<Map<String, Object>> rows = ImageRows.listRows(List.of(named, dangling), false, Map.of(ID, 2));
        assertEquals(3, rows.size());
        assertEquals(List.of("localhost/ptest2", "docker.io/library/ptest2", "<none>"), rows.stream().map(r -> r.get("Repository")).toList());
        assertEquals(List.of("latest", "x", "<none>"), rows.stream().map(r -> r.get("Tag")).toList());
        assertEquals("7153b96329d1", rows.get(0).get("ID"));
        assertEquals("11.4 kB", rows.get(0).get("Size"));
        assertEquals(11363L, rows.get(0).get("VirtualSize"));
        assertEquals(2, rows.get(0).get("Containers"));
        assertEquals("docker.io/library/ptest2:x, localhost/ptest2:latest", rows.get(0).get("History"));
        assertEquals(List.of("docker.io/library/ptest2@" + DIGEST, "localhost/ptest2@" + DIGEST), rows.get(0).get("RepoDigests"));
        assertEquals("sha256:" + ID, ImageRows.listRows(List.of(named), true, Map.of()).get(0).get("ID"));
        assertEquals(List.of("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"), ImageRows.TABLE.stream().map(c -> c.header()).toList());
    }

    @Test
    void jsonRowsHavePodmansFieldsInPodmansOrder() {
        Map<String, Object> row = ImageRows.jsonRow(image(List.of("localhost/ptest:latest"), config()), 0);
        assertEquals(List.of("Id", "ParentId", "RepoTags", "RepoDigests", "Size", "SharedSize", "VirtualSize", "Labels", "Containers", "Names",
                "Digest", "History", "Created", "CreatedAt"), new ArrayList<>(row.keySet()));
        assertEquals(ID, row.get("Id"));
        assertNull(row.get("RepoTags"));
        assertNull(row.get("Labels"));
        assertEquals(List.of("localhost/ptest:latest"), row.get("Names"));
        assertEquals(1795975423L, row.get("Created"));
        assertEquals(List.of("localhost/ptest@" + DIGEST), row.get("RepoDigests"));
    }

    @Test
    void inspectShowsOnlyTheSetRunConfigurationAndTheLayers() {
        Image img = image(List.of("localhost/ptest:latest"), config());
        Map<String, Object> o = ImageRows.inspect(img, List.of(Path.of("/l/b/diff"), Path.of("/l/a/diff")),
                "application/vnd.oci.image.manifest.v1+json");
        assertEquals(List.of("Id", "Digest", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "Config", "Version", "Author",
                "Architecture", "Os", "Size", "VirtualSize", "GraphDriver", "RootFS", "Labels", "Annotations", "ManifestType", "User", "History",
                "NamesHistory"), new ArrayList<>(o.keySet()));
        assertEquals(Map.of("Env", List.of("PATH=/bin"), "Cmd", List.of("sh")), o.get("Config"));
        assertEquals("2026-11-29T18:03:43.217593417Z", o.get("Created"));
        assertEquals("imported from tarball", o.get("Comment"));
        assertEquals(Map.of("Type", "layers", "Layers", img.layers()), o.get("RootFS"));
        assertEquals(Map.of("Name", "overlay", "Data", Map.of("LowerDir", "/l/a/diff", "UpperDir", "/l/b/diff")), o.get("GraphDriver"));
        assertEquals(List.of(Map.of("created", "2026-11-29T18:03:43.217593417Z", "created_by", "/bin/sh -c #(nop) ADD file:x in /",
                "comment", "imported from tarball")), o.get("History"));
    }
}
