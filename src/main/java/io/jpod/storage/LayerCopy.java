package io.jpod.storage;

import io.jpod.error.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The copy storage driver: layers applied one over another into a plain directory, reading the
 * overlay-style whiteouts the layer store writes (a 0:0 character device deletes, a directory with
 * {@code user.overlay.opaque=y} hides what lower layers had in it). Slow, but needs no mount.
 */
final class LayerCopy {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private LayerCopy() {
    }

    /** Applies {@code lowerDirs} (top layer first, as for overlay) into {@code dest}. */
    static void flatten(String container, List<Path> lowerDirs, Path dest) {
        List<Path> bottomUp = new ArrayList<>(lowerDirs);
        Collections.reverse(bottomUp);
        try {
            for (Path layer : bottomUp) {
                apply(layer, dest);
            }
        } catch (IOException e) {
            throw new RuntimeFailureException(container, "cannot copy the layers of " + container + ": " + e.getMessage(), e);
        }
    }

    private static void apply(Path layer, Path dest) throws IOException {
        Files.walkFileTree(layer, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = dest.resolve(layer.relativize(dir).toString());
                if (Files.isSymbolicLink(target) || (Files.exists(target, NOFOLLOW) && !Files.isDirectory(target, NOFOLLOW))) {
                    Files.delete(target);
                }
                if (Whiteouts.opaque(dir) && Files.isDirectory(target, NOFOLLOW)) {
                    deleteTree(target);
                }
                if (!Files.exists(target, NOFOLLOW)) {
                    Files.copy(dir, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                copyOwner(dir, target);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = dest.resolve(layer.relativize(file).toString());
                if (Files.isDirectory(target, NOFOLLOW)) {
                    deleteTree(target);
                }
                if (Whiteouts.isWhiteout(file)) {
                    if (Files.exists(target, NOFOLLOW)) {
                        deleteTree(target);
                    }
                    return FileVisitResult.CONTINUE;
                }
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                copyOwner(file, target);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copyOwner(Path from, Path to) throws IOException {
        Object uid = Files.getAttribute(from, "unix:uid", NOFOLLOW);
        Object gid = Files.getAttribute(from, "unix:gid", NOFOLLOW);
        try {
            Files.setAttribute(to, "unix:uid", uid, NOFOLLOW);
            Files.setAttribute(to, "unix:gid", gid, NOFOLLOW);
            if (!Files.isSymbolicLink(to)) {
                Files.setAttribute(to, "unix:mode", Files.getAttribute(from, "unix:mode", NOFOLLOW));
            }
        } catch (IOException | SecurityException e) {
            // owners cannot be kept without privileges in the user namespace; the copy stays usable
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
