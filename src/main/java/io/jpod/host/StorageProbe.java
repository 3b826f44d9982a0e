package io.jpod.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which way of assembling root filesystems works here: kernel overlay (inside the user namespace
 * when rootless), else fuse-overlayfs (needs /dev/fuse usable), else copying layers.
 */
final class StorageProbe {
    private StorageProbe() {
    }

    static HostFacts.StorageDriver detect(HostPaths paths) {
        if (tryMount(paths, List.of("mount", "-t", "overlay", "overlay", "-o", "%OPTS%,userxattr", "%MERGED%"), "umount")) {
            return HostFacts.StorageDriver.OVERLAY;
        }
        if (HostProbe.find("fuse-overlayfs") != null && Files.isReadable(Path.of("/dev/fuse"))
                && Files.isWritable(Path.of("/dev/fuse"))
                && tryMount(paths, List.of("fuse-overlayfs", "-o", "%OPTS%", "%MERGED%"), "fusermount3")) {
            return HostFacts.StorageDriver.FUSE_OVERLAY;
        }
        return HostFacts.StorageDriver.COPY;
    }

    private static boolean tryMount(HostPaths paths, List<String> template, String unmount) {
        Path dir = null;
        try {
            Path tmp = Files.createDirectories(paths.tmp());
            dir = Files.createTempDirectory(tmp, "overlay-probe-");
            for (String d : List.of("lower", "upper", "work", "merged")) {
                Files.createDirectories(dir.resolve(d));
            }
            Files.writeString(dir.resolve("lower/probe"), "probe");
            String opts = "lowerdir=" + dir.resolve("lower") + ",upperdir=" + dir.resolve("upper") + ",workdir=" + dir.resolve("work");
            Path merged = dir.resolve("merged");
            List<String> argv = template.stream().map(a -> a.replace("%OPTS%", opts).replace("%MERGED%", merged.toString())).toList();
            if (!run(argv)) {
                return false;
            }
            boolean ok = Files.isRegularFile(merged.resolve("probe"));
            run(unmount.equals("umount") ? List.of("umount", merged.toString()) : List.of(unmount, "-u", merged.toString()));
            return ok;
        } catch (IOException e) {
            return false;
        } finally {
            if (dir != null) {
                RuntimeProbe.delete(dir);
            }
        }
    }

    private static boolean run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
