package io.jpod.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventTableTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00.123456789Z");

    @TempDir
    Path dir;
    private Database db;
    private EventTable table;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("jpod.db"));
        table = new EventTable(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static EventRow container(Instant t, String status, String id, String name) {
        return EventRow.of(t, EventRow.Type.CONTAINER, status, id, name, "docker.io/library/busybox:latest", "pod1",
                Map.of("exitCode", "0"));
    }

    private static List<String> statuses(List<EventRow> events) {
        return events.stream().map(EventRow::status).toList();
    }

    @Test
    void keepsWhatWasAppendedToTheNanosecond() {
        long id = table.append(container(T0, "create", "c1", "ctr"));
        EventRow back = table.query(null, null, null).get(0);
        assertEquals(new EventRow(id, T0, EventRow.Type.CONTAINER, "create", "c1", "ctr", "docker.io/library/busybox:latest", "pod1",
                Map.of("exitCode", "0")), back);
        assertEquals(id, table.lastId());
    }

    @Test
    void appendsInOrderAndGivesIncreasingIds() {
        List<Long> ids = table.append(List.of(container(T0, "create", "c1", "a"), container(T0, "start", "c1", "a")));
        assertEquals(2, ids.size());
        assertTrue(ids.get(0) < ids.get(1));
        assertEquals(List.of("create", "start"), statuses(table.query(null, null, null)));
        assertEquals(List.of(), table.append(List.of()));
    }

    @Test
    void aWindowIsAfterSinceAndBeforeUntil() {
        table.append(List.of(container(T0, "create", "c1", "a"), container(T0.plusSeconds(1), "start", "c1", "a"),
                container(T0.plusSeconds(2), "died", "c1", "a")));
        assertEquals(List.of("start", "died"), statuses(table.query(T0, null, null)));
        assertEquals(List.of("create", "start"), statuses(table.query(null, T0.plusSeconds(2), null)));
        assertEquals(List.of("start"), statuses(table.query(T0, T0.plusSeconds(2), null)));
        assertEquals(List.of(), statuses(table.query(T0.plusSeconds(2), null, null)));
        assertEquals(List.of("create", "start", "died"), statuses(table.query(Instant.MIN, Instant.MAX, null)));
    }

    @Test
    void aFilterKeepsTheEventsItPasses() {
        table.append(List.of(container(T0, "create", "c1", "a"), container(T0, "create", "c2", "b"),
                EventRow.of(T0, EventRow.Type.IMAGE, "pull", "img", "busybox", null, null, Map.of())));
        assertEquals(List.of("c2"), table.query(null, null, e -> "b".equals(e.name())).stream().map(EventRow::objectId).toList());
        assertEquals(List.of("pull"), statuses(table.after(0, e -> e.type() == EventRow.Type.IMAGE)));
    }

    @Test
    void readsWhatCameAfterAnId() {
        assertEquals(0, table.lastId());
        long first = table.append(container(T0, "create", "c1", "a"));
        long mark = table.lastId();
        assertEquals(first, mark);
        assertEquals(List.of(), table.after(mark, null));
        table.append(List.of(container(T0.minusSeconds(5), "start", "c1", "a"), container(T0, "died", "c1", "a")));
        // by the order of recording, whatever the clock said
        assertEquals(List.of("start", "died"), statuses(table.after(mark, null)));
        assertEquals(List.of("create", "start", "died"), statuses(table.after(0, null)));
    }

    @Test
    void prunesOldRowsAndKeepsTheNewestOnes() {
        EventTable small = new EventTable(db, 10, 15);
        small.append(container(T0.minus(EventTable.KEEP_FOR).minusSeconds(1), "create", "old", "old"));
        IntStream.range(0, 8).forEach(i -> small.append(container(T0, "start", "c" + i, "n" + i)));
        assertEquals(9, small.after(0, null).size(), "nothing pruned before the 10th row");
        small.append(container(T0, "start", "c8", "n8"));
        List<EventRow> left = small.after(0, null);
        assertEquals(9, left.size(), "the 10th row pruned what is older than the time kept");
        assertTrue(left.stream().noneMatch(e -> e.objectId().equals("old")));
        for (int i = 9; i < 39; i++) { // ids 11 to 40
            small.append(container(T0, "start", "c" + i, "n" + i));
        }
        List<EventRow> kept = small.after(0, null);
        assertEquals(15, kept.size(), "at the last multiple of 10 only the newest 15 rows are kept");
        assertEquals("c38", kept.get(kept.size() - 1).objectId());
        assertEquals("c24", kept.get(0).objectId());
    }
}
