package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ImageException;
import io.jpod.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    private static final Instant T = Instant.parse("2024-01-02T03:04:05.120Z");

    @Test
    void writesAndReadsTheOciFormat() {
        ImageConfig c = new ImageConfig(List.of("A=1"), List.of("/init"), List.of("-v"), "/srv", "app", Map.of("k", "v"), List.of("80/tcp"),
                "SIGQUIT", T, "amd64", "linux", "me", List.of(new ImageConfig.History(T, "import", null, "hi", false)));
        byte[] json = c.toJson(List.of("sha256:" + "a".repeat(64)));
        String s = new String(json, StandardCharsets.UTF_8);
        assertTrue(s.startsWith("{\"created\":\"2024-01-02T03:04:05.12Z\",\"author\":\"me\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"User\":\"app\",\"ExposedPorts\":{\"80/tcp\":{}},\"Env\":[\"A=1\"],\"Entrypoint\":[\"/init\"],\"Cmd\":[\"-v\"],"
                + "\"WorkingDir\":\"/srv\",\"Labels\":{\"k\":\"v\"},\"StopSignal\":\"SIGQUIT\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":"), s);
        assertEquals(c, ImageConfig.read(json, "x"));
        assertEquals(List.of("sha256:" + "a".repeat(64)), ImageConfig.readDiffIds(json, "x"));
    }

    @Test
    void readsWhatIsThereAndToleratesTheRest() {
        ImageConfig c = ImageConfig.read("{\"created\":\"2024-01-02T05:04:05+02:00\",\"config\":{\"Cmd\":null,\"Labels\":null},\"extra\":1}"
                .getBytes(StandardCharsets.UTF_8), "x");
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), c.created());
        assertNull(c.cmd());
        assertNull(c.entrypoint());
        assertEquals(Map.of(), c.labels());
        assertThrows(ImageException.class, () -> ImageConfig.read("[]".getBytes(StandardCharsets.UTF_8), "x"));
        assertThrows(ImageException.class, () -> ImageConfig.read("{".getBytes(StandardCharsets.UTF_8), "x"));
        assertThrows(ImageException.class, () -> ImageConfig.readDiffIds("{}".getBytes(StandardCharsets.UTF_8), "x"));
        assertThrows(ImageException.class,
                () -> ImageConfig.readDiffIds("{\"rootfs\":{\"diff_ids\":[\"md5:00\"]}}".getBytes(StandardCharsets.UTF_8), "x"));
    }

    @Test
    void formatsTimesAsGo() {
        assertEquals("2024-01-02T03:04:05Z", ImageConfig.rfc3339(Instant.parse("2024-01-02T03:04:05Z")));
        assertEquals("2024-01-02T03:04:05.1Z", ImageConfig.rfc3339(Instant.parse("2024-01-02T03:04:05.100Z")));
        assertEquals("2024-01-02T03:04:05.000000001Z", ImageConfig.rfc3339(Instant.parse("2024-01-02T03:04:05.000000001Z")));
    }

    @Test
    void changesUseDockerfileSyntax() {
        ImageConfig base = ImageConfig.empty(T, "linux", "amd64");
        ImageConfig c = ConfigChanges.apply(base, List.of("ENV A=1 B=\"two words\" C=x\\ y", "ENV A 3 4", "WORKDIR /a", "workdir b",
                "CMD echo \"$HOME\"", "ENTRYPOINT=[\"tini\",\"--\"]", "LABEL version=1.0", "EXPOSE 8080/UDP 1-3", "USER nobody"));
        assertEquals(List.of("B=two words", "C=x y", "A=3 4"), c.env());
        assertEquals("/a/b", c.workingDir());
        assertEquals(List.of("/bin/sh", "-c", "echo \"$HOME\""), c.cmd());
        assertEquals(List.of("tini", "--"), c.entrypoint());
        assertEquals(Map.of("version", "1.0"), c.labels());
        assertEquals(List.of("8080/udp", "1-3/tcp"), c.exposedPorts());
        assertEquals("nobody", c.user());
        assertEquals(T, c.created());
        for (String bad : List.of("FROM x", "RUN ls", "CMD", "ENV =x", "LABEL a=\"open", "EXPOSE http", "EXPOSE 0", "STOPSIGNAL ;kill", "")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigChanges.apply(base, List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("--change '" + bad + "': "), e.getMessage());
        }
    }
}
