package io.jpod.image;

import io.jpod.error.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A file or a directory tree written as a tar stream ({@code jpod cp}): symbolic links are stored as links, never
 * followed; sockets and devices are left out. Entries are named below a name of the caller's choosing, so that
 * extracting the stream where the copy goes gives the copy its name.
 *
 * @param keepOwners whether entries keep their owners' numbers, or are owned by 0:0 (what the reader owns)
 */
public record TreeArchive(boolean keepOwners) {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /**
     * Writes {@code source} as entries named {@code name} (its contents at the top when {@code name} is empty: a
     * directory's {@code /.}) to {@code out}, which is finished but not closed.
     */
    public void write(Path source, String name, OutputStream out) {
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String entry = entryName(source, dir, name);
                    if (!entry.isEmpty()) {
                        add(tar, dir, entry + "/", attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                        add(tar, file, entryName(source, file, name), attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            tar.finish();
            tar.flush();
        } catch (IOException e) {
            throw new ImageException(source.toString(), "cannot archive " + source + ": " + IoErrors.describe(e), e);
        }
    }

    private static String entryName(Path source, Path p, String name) {
        String rel = source.relativize(p).toString();
        if (name.isEmpty()) {
            return rel;
        }
        return rel.isEmpty() ? name : name + "/" + rel;
    }

    private void add(TarArchiveOutputStream tar, Path p, String entryName, BasicFileAttributes attrs) throws IOException {
        TarArchiveEntry e;
        if (attrs.isSymbolicLink()) {
            e = new TarArchiveEntry(entryName, TarConstants.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(p).toString());
        } else {
            e = new TarArchiveEntry(entryName);
            if (attrs.isRegularFile()) {
                e.setSize(attrs.size());
            }
        }
        e.setMode(((Number) Files.getAttribute(p, "unix:mode", NOFOLLOW)).intValue() & 07777);
        e.setModTime(attrs.lastModifiedTime());
        if (keepOwners) {
            e.setUserId(((Number) Files.getAttribute(p, "unix:uid", NOFOLLOW)).longValue());
            e.setGroupId(((Number) Files.getAttribute(p, "unix:gid", NOFOLLOW)).longValue());
        }
        tar.putArchiveEntry(e);
        if (attrs.isRegularFile()) {
            try (InputStream in = Files.newInputStream(p, NOFOLLOW)) {
                long copied = in.transferTo(tar);
                if (copied != attrs.size()) {
                    throw new IOException(p + " changed while it was copied");
                }
            }
        }
        tar.closeArchiveEntry();
    }
}
