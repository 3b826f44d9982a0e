package io.jpod.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPathTest {
    @TempDir
    Path root;

    @Test
    void dotDotStopsAtTheRoot() {
        assertEquals(root.resolve("tmp/x"), RootPath.resolve(root, "/../../../tmp/x"));
        assertEquals(root.resolve("x"), RootPath.resolve(root, "a/../../x"));
    }

    @Test
    void anAbsoluteLinkIsFollowedInsideTheRoot() throws Exception {
        Files.createDirectories(root.resolve("tmp"));
        Files.createSymbolicLink(root.resolve("tmp/evil"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("tmp/shadow"), Path.of("/etc/shadow"));
        assertEquals(root.resolve("etc/passwd"), RootPath.resolve(root, "/tmp/evil/etc/passwd"));
        assertEquals(root.resolve("etc/shadow"), RootPath.resolve(root, "/tmp/shadow"));
    }

    @Test
    void aRelativeLinkClimbingOutStaysInside() throws Exception {
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("a/b/up"), Path.of("../../../../../home"));
        assertEquals(root.resolve("home/x"), RootPath.resolve(root, "/a/b/up/x"));
    }

    @Test
    void theParentFormKeepsTheLastLink() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), Path.of("/etc"));
        assertEquals(root.resolve("link"), RootPath.resolveParent(root, "/link"));
        assertEquals(root.resolve("etc"), RootPath.resolve(root, "/link"));
    }

    @Test
    void aLinkLoopIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("loop"), Path.of("/loop"));
        org.junit.jupiter.api.Assertions.assertThrows(io.jpod.error.InvalidInputException.class, () -> RootPath.resolve(root, "/loop/x"));
    }
}
