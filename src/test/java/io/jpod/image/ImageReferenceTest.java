package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        // input                              registry          repository          tag      full name
        "busybox,                             -,                busybox,            -,       localhost/busybox:latest",
        "localhost/busybox:latest,            localhost,        busybox,            latest,  localhost/busybox:latest",
        "busybox:1.36,                        -,                busybox,            1.36,    localhost/busybox:1.36",
        "library/busybox,                     -,                library/busybox,    -,       localhost/library/busybox:latest",
        "docker.io/busybox,                   docker.io,        busybox,            -,       docker.io/library/busybox:latest",
        "index.docker.io/busybox:1,           index.docker.io,  busybox,            1,       docker.io/library/busybox:1",
        "quay.io/podman/hello:v1.2_x-y,       quay.io,          podman/hello,       v1.2_x-y, quay.io/podman/hello:v1.2_x-y",
        "localhost:5000/a/b/c,                localhost:5000,   a/b/c,              -,       localhost:5000/a/b/c:latest",
        "myhost:5000/app:2,                   myhost:5000,      app,                2,       myhost:5000/app:2",
        "my-registry.example.com/x__y.z-w,    my-registry.example.com, x__y.z-w,    -,       my-registry.example.com/x__y.z-w:latest",
        "foo/bar:TAG_1,                       -,                foo/bar,            TAG_1,   localhost/foo/bar:TAG_1",
    })
    void parses(String input, String registry, String repository, String tag, String full) {
        ImageReference r = ImageReference.parse(input);
        assertEquals(registry, r.registry());
        assertEquals(repository, r.repository());
        assertEquals(tag, r.tag());
        assertNull(r.digest());
        assertEquals(full, r.toString());
    }

    @Test
    void parsesDigests() {
        ImageReference r = ImageReference.parse("quay.io/a/b@sha256:" + HEX);
        assertEquals("sha256:" + HEX, r.digest());
        assertNull(r.tag());
        assertEquals("quay.io/a/b@sha256:" + HEX, r.toString());
        ImageReference both = ImageReference.parse("busybox:1@sha256:" + HEX);
        assertEquals("1", both.tag());
        assertEquals("localhost/busybox:1@sha256:" + HEX, both.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Busybox|must be lowercase",
        "docker.io/Library/busybox|must be lowercase",
        "busybox:bad/tag|invalid",
        "busybox:-x|invalid tag",
        "busybox:|invalid tag",
        "busybox@sha256:abc|invalid digest",
        "busybox@md5:" + HEX + "|invalid digest",
        "a//b|invalid repository name component",
        "-a|invalid repository name component",
        "a..b|invalid repository name component",
        "localhost/|repository name is empty",
        "bad_host:x/app|invalid registry",
    })
    void rejects(String input, String why) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReference.parse(input));
        assertTrue(e.getMessage().startsWith(input + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void rejectsEmptyAndOverlongNames() {
        assertThrows(InvalidInputException.class, () -> ImageReference.parse(""));
        assertThrows(InvalidInputException.class, () -> ImageReference.parse("a".repeat(256)));
    }

    @Test
    void newImageNamesAreQualifiedAndCannotHaveDigests() {
        assertEquals("localhost/busybox:latest", ImageReference.forNewImage("busybox").toString());
        assertEquals("localhost", ImageReference.forNewImage("busybox").registry());
        assertThrows(InvalidInputException.class, () -> ImageReference.forNewImage("busybox@sha256:" + HEX));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "busybox,               localhost/busybox:latest,          true",
        "busybox,               docker.io/library/busybox:latest,  true",
        "busybox,               quay.io/x/busybox:latest,          true",
        "busybox,               docker.io/library/busybox:1,       false",
        "busybox:1,             docker.io/library/busybox:1,       true",
        "busybox:1,             localhost/busybox:latest,          false",
        "library/busybox,       docker.io/library/busybox:latest,  true",
        "ybox,                  docker.io/library/busybox:latest,  false",
        "rary/busybox,          docker.io/library/busybox:latest,  false",
        "localhost/busybox,     docker.io/library/busybox:latest,  false",
        "docker.io/busybox,     docker.io/library/busybox:latest,  true",
        "docker.io/busybox:2,   docker.io/library/busybox:latest,  false",
        "quay.io/x/busybox,     quay.io/x/busybox:latest,          true",
    })
    void matchesStoredNamesAsPodman(String query, String stored, boolean expected) {
        assertEquals(expected, ImageReference.parse(query).matches(ImageReference.parse(stored)));
    }

    @Test
    void digestQueryIgnoresTag() {
        assertTrue(ImageReference.parse("busybox@sha256:" + HEX).matches(ImageReference.parse("docker.io/library/busybox:1")));
        assertFalse(ImageReference.parse("other@sha256:" + HEX).matches(ImageReference.parse("docker.io/library/busybox:1")));
    }

    @ParameterizedTest
    @CsvSource({"busybox", "busybox:1.36", "docker.io/busybox", "localhost/app:v1", "127.0.0.1:5000/team/app@sha256:" + HEX,
            "quay.io/a/b:c@sha256:" + HEX, "sha256:" + HEX, HEX})
    void asWrittenGivesTheInputBack(String input) {
        assertEquals(input, ImageReference.parse(input).asWritten());
        assertEquals(ImageReference.parse(input), ImageReference.parse(ImageReference.parse(input).asWritten()));
    }

    @Test
    void localOnlyReferences() {
        assertTrue(ImageReference.parse("localhost/x:1").isLocalOnly(List.of()));
        assertFalse(ImageReference.parse("quay.io/x:1").isLocalOnly(List.of("localhost/x:1")));
        assertFalse(ImageReference.parse("busybox").isLocalOnly(List.of()));
        assertFalse(ImageReference.parse("busybox").isLocalOnly(List.of("docker.io/library/busybox:latest")));
        assertTrue(ImageReference.parse("bb").isLocalOnly(List.of("docker.io/library/bb:latest", "localhost/bb:latest")));
    }

    @Test
    void theStoredNameAReferenceGives() {
        List<String> names = List.of("localhost/first:latest", "docker.io/library/busybox:latest", "docker.io/library/busybox:1.36",
                "quay.io/team/busybox:latest");
        assertEquals(Optional.of("docker.io/library/busybox:latest"), ImageReference.parse("docker.io/library/busybox").nameAmong(names));
        assertEquals(Optional.of("docker.io/library/busybox:1.36"), ImageReference.parse("busybox:1.36").nameAmong(names));
        assertEquals(Optional.of("docker.io/library/busybox:latest"), ImageReference.parse("busybox").nameAmong(names));
        assertEquals(Optional.of("quay.io/team/busybox:latest"), ImageReference.parse("quay.io/team/busybox").nameAmong(names));
        assertEquals(Optional.of("localhost/first:latest"), ImageReference.parse("first").nameAmong(names));
        assertEquals(Optional.empty(), ImageReference.parse("docker.io/library/busybox:1").nameAmong(names), "no prefix match of tags");
        assertEquals(Optional.empty(), ImageReference.parse("box").nameAmong(names), "only at a path boundary");
    }

    @Test
    void imagesListsEveryTagOfARepository() {
        List<String> names = List.of("docker.io/library/busybox:1.36", "quay.io/team/app:v1");
        String digest = "sha256:" + HEX;
        assertTrue(ImageReference.parse("busybox").lists(names, digest), "any tag");
        assertTrue(ImageReference.parse("busybox:1.36").lists(names, digest));
        assertFalse(ImageReference.parse("busybox:latest").lists(names, digest));
        assertTrue(ImageReference.parse("quay.io/team/app").lists(names, digest));
        assertTrue(ImageReference.parse("app@" + digest).lists(names, digest));
        assertFalse(ImageReference.parse("app@sha256:" + "f".repeat(64)).lists(names, digest));
        assertFalse(ImageReference.parse("other").lists(names, digest));
    }
}
