package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ConflictException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.state.AutoUpdateTable;
import io.jpod.state.AutoUpdateTable.Change;
import io.jpod.state.AutoUpdateTable.Entry;
import io.jpod.state.AutoUpdateTable.Phase;
import io.jpod.state.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateHoldsTest {
    private static final long ME = 100;
    private static final long UPDATER = 200;

    @TempDir
    Path dir;
    private Database db;
    private AutoUpdateTable table;
    /** The fake clock, in nanoseconds; each sleep moves it on and may end the update ({@link #updateEndsAfter}). */
    private final AtomicLong now = new AtomicLong();
    private final AtomicLong sleeps = new AtomicLong();
    private long updateEndsAfter = Long.MAX_VALUE;
    private final AtomicLong supervisorsStarted = new AtomicLong();
    private UpdateHolds holds;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("jpod.db"));
        table = new AutoUpdateTable(db);
        holds = new UpdateHolds(table, ME, pid -> true, Duration.ofSeconds(30), now::get, ms -> {
            now.addAndGet(ms * 1_000_000);
            if (sleeps.incrementAndGet() == updateEndsAfter) {
                table.finish("web", UPDATER, List.of());
            }
        }, supervisorsStarted::incrementAndGet);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void updateUnderWay() {
        PodSpec spec = PodSpec.builder("web").containers(List.of(ContainerSpec.builder("app", "localhost/app:1").build())).build();
        assertTrue(table.claim("web", UPDATER, new Entry("run-1", "manual", Phase.UPDATING, null, spec, null,
                List.of(new Change("app", "localhost/app:1", "local", "old", "new")), new AutoUpdateTable.Rules(120_000, 10_000, true)),
                pid -> true));
    }

    @Test
    void aPodIsHeldUntilTheCommandEndsAndNoUpdateMovesItMeanwhile() {
        try (UpdateHolds.Hold held = holds.pod("web")) {
            assertFalse(table.claim("web", UPDATER, null, pid -> true), "the update finds the pod taken");
        }
        updateUnderWay();
        assertEquals(1, table.journal().size(), "released: the next update claims it");
    }

    @Test
    void aCommandWaitsForAnUpdateUnderWayToEndThenHoldsThePod() {
        updateUnderWay();
        updateEndsAfter = 10;
        try (UpdateHolds.Hold held = holds.pod("web")) {
            assertEquals(10, sleeps.get(), "it waited for the update to end");
            assertEquals(List.of(), table.journal());
        }
    }

    @Test
    void aCommandGivesUpOnAnUpdateThatDoesNotEndInTimeWithAMessageNamingThePod() {
        updateUnderWay();
        holds.workload("Deployment", "web").close();
        assertEquals(0, sleeps.get(), "Deployment/web is not pod web: held at once");

        ConflictException e = assertThrows(ConflictException.class, () -> holds.pod("web"));
        assertEquals("an auto-update of pod web is in progress (waited 30 s)", e.getMessage());
        assertEquals(ConflictException.Reason.UPDATING, e.reason());
        assertEquals(Duration.ofSeconds(30).toNanos(), now.get(), "it waited the whole bound, no longer");
        assertEquals(1, table.journal().size(), "the update is left alone");
        assertEquals(0, supervisorsStarted.get(), "its jpod runs: nothing to recover");
    }

    @Test
    void anInterruptedUpdateIsHandedToTheSupervisorOnceAndWaitedFor() {
        updateUnderWay();
        holds = new UpdateHolds(table, ME, pid -> pid != UPDATER, Duration.ofSeconds(30), now::get, ms -> {
            now.addAndGet(ms * 1_000_000);
            if (sleeps.incrementAndGet() == 5) { // the supervisor's --recover finished it
                table.finish("web", UPDATER, List.of());
            }
        }, supervisorsStarted::incrementAndGet);
        holds.pod("web").close();
        assertEquals(5, sleeps.get());
        assertEquals(1, supervisorsStarted.get(), "started once, not at every look");
    }
}
