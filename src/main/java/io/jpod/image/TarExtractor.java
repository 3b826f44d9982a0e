package io.jpod.image;

import io.jpod.events.Events;
import io.jpod.error.ImageException;
import io.jpod.host.Privileges;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one layer tar into a directory, safely: no entry may write outside the destination,
 * nothing is ever written through a symbolic link, and symbolic links are never followed (their
 * targets are left to be resolved inside the container). Whiteouts are stored as overlayfs
 * expects them with the {@code userxattr} mount option: {@code .wh.NAME} becomes a character
 * device 0:0 named NAME, {@code .wh..wh..opq} sets {@code user.overlay.opaque=y} on its directory.
 * While unpacking it computes the layer's diffID (sha256 of the uncompressed tar) and size.
 */
public final class TarExtractor {
    /** What reading a layer blob gave: its diffID, the digest of the blob as stored, and the uncompressed tar size. */
    public record Result(String diffId, String blobDigest, long size) {
    }

    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "overlay.opaque";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Path MKNOD = Path.of("/usr/bin/mknod");

    private final Path root;
    private final Privileges privileges;
    private final Events events;
    /** Whether {@code .wh.} names are overlay whiteouts (a layer), or plain names (files copied in). */
    private final boolean layer;
    private final Map<Path, TarArchiveEntry> directories = new LinkedHashMap<>();
    /** Files copied in: who owns what is unpacked (null: the tar's owners), and whether dir and non-dir may replace each other. */
    private final Owner owner;
    private final boolean overwrite;
    private String archive;
    private boolean ownershipWarned;

    /** An extractor into {@code root} (an existing directory, normally empty). */
    public TarExtractor(Path root, Privileges privileges, Events events) {
        this(root, privileges, events, true);
    }

    private TarExtractor(Path root, Privileges privileges, Events events, boolean layer) {
        this(root, privileges, events, layer, null, true);
    }

    private TarExtractor(Path root, Privileges privileges, Events events, boolean layer, Owner owner, boolean overwrite) {
        this.layer = layer;
        this.owner = owner;
        this.overwrite = overwrite;
        this.root = root.toAbsolutePath().normalize();
        this.privileges = privileges;
        this.events = events;
    }

    /**
     * An extractor of plain files into {@code root} ({@code jpod cp}): the same safety, but a {@code .wh.} name is a
     * file like any other, not a whiteout.
     */
    public static TarExtractor ofFiles(Path root, Privileges privileges, Events events) {
        return new TarExtractor(root, privileges, events, false, null, true);
    }

    /**
     * {@link #ofFiles(Path, Privileges, Events)} where every entry unpacked is owned by {@code owner} (null: as the tar
     * says), and, unless {@code overwrite}, an existing directory is never replaced by a non-directory, nor the reverse.
     */
    public static TarExtractor ofFiles(Path root, Privileges privileges, Events events, Owner owner, boolean overwrite) {
        return new TarExtractor(root, privileges, events, false, owner, overwrite);
    }

    /** The owner files copied in are given (podman's {@code cp --archive}: the container's user). */
    public record Owner(long uid, long gid) {
    }

    /**
     * Unpacks {@code blob} (a tar, gzip-compressed or not) into the destination. {@code archive}
     * names the blob in errors. Throws ImageException for an unsafe or unreadable entry; the
     * destination may then hold part of the layer (callers extract into a scratch directory).
     */
    public Result extract(InputStream blob, String archive) {
        this.archive = archive;
        this.directories.clear();
        try {
            LayerStream layer = LayerStream.open(blob, archive);
            TarArchiveInputStream tar = new TarArchiveInputStream(layer.tar(), "UTF-8");
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                try {
                    unpack(entry, tar);
                } catch (InvalidPathException e) {
                    throw unsafe(entry.getName(), "invalid file name: " + e.getReason());
                }
            }
            finishDirectories();
            return layer.finish();
        } catch (IOException e) {
            throw new ImageException(archive, archive + ": cannot unpack layer: " + IoErrors.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new ImageException(archive, archive + ": corrupt layer: " + e.getMessage(), e);
        }
    }

    /** Reads {@code blob} through without unpacking it: its digests and size. */
    public static Result digest(InputStream blob, String archive) {
        try {
            return LayerStream.open(blob, archive).finish();
        } catch (IOException e) {
            throw new ImageException(archive, archive + ": cannot read layer: " + IoErrors.describe(e), e);
        }
    }

