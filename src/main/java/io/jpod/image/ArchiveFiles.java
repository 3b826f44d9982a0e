package io.jpod.image;

import io.jpod.error.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The files of an image archive (docker-archive, oci-archive), read once from a stream into a
 * scratch directory. Entry names are only keys: each file is stored under a numbered name, so
 * nothing in the archive chooses where anything is written. Symbolic links between entries (as
 * old {@code docker save} writes for repeated layers) are followed within the archive.
 */
final class ArchiveFiles implements AutoCloseable {
    private static final int MAX_LINKS = 16;
    private static final long MAX_METADATA = 64L << 20;

    private final String archive;
    private final Path dir;
    private final Map<String, Path> files = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();

    private ArchiveFiles(String archive, Path dir) {
        this.archive = archive;
        this.dir = dir;
    }

    /** Reads the archive (tar, gzip or not) from {@code in} into a new directory below {@code scratch}. */
    static ArchiveFiles read(InputStream in, String archive, Path scratch) {
        ArchiveFiles a;
        try {
            Files.createDirectories(scratch);
            a = new ArchiveFiles(archive, Files.createTempDirectory(scratch, "archive-"));
        } catch (IOException e) {
            throw new ImageException(archive, archive + ": cannot create a scratch directory in " + scratch + ": " + IoErrors.describe(e), e);
        }
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(LayerStream.open(in, archive).tar(), "UTF-8");
            TarArchiveEntry e;
            int n = 0;
            while ((e = tar.getNextEntry()) != null) {
                String name = normalise(e.getName());
                if (name == null) {
                    continue;
                }
                if (e.isSymbolicLink()) {
                    String base = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
                    String target = e.getLinkName().startsWith("/") ? normalise(e.getLinkName()) : normalise(base + e.getLinkName());
                    a.link(name, target);
                } else if (e.isLink()) {
                    a.link(name, normalise(e.getLinkName()));
                } else if (e.isFile() && !e.isDirectory()) {
                    Path file = a.dir.resolve(Integer.toString(n++));
                    Files.copy(tar, file);
                    a.files.put(name, file);
                    a.links.remove(name);
                }
            }
            return a;
        } catch (IOException | RuntimeException e) {
            a.close();
            if (e instanceof ImageException ie) {
                throw ie;
            }
            throw new ImageException(archive, archive + ": cannot read the archive: " + (e instanceof IOException io ? IoErrors.describe(io) : e.getMessage()), e);
        }
    }

    private void link(String name, String target) {
        files.remove(name);
        if (target != null) {
            links.put(name, target);
        }
    }

    /** An entry name without leading "/" or "./" and with "." and ".." resolved; null if it leaves the archive root. */
    static String normalise(String name) {
        List<String> out = components(name);
        return out == null || out.isEmpty() ? null : String.join("/", out);
    }

    /** The components of an entry name with "", "." and ".." resolved lexically; null if ".." leaves the root. */
    static List<String> components(String name) {
        List<String> out = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else {
                out.add(c);
            }
        }
        return out;
    }

    boolean has(String name) {
        return find(name) != null;
    }

    /** The stored file for entry {@code name}; ImageException when the archive lacks it. */
    Path file(String name) {
        Path p = find(name);
        if (p == null) {
            throw new ImageException(archive, archive + ": the archive has no file \"" + name + "\"");
        }
        return p;
    }

    /** The content of a small entry (a manifest, a configuration). */
    byte[] bytes(String name) {
        Path p = file(name);
        try {
            if (Files.size(p) > MAX_METADATA) {
                throw new ImageException(archive, archive + ": \"" + name + "\" is too large for image metadata");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ImageException(archive, archive + ": cannot read \"" + name + "\": " + IoErrors.describe(e), e);
        }
    }

    private Path find(String name) {
        String n = normalise(name);
        for (int i = 0; n != null && i <= MAX_LINKS; i++) {
            Path p = files.get(n);
            if (p != null) {
                return p;
            }
            n = links.get(n);
        }
        return null;
    }

    String archive() {
        return archive;
    }

    @Override
    public void close() {
        try {
            TarExtractor.deleteTree(dir);
        } catch (IOException e) {
            // a leftover scratch directory is harmless
        }
    }
}
