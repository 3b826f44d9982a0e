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
    private static final java.util.function.LongPredicate LIVE = pid -> true;

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
        assertTrue(table.claim("web", 100, entry(Phase.UPDATING), LIVE));
        assertFalse(table.claim("web", 200, entry(Phase.UPDATING), LIVE), "100 moves it");
        AutoUpdateTable.Journal read = table.journal().get(0);
        assertFalse(table.takeOver(read, 200, pid -> true), "100 still runs");
        assertTrue(table.takeOver(read, 200, pid -> pid != 100), "100 died: its update is taken over");
        assertEquals(200, table.journal().get(0).owner());
        assertFalse(table.claim("web", 300, entry(Phase.UPDATING), pid -> false), "200 died too: a new update waits until the interrupted one is finished");
    }

    @Test
    void aCommandHoldsAPodAgainstUpdatesAndAnUpdateAgainstCommandsWhileItsProcessLives() {
        assertEquals(Optional.empty(), table.hold("web", 100, LIVE), "kube play --replace of 100 holds web");
        assertEquals(Optional.of(AutoUpdateTable.Holder.COMMAND), table.hold("web", 100, LIVE),
                "a second command of the same process (the command service) waits too");
        assertEquals(Optional.of(AutoUpdateTable.Holder.COMMAND), table.hold("web", 200, LIVE));
        assertFalse(table.claim("web", 300, entry(Phase.UPDATING), LIVE), "no update moves a held pod");
        assertEquals(List.of(), table.journal(), "a hold is no update: nothing to finish");
        assertFalse(table.interrupted(pid -> false), "nor to recover when its process died");

        table.release("web", 100);
        assertTrue(table.claim("web", 300, entry(Phase.UPDATING), LIVE));
        assertEquals(Optional.of(AutoUpdateTable.Holder.UPDATE), table.hold("web", 100, LIVE), "300 moves it");
        assertEquals(Optional.of(AutoUpdateTable.Holder.INTERRUPTED_UPDATE), table.hold("web", 100, pid -> pid != 300),
                "300 died: its update is finished first, never dropped");
        table.release("web", 300);
        assertEquals(1, table.journal().size(), "a release ends a hold, not an update");
        table.finish("web", 300, List.of());

        assertEquals(Optional.empty(), table.hold("web", 100, LIVE));
        assertEquals(Optional.empty(), table.hold("web", 200, pid -> pid != 100), "100 died holding it: nothing to finish");
        assertTrue(table.claim("web", 300, entry(Phase.UPDATING), pid -> pid != 200), "200 died holding it: an update may move it");
        assertEquals(300, table.journal().get(0).owner());
    }

    @Test
    void anUpdateThatEndedOrWasTakenOverSinceItWasReadIsNotTakenOverAgain() {
        table.claim("web", 100, entry(Phase.UPDATING), LIVE);
        AutoUpdateTable.Journal read = table.journal().get(0);
        // 100 finished and exited after the journal was read: its update is done, not interrupted
        table.finish("web", 100, List.of());
        assertFalse(table.takeOver(read, 200, pid -> false), "the pod is not moved a second time");
        assertEquals(List.of(), table.journal());

        table.claim("web", 100, entry(Phase.UPDATING), LIVE);
        AutoUpdateTable.Journal again = table.journal().get(0);
        assertTrue(table.takeOver(again, 200, pid -> false));
        assertFalse(table.takeOver(again, 300, pid -> false), "200 took it over first");
        assertEquals(200, table.journal().get(0).owner());
    }

    @Test
    void theJournalKeepsThePodAndItsMovesUntilTheUpdateEnds() {
        table.claim("web", 100, entry(Phase.UPDATING), LIVE);
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
