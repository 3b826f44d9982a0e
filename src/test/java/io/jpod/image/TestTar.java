package io.jpod.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar archives in memory for tests, including entries no sane tool would write. */
final class TestTar {
    static final Instant MTIME = Instant.parse("2020-02-03T04:05:06Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    TestTar() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    TestTar dir(String name, int mode) {
        return dir(name, mode, 0, 0);
    }

    TestTar dir(String name, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        e.setMode(mode);
        owner(e, uid, gid);
        return add(e, null);
    }

    TestTar file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
    }

    TestTar file(String name, byte[] content, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(mode);
        e.setSize(content.length);
        owner(e, uid, gid);
        return add(e, content);
    }

    TestTar symlink(String name, String target) {
        return symlink(name, target, 0, 0);
    }

    TestTar symlink(String name, String target, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        e.setMode(0777);
        owner(e, uid, gid);
        return add(e, null);
    }

    TestTar hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        e.setMode(0644);
        return add(e, null);
    }

    TestTar device(String name, byte type, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(0600);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return add(e, null);
    }

    private static void owner(TarArchiveEntry e, int uid, int gid) {
        e.setUserId(uid);
        e.setGroupId(gid);
    }

    private TestTar add(TarArchiveEntry e, byte[] content) {
        e.setModTime(FileTime.from(MTIME));
        try {
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    /** The finished archive. */
    byte[] bytes() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
            gz.write(data);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /**
     * {@code data} compressed by the {@code zstd} program (a prerequisite, in scripts/host-packages.txt),
     * as image builders write zstd layers: one frame with a checksum.
     */
    static byte[] zstd(byte[] data) {
        try {
            Process p = new ProcessBuilder("zstd", "-q", "-c", "--check", "-3").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Thread feed = new Thread(() -> {
                try (var in = p.getOutputStream()) {
                    in.write(data);
                } catch (IOException ex) {
                    // the process failed; its exit code says so
                }
            });
            feed.start();
            byte[] out = p.getInputStream().readAllBytes();
            feed.join();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("zstd exited with " + p.exitValue());
            }
            return out;
        } catch (IOException ex) {
            throw new UncheckedIOException("the zstd program is a prerequisite of the tests (apt-get install zstd)", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