    private void unpack(TarArchiveEntry e, InputStream content) throws IOException {
        String name = e.getName();
        List<String> parts = components(name);
        String base = parts.isEmpty() ? "" : parts.get(parts.size() - 1);
        if (layer && base.startsWith(WHITEOUT_PREFIX)) {
            whiteout(e, parts, base);
            return;
        }
        if (parts.isEmpty()) {
            if (!e.isDirectory()) {
                throw unsafe(name, "only a directory may stand for the layer root");
            }
            directories.put(root, e);
            return;
        }
        Path parent = parentDirectory(parts, name);
        Path target = parent.resolve(base);
        if (!overwrite) {
            refuseReplacing(target, e);
        }
        if (e.isDirectory()) {
            BasicFileAttributes existing = lstat(target);
            if (existing != null && !(existing.isDirectory() && !existing.isSymbolicLink())) {
                remove(target);
                existing = null;
            }
            if (existing == null) {
                Files.createDirectory(target);
            }
            directories.put(target, e);
        } else if (e.isSymbolicLink()) {
            String link = e.getLinkName();
            if (link == null || link.isEmpty()) {
                throw unsafe(name, "symbolic link with an empty target");
            }
            remove(target);
            Files.createSymbolicLink(target, path(link, name));
            setOwner(target, e);
            setTime(target, e, true);
        } else if (e.isLink()) {
            Path existing = hardlinkTarget(e.getLinkName(), name);
            if (existing.equals(target)) {
                return;
            }
            remove(target);
            Files.createLink(target, existing);
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            boolean whiteoutNode = e.isCharacterDevice() && e.getDevMajor() == 0 && e.getDevMinor() == 0;
            if (!whiteoutNode && !privileges.realRoot()) {
                events.warning(archive + ": skipping device node \"" + name + "\" (device nodes can only be created by real root)");
                return;
            }
            remove(target);
            String type = e.isFIFO() ? "p" : e.isBlockDevice() ? "b" : "c";
            mknod(target, type, e.getDevMajor(), e.getDevMinor(), name);
            setOwner(target, e);
            setMode(target, e);
            // no setTime: Java sets times through open(2), which blocks on a FIFO and may act on a device
        } else if (e.isFile()) {
            remove(target);
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW)) {
                content.transferTo(out);
            }
            setOwner(target, e);
            setMode(target, e);
            setTime(target, e, false);
        } else {
            events.warning(archive + ": skipping \"" + name + "\": unsupported tar entry type '" + (char) e.getLinkFlag() + "'");
        }
    }

    private void whiteout(TarArchiveEntry e, List<String> parts, String base) throws IOException {
        String name = e.getName();
        List<String> dirParts = parts.subList(0, parts.size() - 1);
        if (base.equals(OPAQUE_MARKER)) {
            Path dir = directory(dirParts, name);
            Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class, NOFOLLOW)
                    .write(OPAQUE_XATTR, ByteBuffer.wrap("y".getBytes(StandardCharsets.US_ASCII)));
            return;
        }
        if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
            events.debug(archive + ": ignoring aufs metadata \"" + name + "\"");
            return;
        }
        String hidden = base.substring(WHITEOUT_PREFIX.length());
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
            throw unsafe(name, "invalid whiteout name");
        }
        Path target = directory(dirParts, name).resolve(hidden);
        remove(target);
        mknod(target, "c", 0, 0, name);
    }

    /** The lexically normalised components of an entry name; refuses absolute names and names escaping the root. */
    private List<String> components(String name) {
        if (name.startsWith("/")) {
            throw unsafe(name, "absolute path");
        }
        if (name.indexOf('\0') >= 0) {
            throw unsafe(name, "NUL character in path");
        }
        List<String> out = ArchiveFiles.components(name);
        if (out == null) {
            throw unsafe(name, "path escapes the destination");
        }
        return out;
    }

    /** The parent directory of an entry, creating missing directories; refuses a parent that is a symlink or not a directory. */
    private Path parentDirectory(List<String> parts, String name) throws IOException {
        return directory(parts.subList(0, parts.size() - 1), name);
    }

    /** The directory {@code parts} below the root, creating what is missing; no component may be a symlink or non-directory. */
    private Path directory(List<String> parts, String name) throws IOException {
        Path p = root;
        for (String c : parts) {
            p = p.resolve(c);
            BasicFileAttributes a = lstat(p);
            if (a == null) {
                Files.createDirectory(p);
            } else if (a.isSymbolicLink()) {
                throw unsafe(name, "would be written through the symbolic link \"" + root.relativize(p) + "\"");
            } else if (!a.isDirectory()) {
                throw unsafe(name, "\"" + root.relativize(p) + "\" is not a directory");
            }
        }
        return p;
    }

    /** The existing file a hardlink points to: inside the root, reached without symlinks, not a directory. */
    private Path hardlinkTarget(String link, String name) throws IOException {
        if (link == null || link.isEmpty()) {
            throw unsafe(name, "hard link with an empty target");
        }
        List<String> parts;
        try {
            parts = components(link);
        } catch (ImageException ex) {
            throw unsafe(name, "hard link target \"" + link + "\" is outside the destination");
        }
        if (parts.isEmpty()) {
            throw unsafe(name, "hard link to the layer root");
        }
        Path p = root;
        for (int i = 0; i < parts.size(); i++) {
            p = p.resolve(parts.get(i));
            BasicFileAttributes a = lstat(p);
            boolean last = i == parts.size() - 1;
            if (a == null) {
                throw unsafe(name, "hard link target \"" + link + "\" does not exist");
            }
            if (!last && a.isSymbolicLink()) {
                throw unsafe(name, "hard link target \"" + link + "\" goes through the symbolic link \"" + root.relativize(p) + "\"");
            }
            if (!last && !a.isDirectory()) {
                throw unsafe(name, "hard link target \"" + link + "\": \"" + root.relativize(p) + "\" is not a directory");
            }
            if (last && a.isDirectory() && !a.isSymbolicLink()) {
                throw unsafe(name, "hard link target \"" + link + "\" is a directory");
            }
        }
        return p;
    }

    /** Removes whatever is at {@code p} (a directory with its contents), never following symlinks. */
    private void remove(Path p) throws IOException {
        BasicFileAttributes a = lstat(p);
        if (a == null) {
            return;
        }
        if (a.isDirectory() && !a.isSymbolicLink()) {
            directories.keySet().removeIf(d -> d.startsWith(p));
            deleteTree(p);
        } else {
            Files.delete(p);
        }
    }

    /** Deletes a directory tree without following symbolic links. */
    static void deleteTree(Path dir) throws IOException {
        if (lstat(dir) == null) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void finishDirectories() throws IOException {
        List<Map.Entry<Path, TarArchiveEntry>> dirs = new ArrayList<>(directories.entrySet());
        dirs.sort(Comparator.comparingInt((Map.Entry<Path, TarArchiveEntry> d) -> d.getKey().getNameCount()).reversed());
        for (Map.Entry<Path, TarArchiveEntry> d : dirs) {
            BasicFileAttributes a = lstat(d.getKey());
            if (a != null && a.isDirectory() && !a.isSymbolicLink()) {
                setOwner(d.getKey(), d.getValue());
                setMode(d.getKey(), d.getValue());
                setTime(d.getKey(), d.getValue(), false);
            }
        }
        directories.clear();
    }

    /** Refuses an entry that would replace a directory by a non-directory, or the reverse. */
    private void refuseReplacing(Path target, TarArchiveEntry e) throws IOException {
        BasicFileAttributes existing = lstat(target);
        if (existing != null && existing.isDirectory() != e.isDirectory()) {
            throw new ImageException(archive, archive + ": refusing to replace " + (existing.isDirectory() ? "directory" : "non-directory")
                    + " \"" + e.getName() + "\" by a " + (e.isDirectory() ? "directory" : "non-directory"));
        }
    }

    private void setOwner(Path p, TarArchiveEntry e) throws IOException {
        long uid = owner == null ? e.getLongUserId() : owner.uid();
        long gid = owner == null ? e.getLongGroupId() : owner.gid();
        if (privileges.uid0() && uid == 0 && gid == 0) {
            return; // what we create is already owned by 0:0
        }
        try {
            Files.setAttribute(p, "unix:uid", (int) uid, NOFOLLOW);
            Files.setAttribute(p, "unix:gid", (int) gid, NOFOLLOW);
        } catch (IOException | UnsupportedOperationException ex) {
            if (privileges.uid0()) {
                throw new ImageException(archive, archive + ": cannot set the owner of \"" + e.getName() + "\" to " + uid + ":" + gid
                        + ": " + (ex instanceof IOException io ? IoErrors.reason(io) : ex.getMessage()) + " (are enough uids and gids mapped in the user namespace?)", ex);
            }
            if (!ownershipWarned) {
                ownershipWarned = true;
                events.warning(archive + ": cannot apply file ownership (not running as uid 0); files are owned by the current user");
            }
        }
    }

    private static void setMode(Path p, TarArchiveEntry e) throws IOException {
        Files.setAttribute(p, "unix:mode", e.getMode() & 07777);
    }

    private static void setTime(Path p, TarArchiveEntry e, boolean symlink) throws IOException {
        try {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(e.getLastModifiedTime(), null, null);
        } catch (IOException | UnsupportedOperationException ex) {
            if (!symlink) {
                throw ex;
            }
        }
    }

    private void mknod(Path p, String type, int major, int minor, String name) {
        List<String> cmd = new ArrayList<>(List.of(MKNOD.toString(), p.toString(), type));
        if (!type.equals("p")) {
            cmd.add(Integer.toString(major));
            cmd.add(Integer.toString(minor));
        }
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            proc.getOutputStream().close();
            String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!proc.waitFor(60, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new ImageException(archive, archive + ": mknod for \"" + name + "\" did not finish");
            }
            if (proc.exitValue() != 0) {
                throw new ImageException(archive, archive + ": cannot create \"" + name + "\": " + output);
            }
        } catch (IOException ex) {
            throw new ImageException(archive, archive + ": cannot run " + MKNOD + " for \"" + name + "\": " + IoErrors.describe(ex), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ImageException(archive, archive + ": interrupted while creating \"" + name + "\"", ex);
        }
    }

    private Path path(String s, String name) {
        try {
            return Path.of(s);
        } catch (InvalidPathException ex) {
            throw unsafe(name, "invalid path \"" + s + "\"");
        }
    }

    private ImageException unsafe(String entry, String why) {
        return new ImageException(archive, archive + ": refusing tar entry \"" + entry + "\": " + why);
    }
}
