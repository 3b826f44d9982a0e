package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {
    @TempDir
    Path dir;

    private static String t(int second) {
        return "2024-05-01T10:00:%02d.000000001+00:00".formatted(second);
    }

    private Path append(String name, String... records) throws Exception {
        Path log = dir.resolve(name + ".log");
        StringBuilder b = new StringBuilder();
        for (String r : records) {
            b.append(r).append('\n');
        }
        Files.writeString(log, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return log;
    }

    private LogFollower follower(String... containers) {
        return new LogFollower(java.util.Arrays.stream(containers)
                .map(c -> new LogFollower.Source("web", c, dir.resolve(c + ".log"))).toList());
    }

    private static List<String> shown(List<LogFollower.Line> lines) {
        return lines.stream().map(l -> (l.stderr() ? "E " : "O ") + l.prefix() + l.text()).toList();
    }

    @Test
    void prefixesEachLineWithPodAndContainer() {
        LogFollower.Line l = new LogFollower.Line("web", "nginx", java.time.Instant.EPOCH, false, "GET /");
        assertEquals("web/nginx ", l.prefix());
    }

    @Test
    void interleavesTheContainersLinesByTimeAndKeepsTheirStreams() throws Exception {
        append("a", t(1) + " stdout F a1", t(3) + " stderr F a3");
        append("b", t(2) + " stdout F b2", t(4) + " stdout F b4");
        assertEquals(List.of("O web/a a1", "O web/b b2", "E web/a a3", "O web/b b4"), shown(follower("a", "b").poll()));
    }

    @Test
    void followsFromTheStartAndThenOnlyWhatIsNew() throws Exception {
        append("a", t(1) + " stdout F first");
        LogFollower f = follower("a", "b");
        assertEquals(List.of("O web/a first"), shown(f.poll()));
        assertEquals(List.of(), f.poll());
        append("a", t(5) + " stdout F second");
        append("b", t(2) + " stdout F started-late"); // b's log appears once b starts: read from its start
        assertEquals(List.of("O web/b started-late", "O web/a second"), shown(f.poll()));
    }

    @Test
    void aContainersOwnOrderIsKeptWhateverItsTimes() throws Exception {
        append("a", t(5) + " stdout F one", t(1) + " stdout F two");
        assertEquals(List.of("O web/a one", "O web/a two"), shown(follower("a").poll()));
    }

    @Test
    void partsOfALineAreGivenWhole() throws Exception {
        append("a", t(1) + " stdout P hel");
        LogFollower f = follower("a");
        assertEquals(List.of(), f.poll(), "a line not ended yet waits");
        append("a", t(2) + " stdout F lo");
        assertEquals(List.of("O web/a hello"), shown(f.poll()));
    }

    @Test
    void drainGivesWhatWasLeftUnended() throws Exception {
        append("a", t(1) + " stdout F done", t(2) + " stderr P no newline");
        LogFollower f = follower("a");
        assertEquals(List.of("O web/a done"), shown(f.poll()));
        assertEquals(List.of("E web/a no newline"), shown(f.drain()));
        assertEquals(List.of(), f.drain());
    }

    @Test
    void anIncompleteRecordIsReadOnceComplete() throws Exception {
        Path log = dir.resolve("a.log");
        Files.writeString(log, t(1) + " stdout F hal");
        LogFollower f = follower("a");
        assertEquals(List.of(), f.poll());
        Files.writeString(log, "f\n", StandardOpenOption.APPEND);
        assertEquals(List.of("O web/a half"), shown(f.poll()));
    }

    @Test
    void aLogThatShrinksIsReadAgainFromItsStart() throws Exception {
        append("a", t(1) + " stdout F old line that was long");
        LogFollower f = follower("a");
        f.poll();
        Files.writeString(dir.resolve("a.log"), t(9) + " stdout F new\n");
        assertEquals(List.of("O web/a new"), shown(f.poll()));
    }

    @Test
    void aMissingLogGivesNothing() {
        assertTrue(follower("nothing").poll().isEmpty());
        assertTrue(follower("nothing").drain().isEmpty());
    }

    @Test
    void anUnreadableTimeComesFirst() {
        assertEquals(java.time.Instant.EPOCH, LogFollower.time("garbage"));
        assertEquals(java.time.Instant.parse("2024-05-01T10:00:01.000000001Z"), LogFollower.time(t(1)));
    }
}
