package io.jpod.engine;

import io.jpod.error.StateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The engine's small file operations: removing a tree, writing an owner-only file, reading what may be missing. */
final class FileOps {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private FileOps() {
    }

    /** Removes {@code dir} and everything under it (symbolic links are removed, not followed); nothing if it is missing. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StateException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file only its owner can read: a runtime spec holds the environment, Secrets' values included. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        Files.setPosixFilePermissions(file, OWNER_READ_WRITE); // whatever the umask
        Files.writeString(file, text);
    }

    /** The pid in a pid file, or 0 when there is none. */
    static long readPid(Path p) {
        try {
            return Long.parseLong(Files.readString(p).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The lines of a regular file, or none when it is missing or cannot be read. */
    static List<String> readLines(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A file's text, or "" when it is not readable. */
    static String readIfReadable(Path p) throws IOException {
        return Files.isReadable(p) ? Files.readString(p) : "";
    }

    /** The number a file holds (an exit code), or null when it is missing or holds none. */
    static Integer readInt(Path f) {
        try {
            return Files.exists(f) ? Integer.valueOf(Files.readString(f).trim()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
