package io.jpod.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTest {
    private static final List<Column> PS_COLUMNS = List.of(
            new Column("CONTAINER ID", "{{.ID}}"), new Column("IMAGE", "{{.Image}}"), new Column("COMMAND", "{{.Command}}"),
            new Column("CREATED", "{{.Created}}"), new Column("STATUS", "{{.Status}}"), new Column("PORTS", "{{.Ports}}"),
            new Column("NAMES", "{{.Names}}"));

    private static Map<String, Object> container(String id, String command, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", id);
        row.put("Image", "localhost/test:1");
        row.put("Command", command);
        row.put("Created", "Less than a second ago");
        row.put("Status", "Created");
        row.put("Ports", "");
        row.put("Names", name);
        row.put("CreatedAt", "2026-11-29 18:03:41.121504087 +0000 UTC");
        return row;
    }

    private static final List<Map<String, Object>> ROWS = List.of(
            container("6c26cfe3f4b1", "/bin/true", "c1"), container("4429bef7aa2d", "/x y", "c2"));

    private static String print(String format, List<? extends Map<String, ?>> rows) {
        StringWriter text = new StringWriter();
        Output.print(new PrintWriter(text), format, rows, PS_COLUMNS);
        return text.toString();
    }

    @Test
    void defaultTableMatchesPodmanPs() {
        String expected = """
                CONTAINER ID  IMAGE             COMMAND     CREATED                 STATUS      PORTS       NAMES
                6c26cfe3f4b1  localhost/test:1  /bin/true   Less than a second ago  Created                 c1
                4429bef7aa2d  localhost/test:1  /x y        Less than a second ago  Created                 c2
                """;
        assertEquals(expected, print(null, ROWS));
        assertEquals(expected, print("", ROWS));
        assertEquals(expected, print("table", ROWS));
    }

    @Test
    void emptyTableHasOnlyTheHeader() {
        assertEquals("CONTAINER ID  IMAGE       COMMAND     CREATED     STATUS      PORTS       NAMES\n", print(null, List.of()));
    }

    @Test
    void customTableDerivesHeadersFromFields() {
        String expected = """
                CONTAINER ID  NAMES
                6c26cfe3f4b1  c1
                4429bef7aa2d  c2
                """.replace("CONTAINER ID", "ID          ");
        assertEquals(expected, print("table {{.ID}}\\t{{.Names}}", ROWS), "backslash-t as typed in a shell");
        assertEquals(expected, print("table {{.ID}}\t{{.Names}}", ROWS), "a real tab");
        assertEquals("""
                ID            CREATED AT                               IMAGE
                6c26cfe3f4b1  2026-11-29 18:03:41.121504087 +0000 UTC  localhost/test:1
                4429bef7aa2d  2026-11-29 18:03:41.121504087 +0000 UTC  localhost/test:1
                """, print("table {{.ID}}\\t{{.CreatedAt}}\\t{{.Image}}", ROWS));
    }

    @Test
    void tableColumnsFollowGoTabwriter() {
        String text = new TabWriter().add("a\tbb\tc").add("a-much-longer-cell\tb\tc").add("no tabs").add("x\ty").format();
        assertEquals("""
                a                   bb          c
                a-much-longer-cell  b           c
                no tabs
                x           y
                """, text, "a line without tabs ends a column block");
    }

    @Test
    void templatePrintsOneLinePerRow() {
        assertEquals("c1 Created\nc2 Created\n", print("{{.Names}} {{.Status}}", ROWS));
        assertEquals("c1\tCreated\nc2\tCreated\n", print("{{.Names}}\\t{{.Status}}", ROWS));
        assertEquals("c1\nc2\n", print("{{.Names}}\\n", ROWS), "no second newline when the template ends with one");
        assertEquals("plain\nplain\n", print("plain", ROWS));
        assertEquals("tablex\ntablex\n", print("tablex", ROWS), "only the word table starts a table");
    }

    @Test
    void templateErrorsAreInvalidInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> print("{{.Foo}}", ROWS));
        assertEquals("template: output:1:2: executing \"output\" at <.Foo>: can't evaluate field Foo", e.getMessage());
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        assertThrows(InvalidInputException.class, () -> Output.print(out, "table {{.ID}}\\t{{.Foo}}", ROWS, PS_COLUMNS));
        assertThrows(InvalidInputException.class, () -> Output.print(out, "{{if eq .Names \"c2\"}}{{.Foo}}{{end}}", ROWS, PS_COLUMNS));
        assertEquals("", text.toString(), "nothing is printed when a row fails");
        assertEquals("", print("{{.Foo}}", List.of()), "like podman, an unknown field only fails when a row is printed");
        assertThrows(InvalidInputException.class, () -> print("{{.Names", List.of()), "syntax is checked even without rows");
    }

    @Test
    void jsonIsAnIndentedArray() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Id", "abc");
        row.put("Names", List.of("c1"));
        row.put("Labels", Map.of("a", "b"));
        row.put("Mounts", List.of());
        row.put("Namespaces", Map.of());
        row.put("Ports", null);
        row.put("Exited", false);
        row.put("ExitCode", 0);
        row.put("CreatedAt", Instant.parse("2026-11-29T18:03:34.443650030Z"));
        row.put("Port", new GoTemplateTest.Port("0.0.0.0", 80));
        String expected = """
                [
                  {
                    "Id": "abc",
                    "Names": [
                      "c1"
                    ],
                    "Labels": {
                      "a": "b"
                    },
                    "Mounts": [],
                    "Namespaces": {},
                    "Ports": null,
                    "Exited": false,
                    "ExitCode": 0,
                    "CreatedAt": "2026-11-29T18:03:34.44365003Z",
                    "Port": {
                      "hostIp": "0.0.0.0",
                      "hostPort": 80
                    }
                  }
                ]
                """;
        assertEquals(expected, print("json", List.of(row)));
        assertEquals(expected, print(" {{ json . }} ", List.of(row)), "podman treats {{json .}} as --format json");
        assertEquals("[]\n", print("json", List.of()));
    }

    @Test
    void jsonIndentationFollowsTheCommand() {
        StringWriter text = new StringWriter();
        Output.printJson(new PrintWriter(text), List.of(Map.of("Time", Instant.parse("2024-01-02T03:04:05Z"))));
        assertEquals("[\n     {\n          \"Time\": \"2024-01-02T03:04:05Z\"\n     }\n]\n", text.toString(), "inspect: 5 spaces");

        StringWriter images = new StringWriter();
        Output.print(new PrintWriter(images), "json", List.of(Map.of("Names", List.of("a"))), PS_COLUMNS, Output.IMAGES_INDENT);
        assertEquals("[\n    {\n        \"Names\": [\n            \"a\"\n        ]\n    }\n]\n", images.toString());
    }

    @Test
    void humanSizeUsesThreeSignificantDecimalDigits() {
        assertEquals("0 B", Output.humanSize(0));
        assertEquals("834 B", Output.humanSize(834));
        assertEquals("1 kB", Output.humanSize(1000));
        assertEquals("1.2 kB", Output.humanSize(1200));
        assertEquals("12.2 kB", Output.humanSize(12216));
        assertEquals("703 kB", Output.humanSize(702589));
        assertEquals("1e+03 kB", Output.humanSize(999_999), "go-units' own rounding quirk");
        assertEquals("2.14 MB", Output.humanSize(2141274));
        assertEquals("4.87 MB", Output.humanSize(4865095));
        assertEquals("1.5 GB", Output.humanSize(1_500_000_000L));
        assertEquals("9.22 EB", Output.humanSize(Long.MAX_VALUE));
    }

    @Test
    void humanDurationUsesGoUnitsWording() {
        assertEquals("Less than a second", Output.humanDuration(Duration.ofMillis(999)));
        assertEquals("Less than a second", Output.humanDuration(Duration.ofSeconds(-5)));
        assertEquals("1 second", Output.humanDuration(Duration.ofSeconds(1)));
        assertEquals("59 seconds", Output.humanDuration(Duration.ofMillis(59_999)));
        assertEquals("About a minute", Output.humanDuration(Duration.ofSeconds(119)));
        assertEquals("3 minutes", Output.humanDuration(Duration.ofMinutes(3)));
        assertEquals("59 minutes", Output.humanDuration(Duration.ofMinutes(59)));
        assertEquals("About an hour", Output.humanDuration(Duration.ofMinutes(89)));
        assertEquals("2 hours", Output.humanDuration(Duration.ofMinutes(90)));
        assertEquals("47 hours", Output.humanDuration(Duration.ofHours(47)));
        assertEquals("2 days", Output.humanDuration(Duration.ofHours(48)));
        assertEquals("13 days", Output.humanDuration(Duration.ofDays(13)));
        assertEquals("2 weeks", Output.humanDuration(Duration.ofDays(14)));
        assertEquals("8 weeks", Output.humanDuration(Duration.ofDays(59)));
        assertEquals("2 months", Output.humanDuration(Duration.ofDays(60)));
        assertEquals("24 months", Output.humanDuration(Duration.ofDays(729)));
        assertEquals("2 years", Output.humanDuration(Duration.ofDays(730)));
        assertEquals("3 minutes ago", Output.ago(Duration.ofSeconds(200)));
    }

    @Test
    void floatsPrintLikeGo() {
        assertEquals("1.5", GoValues.formatFloat(1.5, -1));
        assertEquals("3", GoValues.formatFloat(3.0, -1));
        assertEquals("123456", GoValues.formatFloat(123456.0, -1));
        assertEquals("1e+06", GoValues.formatFloat(1e6, -1));
        assertEquals("1.234567e+06", GoValues.formatFloat(1234567.0, -1));
        assertEquals("0.0001", GoValues.formatFloat(0.0001, -1));
        assertEquals("1e-05", GoValues.formatFloat(0.00001, -1));
        assertEquals("-2.5", GoValues.formatFloat(-2.5, -1));
        assertEquals("100", GoValues.formatFloat(100.0, 3));
        assertEquals("1.23e+04", GoValues.formatFloat(12345.0, 3));
    }
}
