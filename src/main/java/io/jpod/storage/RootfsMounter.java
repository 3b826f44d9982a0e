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
 * Assembles a container's root filesystem from image layers plus a writable layer: a kernel
 * overlay mount (with user xattrs, so it works inside a user namespace), done in the user
 * namespace's own mount namespace so every jpod process sees it.
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
    }

    /** Mounts {@code lowerDirs} (top layer first) with a writable layer in {@code layout}; returns the root. */
    public Path mount(String container, Layout layout, List<Path> lowerDirs) {
        if (driver != StorageDriver.OVERLAY) {
            throw new RuntimeFailureException(container, "storage driver " + driver + " is not implemented yet");
        }
        try {
            Files.createDirectories(layout.upper());
            Files.createDirectories(layout.work());
            Files.createDirectories(layout.merged());
        } catch (IOException e) {
            throw new RuntimeFailureException(container, "cannot prepare the root filesystem of " + container + ": " + e.getMessage(), e);
        }
        if (isMounted(layout.merged())) {
            return layout.merged();
        }
        String lower = lowerDirs.stream().map(Path::toString).collect(Collectors.joining(":"));
        String opts = "lowerdir=" + lower + ",upperdir=" + layout.upper() + ",workdir=" + layout.work() + ",userxattr";
        Exec.check(container, List.of("mount", "-t", "overlay", "overlay", "-o", opts, layout.merged().toString()));
        return layout.merged();
    }

    /** Unmounts the container's root; nothing to do when it is not mounted. */
    public void unmount(String container, Layout layout) {
        if (isMounted(layout.merged())) {
            Exec.Result r = Exec.run(List.of("umount", layout.merged().toString()));
            if (!r.ok() && isMounted(layout.merged())) {
                Exec.check(container, List.of("umount", "-l", layout.merged().toString()));
            }
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
