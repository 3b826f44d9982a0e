package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;

/**
 * A pod played on one {@code --storage-driver}: its container runs on the image's files, reports the driver in
 * {@code inspect}, and keeps its writable layer (a file written, an image file removed) across a stop and a start
 * by commands given no driver (a container keeps the driver it was created with); {@code kube down} takes it away.
 */
final class StorageDriverCheck {
    private static final Duration SOON = Duration.ofSeconds(30);

    private StorageDriverCheck() {
    }

    /** Plays a pod on {@code driver} through {@code jpod} (rootless or as root), writing its YAML with {@code write}. */
    static void playOn(String driver, PodObservation.Cli jpod, BiFunction<String, String, Path> write) {
        String pod = "on-" + driver;
        String c = pod + "-a";
        Path file = write.apply(pod + ".yaml", PodYaml.pod(pod).container("a", Harness.SLEEPER).yaml());
        jpod.ok("--storage-driver", driver, "kube", "play", file.toString());
        try {
            Harness.waitFor(c + " to run", SOON, () -> "running".equals(jpod.ok("inspect", "--format", "{{.State.Status}}", c).out().strip()));
            assertEquals(driver, jpod.ok("inspect", "--format", "{{.Driver}}", c).out().strip());
            assertTrue(jpod.ok("exec", c, "cat", "/etc/passwd").out().startsWith("root:"), "the image's files, on " + driver);
            jpod.ok("exec", c, "sh", "-c", "echo kept > /kept && rm /home/app/owned");
            jpod.ok("stop", c);
            jpod.ok("start", c);
            Harness.waitFor(c + " to run again", SOON, () -> "running".equals(jpod.ok("inspect", "--format", "{{.State.Status}}", c).out().strip()));
            assertEquals("kept", jpod.ok("exec", c, "cat", "/kept").out().strip(), "the writable layer kept, on " + driver);
            assertNotEquals(0, jpod.apply(new String[] {"exec", c, "test", "-e", "/home/app/owned"}).code(),
                    "an image file removed stays removed, on " + driver);
        } finally {
            jpod.ok("kube", "down", file.toString());
        }
    }
}
