package io.jpod.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * An end-to-end class whose tests play pods: before it, jpod's state of the user is reset and the
 * busybox image imported; after each test nothing it played may be left ({@link #leftNothingChecksProcesses}
 * says whether jpod's processes and mounts are checked too); after the class, the state is reset.
 */
abstract class PlayingIT {
    protected static Harness h;

    @BeforeAll
    static void resetAndImport() {
        h = Harness.forClass();
        h.importBusybox();
    }

    @AfterEach
    void nothingLeftByTheTest() {
        h.assertTestLeftNothing(leftNothingChecksProcesses());
    }

    @AfterAll
    static void resetAfterTheClass() {
        if (h != null) {
            h.cleanUp();
        }
    }

    /** Whether, after each test, no jpod process or mount may be left either (not only pods and containers). */
    protected boolean leftNothingChecksProcesses() {
        return false;
    }
}
