package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.state.Database;
import io.jpod.state.EventRow;
import io.jpod.state.EventTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    private static final Instant T = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private EventLog log;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("jpod.db"));
        log = new EventLog(new EventTable(db), warnings::add);
        log.record(List.of(
                EventRow.of(T, EventRow.Type.POD, "create", "p1111", "web", null, null, Map.of("app", "web")),
                EventRow.of(T, EventRow.Type.CONTAINER, "create", "c1111", "web-main", "localhost/busybox:latest", "p1111", Map.of()),
                EventRow.of(T, EventRow.Type.CONTAINER, "start", "c1111", "web-main", "localhost/busybox:latest", "p1111", Map.of()),
                EventRow.of(T, EventRow.Type.CONTAINER, "died", "c2222", "db-main", "localhost/busybox:latest", "p2222",
                        Map.of("exitCode", "1")),
                EventRow.of(T, EventRow.Type.IMAGE, "pull", "i3333", "docker.io/library/busybox:latest", null, null, Map.of())));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> matching(String... filters) {
        return log.read(null, null, log.filter(List.of(filters))).stream().map(e -> e.type().word() + " " + e.status() + " " + e.name())
                .toList();
    }

    @Test
    void filtersAsPodmanDoes() {
        assertEquals(List.of("container create web-main", "container start web-main"), matching("container=web-main"));
        assertEquals(List.of("container create web-main", "container start web-main"), matching("container=c11"), "an id prefix");
        assertEquals(List.of("pod create web"), matching("pod=web"), "only the pod's own events");
        assertEquals(List.of("container died db-main"), matching("event=died"));
        assertEquals(List.of("container died db-main"), matching("status=died"));
        assertEquals(List.of("image pull docker.io/library/busybox:latest"), matching("image=busybox"));
        assertEquals(List.of("pod create web"), matching("label=app=web"));
        assertEquals(List.of("image pull docker.io/library/busybox:latest"), matching("type=image"));
    }

    @Test
    void oneKeysValuesAreAlternativesAndKeysCombine() {
        assertEquals(List.of("container start web-main", "container died db-main"), matching("event=start", "event=died"));
        assertEquals(List.of("container start web-main"), matching("event=start", "event=died", "container=web-main"));
    }

    @Test
    void aBadFilterIsRefusedNamingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> log.filter(List.of("colour=red")));
        assertTrue(e.getMessage().contains("colour"), e::getMessage);
        assertThrows(InvalidInputException.class, () -> log.filter(List.of("type=planet")));
        assertThrows(InvalidInputException.class, () -> log.filter(List.of("event")));
    }

    @Test
    void followingReadsWhatCameAfterTheLastId() {
        long mark = log.lastId();
        log.image("i4444", "localhost/x:latest", "tag");
        List<EventRow> after = log.after(mark, log.filter(List.of()));
        assertEquals(1, after.size());
        assertEquals("tag", after.get(0).status());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFailureToRecordIsAWarning() {
        db.close();
        log.image("i5555", "x", "tag");
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("cannot record events"), warnings::toString);
        db = Database.open(dir.resolve("jpod.db"));
    }
}
