package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.events.Events;
import io.jpod.error.ImageException;
import io.jpod.host.Privileges;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TarExtractorTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    @TempDir
    Path base;
    Path dest;
    Path outside;
    Path victim;
    final List<String> warnings = new ArrayList<>();
    final Events events = warnings::add;

    @BeforeEach
    void dirs() throws IOException {
        dest = Files.createDirectory(base.resolve("dest"));
        outside = Files.createDirectory(base.resolve("outside"));
        victim = Files.createDirectory(base.resolve("victim"));
        Files.writeString(victim.resolve("secret"), "secret");
    }

    private TarExtractor.Result extract(byte[] tar) {
        return new TarExtractor(dest, Privileges.current(), events).extract(new ByteArrayInputStream(tar), "test.tar");
    }

    /** Hostile layers: each must be refused, and nothing may appear outside the destination. */
    static Stream<Arguments> hostile() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(hostileCase("parent escape", t -> new TestTar().file("../x", "x")));
        cases.add(hostileCase("parent escape into sibling", t -> new TestTar().file("../outside/x", "x")));
        cases.add(hostileCase("absolute path", t -> new TestTar().file("/abs", "x")));
        cases.add(hostileCase("absolute path to outside", t -> new TestTar().file(t.outside + "/x", "x")));
        cases.add(hostileCase("dot-dot after a component", t -> new TestTar().file("a/../../x", "x")));
        cases.add(hostileCase("dot-dot after a component into sibling", t -> new TestTar().dir("a", 0755).file("a/../../outside/x", "x")));
        cases.add(hostileCase("write through absolute symlink", t -> new TestTar().symlink("link", t.outside.toString()).file("link/file", "x")));
        cases.add(hostileCase("write through symlink to /tmp", t -> new TestTar().symlink("link", "/tmp").file("link/file", "x")));
        cases.add(hostileCase("write through symlink to ..", t -> new TestTar().symlink("up", "..").file("up/outside/file", "x")));
        cases.add(hostileCase("write through relative symlink", t -> new TestTar().symlink("up", "../outside").file("up/file", "x")));
        cases.add(hostileCase("directory through symlink", t -> new TestTar().symlink("link", t.outside.toString()).dir("link/sub", 0755)));
        cases.add(hostileCase("symlink through symlink", t -> new TestTar().symlink("link", t.outside.toString()).symlink("link/l2", "/")));
        cases.add(hostileCase("nested symlink parent", t -> new TestTar().dir("a", 0755).symlink("a/b", t.outside.toString())
                .file("a/b/c/file", "x")));
        cases.add(hostileCase("dir replaced by symlink then written", t -> new TestTar().dir("d", 0755).symlink("d", t.outside.toString())
                .file("d/file", "x")));
        cases.add(hostileCase("hardlink to /etc/passwd", t -> new TestTar().hardlink("passwd", "/etc/passwd")));
        cases.add(hostileCase("hardlink to ../outside", t -> new TestTar().hardlink("h", "../victim/secret")));
        cases.add(hostileCase("hardlink through symlink", t -> new TestTar().symlink("link", t.victim.toString()).hardlink("h", "link/secret")));
        cases.add(hostileCase("hardlink to missing file", t -> new TestTar().hardlink("h", "nothing")));
        cases.add(hostileCase("whiteout of ..", t -> new TestTar().dir("a", 0755).file("a/.wh...", "")));
        cases.add(hostileCase("whiteout through symlink", t -> new TestTar().symlink("link", t.outside.toString()).file("link/.wh.x", "")));
        cases.add(hostileCase("opaque marker through symlink", t -> new TestTar().symlink("link", t.outside.toString())
                .file("link/.wh..wh..opq", "")));
        cases.add(hostileCase("device through symlink", t -> new TestTar().symlink("link", t.outside.toString())
                .device("link/null", TarConstants.LF_CHR, 1, 3)));
        cases.add(hostileCase("root replaced by a file", t -> new TestTar().file(".", "x")));
        return cases.stream();
    }

    private static Arguments hostileCase(String name, Function<TarExtractorTest, TestTar> tar) {
        return Arguments.of(name, tar);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesHostileEntries(String name, Function<TarExtractorTest, TestTar> tar) throws IOException {
        byte[] archive = tar.apply(this).bytes();
        ImageException e = assertThrows(ImageException.class, () -> extract(archive));
        assertTrue(e.getMessage().startsWith("test.tar: "), e.getMessage());
        assertNothingOutside();
    }

    @Test
    void refusesWritingThroughASymlinkFromAnEarlierLayer() throws IOException {
        extract(new TestTar().symlink("lib", outside.toString()).symlink("rel", "../outside").bytes());
        assertThrows(ImageException.class, () -> extract(new TestTar().file("lib/evil", "x").bytes()));
        assertThrows(ImageException.class, () -> extract(new TestTar().file("rel/evil", "x").bytes()));
        assertThrows(ImageException.class, () -> extract(new TestTar().file("lib/.wh..wh..opq", "").bytes()));
        assertNothingOutside();
    }

    private static int mode(Path p) throws IOException {
        return (int) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
    }

    private void assertNothingOutside() throws IOException {
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(), s.toList());
        }
        try (Stream<Path> s = Files.list(victim)) {
            assertEquals(List.of(victim.resolve("secret")), s.toList());
        }
        assertEquals(1, (int) Files.getAttribute(victim.resolve("secret"), "unix:nlink"));
        assertEquals(List.of("dest", "outside", "victim"), Files.list(base).map(p -> p.getFileName().toString()).sorted().toList());
        assertFalse(Files.exists(Path.of("/abs")));
    }

    @Test
    void symlinksKeepTheirTargetAndAreNeverFollowed() throws IOException {
        FileTime secretTime = Files.getLastModifiedTime(victim.resolve("secret"));
        extract(new TestTar().symlink("link", outside.toString()).file("link", "replaced").symlink("etc", "/etc")
                .symlink("abs", "/etc/passwd", 1000, 1001).symlink("secret", victim.resolve("secret").toString(), 1000, 1000).bytes());
        assertEquals(secretTime, Files.getLastModifiedTime(victim.resolve("secret")), "times are set on the link, not its target");
        assertEquals(0, (int) Files.getAttribute(victim.resolve("secret"), "unix:uid"), "owners are set on the link, not its target");
        assertEquals(1000, (int) Files.getAttribute(dest.resolve("secret"), "unix:uid", NOFOLLOW));
        assertTrue(Files.isRegularFile(dest.resolve("link"), NOFOLLOW));
        assertEquals("replaced", Files.readString(dest.resolve("link")));
        assertEquals(Path.of("/etc"), Files.readSymbolicLink(dest.resolve("etc")));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(dest.resolve("abs")));
        assertEquals(1000, (int) Files.getAttribute(dest.resolve("abs"), "unix:uid", NOFOLLOW));
        assertEquals(1001, (int) Files.getAttribute(dest.resolve("abs"), "unix:gid", NOFOLLOW));
        assertEquals(0, (int) Files.getAttribute(Path.of("/etc/passwd"), "unix:uid"));
        assertNothingOutside();
    }

    @Test
    void unpacksDirectoriesFilesModesOwnersAndTimes() throws IOException {
        byte[] tar = new TestTar()
                .dir("./", 0755)
                .dir("bin", 0750, 10, 20)
                .file("bin/su", "su".getBytes(StandardCharsets.UTF_8), 04755, 0, 0)
                .file("bin/sg", "sg".getBytes(StandardCharsets.UTF_8), 02711, 1234, 5678)
                .dir("tmp", 01777)
                .file("deep/er/file", "deep".getBytes(StandardCharsets.UTF_8), 0600, 65534, 65534)
                .hardlink("bin/su2", "bin/su")
                .bytes();
        TarExtractor.Result r = extract(tar);

        assertEquals(0750, mode(dest.resolve("bin")));
        assertEquals(10, (int) Files.getAttribute(dest.resolve("bin"), "unix:uid"));
        assertEquals(20, (int) Files.getAttribute(dest.resolve("bin"), "unix:gid"));
        assertEquals(04755, mode(dest.resolve("bin/su")));
        assertEquals(02711, mode(dest.resolve("bin/sg")));
        assertEquals(1234, (int) Files.getAttribute(dest.resolve("bin/sg"), "unix:uid"));
        assertEquals(5678, (int) Files.getAttribute(dest.resolve("bin/sg"), "unix:gid"));
        assertEquals(01777, mode(dest.resolve("tmp")));
        assertEquals(0600, mode(dest.resolve("deep/er/file")));
        assertEquals(65534, (int) Files.getAttribute(dest.resolve("deep/er/file"), "unix:uid"));
        assertEquals(0755, mode(dest.resolve("deep")), "implicit parents get 0755");
        assertEquals("deep", Files.readString(dest.resolve("deep/er/file")));
        assertEquals(FileTime.from(TestTar.MTIME), Files.getLastModifiedTime(dest.resolve("bin/sg")));
        assertEquals(FileTime.from(TestTar.MTIME), Files.getLastModifiedTime(dest.resolve("bin")), "directory times are set after their content");
        assertTrue(Files.isSameFile(dest.resolve("bin/su"), dest.resolve("bin/su2")));
        assertEquals(2, (int) Files.getAttribute(dest.resolve("bin/su"), "unix:nlink"));

        assertEquals(Digests.digestOf(tar), r.diffId());
        assertEquals(Digests.digestOf(tar), r.blobDigest());
        assertEquals(tar.length, r.size());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void gzipLayersAreDetectedAndBothDigestsComputed() throws IOException {
        byte[] tar = new TestTar().file("a", "hello").bytes();
        byte[] gz = TestTar.gzip(tar);
        TarExtractor.Result r = extract(gz);
        assertEquals("hello", Files.readString(dest.resolve("a")));
        assertEquals(Digests.digestOf(tar), r.diffId());
        assertEquals(Digests.digestOf(gz), r.blobDigest());
        assertEquals(tar.length, r.size());
        assertEquals(r, TarExtractor.digest(new ByteArrayInputStream(gz), "x"));
    }

    @Test
    void zstdLayersAreUnpackedWithBothDigests() throws IOException {
        byte[] tar = new TestTar().dir("etc", 0755).file("etc/a", "hello zstd").file("b", "x".repeat(100_000)).bytes();
        byte[] zst = TestTar.zstd(tar);
        assertEquals(0x28, zst[0] & 0xff, "a zstd frame");
        TarExtractor.Result r = extract(zst);
        assertEquals("hello zstd", Files.readString(dest.resolve("etc/a")));
        assertEquals(100_000, Files.size(dest.resolve("b")));
        assertEquals(Digests.digestOf(tar), r.diffId());
        assertEquals(Digests.digestOf(zst), r.blobDigest());
        assertEquals(tar.length, r.size());
        assertEquals(r, TarExtractor.digest(new ByteArrayInputStream(zst), "x"));
    }

    @Test
    void zstdFramesOneAfterTheOtherAndSkippableFramesMakeOneLayer() throws IOException {
        byte[] tar = new TestTar().file("a", "first").file("b", "second").bytes();
        int half = 1024;
        byte[] skippable = {0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, 1, 2, 3, 4};
        java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
        blob.write(TestTar.zstd(java.util.Arrays.copyOfRange(tar, 0, half)));
        blob.write(TestTar.zstd(java.util.Arrays.copyOfRange(tar, half, tar.length)));
        blob.write(skippable);
        TarExtractor.Result r = extract(blob.toByteArray());
        assertEquals("second", Files.readString(dest.resolve("b")));
        assertEquals(Digests.digestOf(tar), r.diffId());
        assertEquals(Digests.digestOf(blob.toByteArray()), r.blobDigest());
    }

    @Test
    void aTruncatedOrDamagedZstdLayerIsAnError() {
        byte[] zst = TestTar.zstd(new TestTar().file("a", "y".repeat(50_000)).file("b", "z").bytes());
        byte[] truncated = java.util.Arrays.copyOf(zst, zst.length - 8);
        assertThrows(ImageException.class, () -> extract(truncated));
        byte[] damaged = zst.clone();
        damaged[damaged.length - 2] ^= 0x55; // in the frame's checksum
        ImageException e = assertThrows(ImageException.class, () -> extract(damaged));
        assertTrue(e.getMessage().contains("test.tar"), e.getMessage());
    }

    @Test
    void laterEntriesReplaceEarlierOnes() throws IOException {
        extract(new TestTar()
                .file("f", "one").file("f", "two")
                .dir("d", 0755).file("d/inner", "x").file("d", "now a file")
                .file("s", "file").symlink("s", "target")
                .dir("keep", 0700).file("keep/a", "a").dir("keep", 0755)
                .bytes());
        assertEquals("two", Files.readString(dest.resolve("f")));
        assertEquals("now a file", Files.readString(dest.resolve("d")));
        assertEquals(Path.of("target"), Files.readSymbolicLink(dest.resolve("s")));
        assertEquals("a", Files.readString(dest.resolve("keep/a")), "a directory entry over a directory keeps its content");
        assertEquals(0755, mode(dest.resolve("keep")));
    }

    @Test
    void whiteoutsBecomeOverlayWhiteoutsAndOpaqueDirectories() throws IOException {
        extract(new TestTar()
                .dir("etc", 0755)
                .file("etc/.wh.passwd", "")
                .file("etc/old", "x").file("etc/.wh.old", "")
                .file("var/lib/.wh..wh..opq", "")
                .file(".wh..wh.plnk", "")
                .bytes());
        Path wh = dest.resolve("etc/passwd");
        assertEquals(S_IFCHR, (int) Files.getAttribute(wh, "unix:mode", NOFOLLOW) & S_IFMT);
        assertEquals(0L, (long) Files.getAttribute(wh, "unix:rdev", NOFOLLOW));
        assertEquals(S_IFCHR, (int) Files.getAttribute(dest.resolve("etc/old"), "unix:mode", NOFOLLOW) & S_IFMT);
        assertFalse(Files.exists(dest.resolve("etc/.wh.passwd"), NOFOLLOW));
        UserDefinedFileAttributeView x = Files.getFileAttributeView(dest.resolve("var/lib"), UserDefinedFileAttributeView.class);
        ByteBuffer buf = ByteBuffer.allocate(x.size("overlay.opaque"));
        x.read("overlay.opaque", buf);
        assertArrayEquals("y".getBytes(StandardCharsets.US_ASCII), buf.array());
        assertFalse(Files.exists(dest.resolve("var/lib/.wh..wh..opq"), NOFOLLOW));
        assertFalse(Files.exists(dest.resolve(".wh..wh.plnk"), NOFOLLOW));
    }

    @Test
    void deviceNodesAsRealRootOtherwiseSkippedWithAWarning() throws IOException {
        byte[] tar = new TestTar().device("dev/null", TarConstants.LF_CHR, 1, 3).device("dev/fifo", TarConstants.LF_FIFO, 0, 0)
                .device("dev/wh", TarConstants.LF_CHR, 0, 0).bytes();
        new TarExtractor(dest, new Privileges(true, false), events).extract(new ByteArrayInputStream(tar), "test.tar");
        assertFalse(Files.exists(dest.resolve("dev/null"), NOFOLLOW));
        assertFalse(Files.exists(dest.resolve("dev/fifo"), NOFOLLOW));
        assertEquals(S_IFCHR, (int) Files.getAttribute(dest.resolve("dev/wh"), "unix:mode", NOFOLLOW) & S_IFMT, "0:0 is a whiteout");
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("dev/null"), warnings.get(0));

        if (Privileges.current().realRoot()) {
            Path root2 = Files.createDirectory(base.resolve("dest2"));
            new TarExtractor(root2, Privileges.current(), events).extract(new ByteArrayInputStream(tar), "test.tar");
            Map<String, Object> a = Files.readAttributes(root2.resolve("dev/null"), "unix:mode,rdev", NOFOLLOW);
            assertEquals(S_IFCHR, (int) a.get("mode") & S_IFMT);
            assertEquals(0600, (int) a.get("mode") & 07777);
            assertEquals((1L << 8) | 3, (long) a.get("rdev"));
            assertEquals(S_IFIFO, (int) Files.getAttribute(root2.resolve("dev/fifo"), "unix:mode", NOFOLLOW) & S_IFMT);
        }
    }
}
