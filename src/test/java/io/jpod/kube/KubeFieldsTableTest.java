package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docs/kube-fields.md and the pod's {@link FieldCheck} agree: every field a row of the Containers, Volumes, securityContext
 * and Pod tables names (rows whose first cell is a list of field names) is honoured by the check when the row says
 * "honoured", and reported by it when the row says "warns" or is N/A and "warned".
 */
public class KubeFieldsTableTest {
    private static final Pattern FIELD = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)*");
    /** Where each table's fields are, in a Pod (securityContext: the pod's and a container's). */
    private static final Map<String, List<String>> PLACES = Map.of(
            "Containers", List.of("spec.containers[].", "spec."), // initContainers, a list of containers, is the pod's
            "Volumes", List.of("spec.volumes[]."),
            "securityContext (pod and container)", List.of("spec.securityContext.", "spec.containers[].securityContext."),
            "Pod", List.of("spec."));

    /** Fields the field check lets through because the translator warns about them itself (with their own words). */
    private static final java.util.Set<String> WARNED_WHEN_TRANSLATED = java.util.Set.of("seLinuxOptions", "appArmorProfile");

    /** A row of a table: its section, its fields, and whether they are honoured (else warned). */
    private record Row(String section, List<String> fields, boolean honoured, String line) {
    }

    private static List<Row> rows() throws IOException {
        Path doc = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "docs/kube-fields.md");
        List<Row> out = new ArrayList<>();
        String section = "";
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("## ")) {
                section = line.substring(3).strip();
                continue;
            }
            if (!PLACES.containsKey(section) || !line.startsWith("| ") || line.startsWith("| field") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String first = cells[1].replaceAll("\\([^)]*\\)", "").replace("`", "").strip();
            String status = cells[2].strip();
            String notes = cells[3].strip();
            boolean honoured = status.startsWith("honoured") && !status.contains("warns");
            boolean warned = status.equals("warns") || status.equals("N/A") && notes.contains("warned");
            List<String> fields = List.of(first.split(",\\s*"));
            if ((honoured || warned) && fields.stream().allMatch(f -> FIELD.matcher(f).matches())) {
                out.add(new Row(section, fields, honoured, line));
            }
        }
        return out;
    }

    /** A pod document with {@code path} (dotted, {@code []} for a list's item) set to a value that asks for something. */
    private static JsonNode podWith(String path) {
        ObjectNode root = JsonMapper.shared().createObjectNode();
        ObjectNode at = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            String p = parts[i];
            if (p.endsWith("[]")) {
                at = at.putArray(p.substring(0, p.length() - 2)).addObject();
            } else {
                at = at.has(p) ? (ObjectNode) at.get(p) : at.putObject(p);
            }
        }
        at.put(parts[parts.length - 1], "asked");
        return root;
    }

    /** Whether the pod's field check honours {@code path} (does not report it). */
    private static boolean honours(String path) {
        return PodTranslator.FIELDS.unsupported(podWith(path)).isEmpty();
    }

    @Test
    void everyFieldOfTheTablesIsHonouredOrWarnedAsItsRowSays() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() > 30, () -> "the tables' rows were read: " + rows.size());
        List<String> disagree = new ArrayList<>();
        for (Row row : rows) {
            for (String field : row.fields()) {
                List<String> paths = field.startsWith("metadata.") ? List.of(field)
                        : PLACES.get(row.section()).stream().map(p -> p + field).toList();
                boolean honoured = paths.stream().anyMatch(KubeFieldsTableTest::honours);
                if (honoured != row.honoured() && !(honoured && WARNED_WHEN_TRANSLATED.contains(field))) {
                    disagree.add(field + " (" + row.section() + "): the table says " + (row.honoured() ? "honoured" : "warned")
                            + ", FieldCheck " + (honoured ? "honours it" : "reports it") + ": " + row.line());
                }
            }
        }
        assertEquals(List.of(), disagree);
    }

    @Test
    void aWarnedFieldIsWarnedWhenAPodIsTranslated() {
        PodTranslator.Result r = new PodTranslator(KubeMapper.yaml()).translate(new KubeReader().parse("f.yaml",
                new java.io.ByteArrayInputStream("""
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: p}
                        spec:
                          priorityClassName: high
                          nodeSelector: {disk: ssd}
                          securityContext:
                            seLinuxOptions: {level: "s0:c1"}
                            appArmorProfile: {type: RuntimeDefault}
                          containers:
                          - name: a
                            image: busybox
                            tty: true
                            securityContext:
                              seLinuxOptions: {level: "s0:c1"}
                              appArmorProfile: {type: RuntimeDefault}
                        """.getBytes(java.nio.charset.StandardCharsets.UTF_8))).get(0), VolumeTranslatorTest.SOURCES);
        for (String field : List.of("spec.priorityClassName", "spec.nodeSelector", "spec.containers[0].tty")) {
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("field " + field + " is not supported yet")),
                    () -> field + ": " + r.warnings());
        }
        for (String field : List.of("spec.securityContext.seLinuxOptions", "spec.securityContext.appArmorProfile",
                "spec.containers[0].securityContext.seLinuxOptions", "spec.containers[0].securityContext.appArmorProfile")) {
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("field " + field + " is not honoured")),
                    () -> field + ": " + r.warnings());
        }
    }

    /** The fields of src/test/resources/kube/every-field.yaml that warn, as the play says them. */
    public static final List<String> WARNED_IN_EVERY_FIELD = List.of("spec.nodeSelector", "spec.priorityClassName", "spec.serviceAccountName",
            "spec.containers[0].stdin", "spec.containers[0].tty");

    @Test
    void thePodOfEveryFieldPlansWithTheWarningsOfItsWarnedFieldsOnly() {
        Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src/test/resources/kube/every-field.yaml");
        Plan plan = new KubePlanner().plan(List.of(KubeFile.of(file.toString(), false, new KubeReader().read(file.toString(), Inputs.ofProcess()))),
                NodeFacts.UNKNOWN, false);
        assertEquals(List.of(), plan.problems());
        List<String> expected = WARNED_IN_EVERY_FIELD.stream()
                .map(f -> file + ":13:1: Pod fields: field " + f + " is not supported yet and is ignored").toList();
        assertEquals(expected, plan.warnings());
    }
}
