package io.jpod.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.state.AutoUpdateTable.Change;
import io.jpod.state.AutoUpdateTable.Entry;
import io.jpod.state.AutoUpdateTable.HistoryRow;
import io.jpod.state.AutoUpdateTable.Phase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoUpdateTableTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private AutoUpdateTable table;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("jpod.db"));
        table = new AutoUpdateTable(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Entry entry(Phase phase) {
        PodSpec spec = PodSpec.builder("web").containers(List.of(ContainerSpec.builder("app", "example.org/app:1").build())).build();
        return new Entry("run-1", "manual", phase, null, spec, null, List.of(new Change("app", "example.org/app:1", "registry", "old", "new")),
                new AutoUpdateTable.Rules(120_000, 10_000, true));
    }

    @Test
    void aPodsUpdateIsHeldByOneProcessAtATimeAndADeadOnesIsTakenOverToBeFinished() {
        assertTrue(table.claim("web", 100, entry(Phase.UPDATING)));
        assertFalse(table.claim("web", 200, entry(Phase.UPDATING)), "100 moves it");
        AutoUpdateTable.Journal read = table.journal().get(0);
        assertFalse(table.takeOver(read, 200, pid -> true), "100 still runs");
        assertTrue(table.takeOver(read, 200, pid -> pid != 100), "100 died: its update is taken over");
        assertEquals(200, table.journal().get(0).owner());
        assertFalse(table.claim("web", 300, entry(Phase.UPDATING)), "200 died too: a new update waits until the interrupted one is finished");
    }

    @Test
    void anUpdateThatEndedOrWasTakenOverSinceItWasReadIsNotTakenOverAgain() {
        table.claim("web", 100, entry(Phase.UPDATING));
        AutoUpdateTable.Journal read = table.journal().get(0);
        // 100 finished and exited after the journal was read: its update is done, not interrupted
        table.finish("web", 100, List.of());
        assertFalse(table.takeOver(read, 200, pid -> false), "the pod is not moved a second time");
        assertEquals(List.of(), table.journal());

        table.claim("web", 100, entry(Phase.UPDATING));
        AutoUpdateTable.Journal again = table.journal().get(0);
        assertTrue(table.takeOver(again, 200, pid -> false));
        assertFalse(table.takeOver(again, 300, pid -> false), "200 took it over first");
        assertEquals(200, table.journal().get(0).owner());
    }

    @Test
    void theJournalKeepsThePodAndItsMovesUntilTheUpdateEnds() {
        table.claim("web", 100, entry(Phase.UPDATING));
        table.update("web", 100, entry(Phase.UPDATING).withPhase(Phase.ROLLING_BACK, "crashed"));
        Entry kept = table.journal().get(0).entry();
        assertEquals(Phase.ROLLING_BACK, kept.phase());
        assertEquals("crashed", kept.reason());
        assertEquals("web", kept.spec().name());
        assertEquals("example.org/app:1", kept.spec().containers().get(0).image());
        assertEquals("old", kept.changes().get(0).oldId());
        assertEquals(new AutoUpdateTable.Rules(120_000, 10_000, true), kept.rules(), "whoever finishes it checks it the same way");

        table.finish("web", 100, List.of(new HistoryRow(0, "run-1", T0, "manual", "web", "app", "example.org/app:1", "registry",
                "rolled back", "old", "new", "crashed")));
        assertEquals(List.of(), table.journal());
        List<HistoryRow> h = table.history();
        assertEquals(1, h.size());
        assertEquals("rolled back", h.get(0).outcome());
        assertEquals(T0, h.get(0).time());
    }

    @Test
    void theScheduleKeepsItsFlagsAndItsLastRunOnlyForTheSameExpression() {
        assertEquals(Optional.empty(), table.schedule());
        table.setSchedule(new AutoUpdateTable.Schedule("0 0 3 * * ?", T0, List.of("--tls-verify=false")));
        table.scheduleRan("0 0 3 * * ?", T0.plusSeconds(60));
        assertEquals(new AutoUpdateTable.Schedule("0 0 3 * * ?", T0.plusSeconds(60), List.of("--tls-verify=false")),
                table.schedule().orElseThrow());
        table.scheduleRan("0 0 4 * * ?", T0.plusSeconds(120));
        assertEquals(T0.plusSeconds(60), table.schedule().orElseThrow().since(), "a run of a replaced schedule changes nothing");
        table.setSchedule(null);
        assertEquals(Optional.empty(), table.schedule());
    }
}
