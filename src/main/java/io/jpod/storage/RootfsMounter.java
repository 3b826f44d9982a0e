package io.jpod.storage;

import io.jpod.error.RuntimeFailureException;
import io.jpod.host.HostFacts.StorageDriver;
import io.jpod.runtime.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Assembles a container's root filesystem from image layers plus a writable layer, with the
 * driver the host probe chose: a kernel overlay mount (with user xattrs, so it works inside a
 * user namespace), fuse-overlayfs, or a private copy of the layers. Mounts are made in the user
 * namespace's own mount namespace, so every jpod process sees them.
 */
public final class RootfsMounter {
    private final StorageDriver driver;

    public RootfsMounter(StorageDriver driver) {
        this.driver = driver;
    }

    /** The directories of one container's filesystem under {@code dir}. */
    public record Layout(Path dir) {
        public Path upper() {
            return dir.resolve("upper");
        }

        public Path work() {
            return dir.resolve("work");
        }

        public Path merged() {
            return dir.resolve("merged");
        }

        /** Marks a copied root as complete (the copy driver keeps it between starts, as an upper layer would be kept). */
        Path copied() {
            return dir.resolve("copied");
        }
    }

    /** Mounts {@code lowerDirs} (top layer first) with a writable layer in {@code layout}; returns the root. */
    public Path mount(String container, Layout layout, List<Path> lowerDirs) {
        try {
            Files.createDirectories(layout.upper());
            Files.createDirectories(layout.work());
            Files.createDirectories(layout.merged());
        } catch (IOException e) {
            throw new RuntimeFailureException(container, "cannot prepare the root filesystem of " + container + ": " + e.getMessage(), e);
        }
        switch (driver) {
            case OVERLAY, FUSE_OVERLAY -> {
                if (!isMounted(layout.merged())) {
                    String lower = lowerDirs.stream().map(Path::toString).collect(Collectors.joining(":"));
                    String opts = "lowerdir=" + lower + ",upperdir=" + layout.upper() + ",workdir=" + layout.work();
                    Exec.check(container, driver == StorageDriver.OVERLAY
                            ? List.of("mount", "-t", "overlay", "overlay", "-o", opts + ",userxattr", layout.merged().toString())
                            : List.of("fuse-overlayfs", "-o", opts, layout.merged().toString()));
                }
            }
            case COPY -> {
                if (!Files.exists(layout.copied())) {
                    LayerCopy.flatten(container, lowerDirs, layout.merged());
                    try {
                        Files.createFile(layout.copied());
                    } catch (IOException e) {
                        throw new RuntimeFailureException(container, "cannot mark the root of " + container + " copied", e);
                    }
                }
            }
        }
        return layout.merged();
    }

    /** Unmounts the container's root; nothing to do when it is not mounted (or copied). */
    public void unmount(String container, Layout layout) {
        if (driver == StorageDriver.COPY || !isMounted(layout.merged())) {
            return;
        }
        List<String> umount = driver == StorageDriver.FUSE_OVERLAY
                ? List.of("fusermount3", "-u", layout.merged().toString())
                : List.of("umount", layout.merged().toString());
        Exec.Result r = Exec.run(umount);
        if (!r.ok() && isMounted(layout.merged())) {
            Exec.check(container, List.of("umount", "-l", layout.merged().toString()));
        }
    }

    public static boolean isMounted(Path dir) {
        try {
            String target = " " + dir.toAbsolutePath() + " ";
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream().anyMatch(l -> l.contains(target));
        } catch (IOException e) {
            return false;
        }
    }
}
