package io.jpod.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.InvalidInputException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateTest {
    record Port(String hostIp, int hostPort) {
    }

    record Container(String id, List<String> names, Port port) {
    }

    private static Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", "6c26cfe3f4b1");
        row.put("Names", List.of("web", "db"));
        row.put("Labels", Map.of("b", "2", "a", "1"));
        row.put("Status", "Created");
        row.put("Size", 4865095L);
        row.put("Ratio", 1.5);
        row.put("Whole", 3.0);
        row.put("Running", false);
        row.put("Empty", "");
        row.put("Nothing", null);
        row.put("Created", Instant.parse("2026-11-29T18:03:41.121504087Z"));
        row.put("Container", new Container("abc", List.of("x"), new Port("0.0.0.0", 8080)));
        row.put("Nested", Map.of("Inner", Map.of("Leaf", "deep")));
        return row;
    }

    private static String run(String template) {
        return GoTemplate.parse(template).execute(row());
    }

    private static String error(String template) {
        return assertThrows(InvalidInputException.class, () -> run(template)).getMessage();
    }

    @Test
    void printsTextAndFields() {
        assertEquals("id=6c26cfe3f4b1 status=Created", run("id={{.ID}} status={{ .Status }}"));
        assertEquals("no fields here", run("no fields here"));
        assertEquals("", run(""));
    }

    @Test
    void printsValuesTheWayGoDoes() {
        assertEquals("[web db]", run("{{.Names}}"));
        assertEquals("map[a:1 b:2]", run("{{.Labels}}"));
        assertEquals("false|4865095|1.5|3|<no value>|", run("{{.Running}}|{{.Size}}|{{.Ratio}}|{{.Whole}}|{{.Nothing}}|{{.Empty}}"));
        assertEquals("2026-11-29 18:03:41.121504087 +0000 UTC", run("{{.Created}}"));
        assertEquals("{abc [x] {0.0.0.0 8080}}", run("{{.Container}}"));
        assertEquals("[a <nil> b]", GoTemplate.parse("{{.}}").execute(Arrays.asList("a", null, "b")));
    }

    @Test
    void followsNestedFieldsThroughMapsAndRecords() {
        assertEquals("deep", run("{{.Nested.Inner.Leaf}}"));
        assertEquals("abc 8080 [x]", run("{{.Container.ID}} {{.Container.Port.HostPort}} {{.Container.names}}"));
        assertEquals("<no value>", run("{{.Labels.missing}}"), "a missing key in a nested map is Go's zero value");
        assertEquals("<no value>", run("{{.Nothing.Deeper}}"));
    }

    @Test
    void unknownFieldIsAnErrorLikeGo() {
        assertEquals("template: output:1:2: executing \"output\" at <.Foo>: can't evaluate field Foo", error("{{.Foo}}"));
        assertEquals("template: output:1:7: executing \"output\" at <.names>: can't evaluate field names", error("name={{.names}}"));
        assertEquals("template: output:2:3: executing \"output\" at <.Status.Foo>: can't evaluate field Foo in type string",
                error("{{.ID}}\n {{.Status.Foo}}"));
        assertEquals("template: output:1:2: executing \"output\" at <.Container.Bogus>: can't evaluate field Bogus",
                error("{{.Container.Bogus}}"));
    }

    @Test
    void json() {
        assertEquals("[\"web\",\"db\"]", run("{{json .Names}}"));
        assertEquals("\"Created\"|null|\"2026-11-29T18:03:41.121504087Z\"", run("{{json .Status}}|{{json .Nothing}}|{{json .Created}}"));
        assertEquals("{\"id\":\"abc\",\"names\":[\"x\"],\"port\":{\"hostIp\":\"0.0.0.0\",\"hostPort\":8080}}", run("{{json .Container}}"));
        assertEquals("{\"a\":[true]}", GoTemplate.parse("{{json .}}").execute(Map.of("a", List.of(true))));
    }

    @Test
    void stringAndListFunctions() {
        assertEquals("CREATED created", run("{{upper .Status}} {{lower .Status}}"));
        assertEquals("web,db", run("{{join .Names \",\"}}"));
        assertEquals("2 2 7 0", run("{{len .Names}} {{len .Labels}} {{len .Status}} {{len .Empty}}"));
        assertEquals("1 db", run("{{index .Labels \"a\"}} {{index .Names 1}}"));
        assertEquals("[]", run("[{{index .Labels \"missing\"}}]"), "podman's labels are map[string]string: zero value is empty");
        assertEquals("[a b c]", run("{{split \"a:b:c\" \":\"}}"));
        assertEquals("Hello World-X", run("{{title \"hello world-x\"}}"));
        assertEquals("  Created ", run("{{pad .Status 2 1}}"));
        assertEquals("6c26", run("{{truncate .ID 4}}"));
    }

    @Test
    void pipelinesAndParentheses() {
        assertEquals("CREATED", run("{{.Status | upper}}"));
        assertEquals("<Created>", run("{{.Status | printf \"<%s>\"}}"));
        assertEquals("WEB", run("{{upper (index .Names 0)}}"));
        assertEquals("{\"Inner\":{\"Leaf\":\"deep\"}}", run("{{.Nested | json}}"));
    }

    @Test
    void printf() {
        assertEquals("Created-5", run("{{printf \"%s-%d\" .Status 5}}"));
        assertEquals("[   ab|ab   |00042|+7|\"a\\\"b\"]", run("{{printf \"[%5s|%-5s|%05d|%+d|%q]\" \"ab\" \"ab\" 42 7 \"a\\\"b\"}}"));
        assertEquals("1.50 1.5 [web db] ff FF 101 true A 100%", run("{{printf \"%.2f %v %v %x %X %b %t %c 100%%\" .Ratio .Ratio .Names 255 255 5 true 65}}"));
        assertEquals("Cre", run("{{printf \"%.3s\" .Status}}"));
        assertEquals("%!d(string=x) %!s(MISSING)", run("{{printf \"%d %s\" \"x\"}}"));
        assertEquals("a%!(EXTRA int=1, string=b)", run("{{printf \"a\" 1 \"b\"}}"));
    }

    @Test
    void conditionals() {
        assertEquals("yes", run("{{if .Labels}}yes{{else}}no{{end}}"));
        assertEquals("no", run("{{if .Running}}yes{{else}}no{{end}}"));
        assertEquals("", run("{{if .Empty}}yes{{end}}"));
        assertEquals("second", run("{{if .Running}}first{{else if .Names}}second{{else}}third{{end}}"));
        assertEquals("third", run("{{if .Running}}first{{else if .Empty}}second{{else}}third{{end}}"));
        assertEquals("both", run("{{if and .Names (not .Running)}}both{{end}}"));
        assertEquals("x", run("{{if or .Empty .Status}}x{{end}}"));
        assertEquals("eq ne lt ge", run("{{if eq .Status \"Created\"}}eq{{end}} {{if ne .Size 1}}ne{{end}} "
                + "{{if lt 1 2.5}}lt{{end}} {{if ge \"b\" \"a\"}}ge{{end}}"));
        assertEquals("deep", run("{{with .Nested.Inner}}{{.Leaf}}{{end}}"));
        assertEquals("none", run("{{with .Empty}}{{.}}{{else}}none{{end}}"));
        assertEquals("[web:yes][db:no]", run("{{range .Names}}[{{.}}:{{if eq . \"web\"}}yes{{else}}no{{end}}]{{end}}"));
        assertEquals("inner outer", run("{{if .Names}}{{if .Running}}x{{else}}inner{{end}} outer{{end}}"));
    }

    @Test
    void range() {
        assertEquals("<web><db>", run("{{range .Names}}<{{.}}>{{end}}"));
        assertEquals("1,2,", run("{{range .Labels}}{{.}},{{end}}"), "a map ranges over its values in key order");
        assertEquals("none", run("{{range .Nothing}}x{{else}}none{{end}}"));
        assertEquals("web@6c26cfe3f4b1 db@6c26cfe3f4b1 ", run("{{range .Names}}{{.}}@{{$.ID}} {{end}}"));
        assertEquals("template: output:1:8: executing \"output\" at <.Status>: range can't iterate over Created",
                error("{{range .Status}}{{end}}"));
    }

    @Test
    void trimMarkersAndComments() {
        assertEquals("a|Created|b", run("a  {{- \"|\" -}}  {{.Status}}{{- \"|\" }}b"));
        assertEquals("ab", run("a{{/* a comment */}}b"));
        assertEquals("-5", run("{{-5}}"), "{{- needs a space to trim");
    }

    @Test
    void syntaxErrorsNameTheProblem() {
        assertEquals("template: output:1: unclosed action", error("{{.Names"));
        assertEquals("template: output:1: unexpected EOF", error("{{if .Names}}x"));
        assertEquals("template: output:1: unexpected {{end}}", error("{{end}}"));
        assertEquals("template: output:1: unexpected {{else}}", error("x{{else}}"));
        assertEquals("template: output:2: function \"foo\" not defined", error("\n{{foo .Names}}"));
        assertEquals("template: output:1: unterminated quoted string", error("{{join .Names \",}}"));
        assertEquals("template: output:1: missing value for command", error("{{}}"));
        assertEquals("template: output:1: unexpected \"{\" in command", error("{{{.ID}}}"));
        assertEquals("template: output:1: unexpected {{else if}} in range", error("{{range .Names}}{{else if .ID}}{{end}}"));
        assertEquals("template: output:1: variables are not supported", error("{{$x := .ID}}"));
    }

    @Test
    void callErrorsNameTheFunction() {
        assertEquals("template: output:1:2: executing \"output\" at <join>: wrong number of args for join: want 2 got 1",
                error("{{join .Names}}"));
        assertEquals("template: output:1:2: executing \"output\" at <join>: wrong type for value; expected []string; got string",
                error("{{join .Status \",\"}}"));
        assertEquals("template: output:1:2: executing \"output\" at <upper>: wrong type for value; expected string; got int",
                error("{{upper .Size}}"));
        assertEquals("template: output:1:2: executing \"output\" at <.ID>: can't give argument to non-function .ID",
                error("{{.ID .Status}}"));
        assertEquals("template: output:1:2: executing \"output\" at <index>: index out of range: 5", error("{{index .Names 5}}"));
    }

    @Test
    void headerNamesTheFieldsUsed() {
        assertEquals("ID\tCREATED AT\tIMAGE ID", GoTemplate.parse("{{.ID}}\t{{.CreatedAt}}\t{{.ImageID}}").header());
        assertEquals("NAMES: LABELS", GoTemplate.parse("{{join .Names \",\"}}: {{if .Labels}}x{{end}}").header());
        assertEquals("", GoTemplate.parse("{{json .}}").header());
    }

    @Test
    void splitsCamelCaseLikePodman() {
        assertEquals(List.of("Created", "At"), GoTemplate.camelCaseWords("CreatedAt"));
        assertEquals(List.of("Image", "ID"), GoTemplate.camelCaseWords("ImageID"));
        assertEquals(List.of("PDF", "Loader"), GoTemplate.camelCaseWords("PDFLoader"));
        assertEquals(List.of("GL", "11", "Version"), GoTemplate.camelCaseWords("GL11Version"));
        assertEquals(List.of("ID"), GoTemplate.camelCaseWords("ID"));
    }
}
