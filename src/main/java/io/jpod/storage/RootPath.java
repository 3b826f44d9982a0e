package io.jpod.storage;

import io.jpod.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A path of a container resolved on the host below the container's root, as the container would see it: {@code ..}
 * never climbs above the root and a symbolic link, absolute or relative, is followed inside the root, never to the
 * host's files (what securejoin does for podman).
 */
public final class RootPath {
    private static final int MAX_LINKS = 40;

    private RootPath() {
    }

    /** {@code inContainer} (absolute or relative to /) resolved below {@code root}, every symbolic link followed. */
    public static Path resolve(Path root, String inContainer) {
        return walk(MountedTree.of(root), inContainer, true).host();
    }

    /**
     * {@code inContainer} located in {@code tree}, every symbolic link followed as the container sees it: a link in a
     * volume may lead back into the root or into another volume, and never out of what the container sees.
     */
    public static MountedTree.Location locate(MountedTree tree, String inContainer) {
        return walk(tree, inContainer, true);
    }

    /** {@link #locate} with the last component kept as it is (see {@link #resolveParent}). */
    public static MountedTree.Location locateParent(MountedTree tree, String inContainer) {
        return walk(tree, inContainer, false);
    }

    /**
     * {@code inContainer} below {@code root} with its parent resolved and its last component kept as it is, so that a
     * symbolic link named there is the link itself (what {@code cp} copies out).
     */
    public static Path resolveParent(Path root, String inContainer) {
        return walk(MountedTree.of(root), inContainer, false).host();
    }

    private static MountedTree.Location walk(MountedTree tree, String inContainer, boolean followLast) {
        Deque<String> todo = new ArrayDeque<>(MountedTree.components(inContainer));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(c);
            Path p = tree.locate(done).host();
            done.remove(done.size() - 1);
            boolean last = todo.isEmpty();
            if ((!last || followLast) && Files.isSymbolicLink(p)) {
                if (++links > MAX_LINKS) {
                    throw new InvalidInputException(inContainer, "too many levels of symbolic links");
                }
                String target = readLink(p, inContainer);
                List<String> parts = MountedTree.components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.push(parts.get(i));
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                continue;
            }
            done.add(c);
        }
        return tree.locate(done);
    }

    private static String readLink(Path p, String inContainer) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw new InvalidInputException(inContainer, "cannot read the symbolic link " + p.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
