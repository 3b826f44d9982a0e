package io.jpod.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Does an OCI runtime work here? It runs a throw-away container (catatonit --version in an empty
 * root) the way jpod will run real ones. crun 1.8 on a cgroup v1/v2 hybrid host, for example,
 * answers --version but fails every container.
 */
final class RuntimeProbe {
    private RuntimeProbe() {
    }

    /** null when the runtime ran the probe container, else why not. */
    static String tryRun(Path runtime, HostPaths paths, Path catatonit) {
        Path dir = null;
        try {
            Files.createDirectories(paths.runDir());
            dir = Files.createTempDirectory(paths.runDir(), "probe-");
            Path rootfs = Files.createDirectories(dir.resolve("bundle/rootfs"));
            Files.writeString(dir.resolve("bundle/config.json"), config(rootfs, catatonit));
            String id = "jpod-probe-" + ProcessHandle.current().pid();
            ProcessBuilder pb = new ProcessBuilder(runtime.toString(), "--root", dir.resolve("state").toString(), "run",
                    "--bundle", dir.resolve("bundle").toString(), id);
            pb.redirectErrorStream(true);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            String last = out.strip();
            int nl = last.lastIndexOf('\n');
            return nl < 0 ? last : last.substring(nl + 1);
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    private static String config(Path rootfs, Path catatonit) {
        String ns = List.of("pid", "mount", "ipc", "uts").stream().map(t -> "{\"type\":\"" + t + "\"}")
                .reduce((a, b) -> a + "," + b).orElse("");
        return "{\"ociVersion\":\"1.0.2\",\"process\":{\"terminal\":false,\"user\":{\"uid\":0,\"gid\":0},"
                + "\"args\":[\"/catatonit\",\"--version\"],\"env\":[\"PATH=/\"],\"cwd\":\"/\"},"
                + "\"root\":{\"path\":\"" + rootfs + "\",\"readonly\":true},"
                + "\"mounts\":[{\"destination\":\"/proc\",\"type\":\"proc\",\"source\":\"proc\"},"
                + "{\"destination\":\"/catatonit\",\"type\":\"bind\",\"source\":\"" + catatonit + "\",\"options\":[\"rbind\",\"ro\"]}],"
                + "\"linux\":{\"namespaces\":[" + ns + "]}}";
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers in the run directory are harmless
        }
    }
}
