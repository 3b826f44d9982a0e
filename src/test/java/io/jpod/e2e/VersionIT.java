package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code jpod version} as the unprivileged user, from the copied distribution. Touches no state, so no reset. */
class VersionIT {
    private final Harness h = Harness.get();

    @Test
    void versionPrintsPodmanStyleFields() {
        Result r = h.jpodOk("version");
        assertTrue(r.out().lines().anyMatch(l -> l.matches("Version:\\s+\\d+\\.\\d+\\.\\d+.*")), r::describe);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("OS/Arch:") && l.contains("linux/")), r::describe);
        assertEquals("", r.err(), r::describe);
    }

    @Test
    void versionJsonHasClientVersion() {
        Result r = h.jpodOk("version", "--format", "json");
        assertTrue(Harness.text(Harness.json(r).path("Client"), "Version").matches("\\d+\\.\\d+\\.\\d+.*"), r::describe);
    }

    @Test
    void runsAsTheUnprivilegedUser() {
        long uid = Long.parseLong(Harness.rootOk("id", "-u", Harness.USER).out().strip());
        assertTrue(uid > 0, "the e2e user must not be root");
        assertTrue(Harness.DIST.resolve("bin/jpod").toFile().canExecute(), "the distribution is copied");
    }
}
