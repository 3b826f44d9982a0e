package io.jpod.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A {@link PlayingIT} whose tests also play with podman ({@link Podman}): podman is reset before the class,
 * its pods are removed after each test (before the check that jpod left nothing), and it is reset after the
 * class.
 */
abstract class PodmanPlayingIT extends PlayingIT {
    protected static Podman podman;

    @BeforeAll
    static void setUpPodman() {
        podman = Podman.forClass(h);
    }

    @AfterEach
    void removePodmansPods() {
        podman.removePods();
    }

    @AfterAll
    static void cleanUpPodman() {
        if (podman != null) {
            podman.cleanUp();
        }
    }
}
