package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
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
}
