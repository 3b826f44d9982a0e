package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {
    private static final String T1 = "2024-05-01T10:00:00.000000001+00:00";
    private static final String T2 = "2024-05-01T10:00:01.5+00:00";
    private static final Supplier<PodService.ContainerInfo> NOT_ASKED = () -> {
        throw new AssertionError("the container is only asked about when following");
    };

    @TempDir
    Path dir;

    private Path log(String content) throws Exception {
        return Files.write(dir.resolve("ctr.log"), content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<LogReader.Line> read(Path log, int tail) {
        List<LogReader.Line> out = new ArrayList<>();
        LogReader.read(log, tail, false, NOT_ASKED, out::add);
        return out;
    }

    private static List<String> texts(List<LogReader.Line> lines) {
        return lines.stream().map(LogReader.Line::text).toList();
    }

    @Test
    void parsesARecord() {
        LogReader.Line l = LogReader.Line.parse(T1 + " stdout F hello world");
        assertEquals(new LogReader.Line(T1, false, false, "hello world"), l);
    }

    @Test
    void parsesStderrAndPartialRecords() {
        assertEquals(new LogReader.Line(T2, true, true, "part"), LogReader.Line.parse(T2 + " stderr P part"));
    }

    @Test
    void keepsTheTextAsWritten() {
        assertEquals("  two  spaces ", LogReader.Line.parse(T1 + " stdout F   two  spaces ").text());
        assertEquals("", LogReader.Line.parse(T1 + " stdout F ").text());
        assertEquals("", LogReader.Line.parse(T1 + " stdout F").text(), "an empty line has no text field");
    }

    @Test
    void malformedRecordIsKeptAsText() {
        assertEquals(new LogReader.Line("", false, false, "garbage"), LogReader.Line.parse("garbage"));
        assertEquals(new LogReader.Line("", false, false, "two fields"), LogReader.Line.parse("two fields"));
    }

    @Test
    void readsEveryCompleteLine() throws Exception {
        Path log = log(T1 + " stdout F one\n" + T1 + " stderr F two\n" + T2 + " stdout F three\n");
        List<LogReader.Line> lines = read(log, -1);
        assertEquals(List.of("one", "two", "three"), texts(lines));
        assertEquals(List.of(false, true, false), lines.stream().map(LogReader.Line::stderr).toList());
        assertEquals(T2, lines.get(2).time());
    }

    @Test
    void tailGivesTheLastLines() throws Exception {
        Path log = log(T1 + " stdout F 1\n" + T1 + " stdout F 2\n" + T1 + " stdout F 3\n" + T1 + " stdout F 4\n");
        assertEquals(List.of("3", "4"), texts(read(log, 2)));
        assertEquals(List.of("4"), texts(read(log, 1)));
        assertEquals(List.of("1", "2", "3", "4"), texts(read(log, 10)));
        assertEquals(List.of(), texts(read(log, 0)));
    }

    @Test
    void partialRecordsAreMarked() throws Exception {
        Path log = log(T1 + " stdout P no newline yet\n" + T1 + " stdout F  and the rest\n");
        List<LogReader.Line> lines = read(log, -1);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).partial());
        assertFalse(lines.get(1).partial());
        assertEquals("no newline yet", lines.get(0).text());
        assertEquals(" and the rest", lines.get(1).text());
    }

    @Test
    void anUnfinishedLastLineIsNotRead() throws Exception {
        Path log = log(T1 + " stdout F done\n" + T1 + " stdout F still being writ");
        assertEquals(List.of("done"), texts(read(log, -1)));
        assertEquals(List.of("done"), texts(read(log, 1)));
    }

    @Test
    void utf8TextIsDecoded() throws Exception {
        Path log = log(T1 + " stdout F héllo ✓ 日本\n");
        assertEquals(List.of("héllo ✓ 日本"), texts(read(log, -1)));
    }

    @Test
    void missingLogIsEmptyWhenNotFollowing() {
        assertEquals(List.of(), read(dir.resolve("nope.log"), -1));
    }

    @Test
    void emptyLogIsEmpty() throws Exception {
        assertEquals(List.of(), read(log(""), -1));
    }
}
