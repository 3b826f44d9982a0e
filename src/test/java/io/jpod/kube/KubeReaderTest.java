package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeReaderTest {
    private final KubeReader reader = new KubeReader();

    static String fixture(String name) {
        try {
            return Path.of(KubeReaderTest.class.getResource("/kube/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Inputs inputs(String stdin) {
        return new Inputs(Path.of("").toAbsolutePath(), text(stdin));
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<KubeDocument> parse(String yaml) {
        return reader.parse("t.yaml", text(yaml));
    }

    @Test
    void readsEveryDocumentOfAFileAndSkipsEmptyOnes() {
        String file = fixture("multi.yaml");
        List<KubeDocument> docs = reader.read(file, inputs(""));
        assertEquals(2, docs.size());
        assertEquals("first", docs.get(0).name());
        assertEquals("second", docs.get(1).name());
        assertEquals("Pod", docs.get(1).kind());
        assertEquals("v1", docs.get(1).apiVersion());
        assertEquals(file, docs.get(0).source());
    }

    @Test
    void recordsWhereEachDocumentStarts() {
        String file = fixture("multi.yaml");
        List<KubeDocument> docs = reader.read(file, inputs(""));
        // the first document starts after a comment line; the second is indented by two spaces
        assertEquals(2, docs.get(0).line());
        assertEquals(1, docs.get(0).column());
        assertEquals(file + ":2:1", docs.get(0).where());
        assertEquals(14, docs.get(1).line());
        assertEquals(3, docs.get(1).column());
        assertEquals(file + ":14:3", docs.get(1).where());
    }

    @Test
    void threeDocumentsInARowAreAllRead() {
        List<KubeDocument> docs = parse("kind: A\n---\nkind: B\n---\nkind: C\n");
        assertEquals(List.of("A", "B", "C"), docs.stream().map(KubeDocument::kind).toList());
        assertEquals(List.of(1, 3, 5), docs.stream().map(KubeDocument::line).toList());
    }

    @Test
    void documentsKeepTheirWholeContent() {
        List<KubeDocument> docs = parse("kind: A\nspec:\n  x: [1, 2]\n---\nkind: B\n");
        assertEquals(2, docs.get(0).node().get("spec").get("x").get(1).asInt());
        assertNull(docs.get(0).node().get("spec").get("kind"));
        assertEquals(1, docs.get(1).node().size());
    }

    @Test
    void emptyInputHasNoDocuments() {
        assertEquals(List.of(), parse(""));
        assertEquals(List.of(), parse("---\n---\n# just a comment\n"));
    }

    @Test
    void accessorsAreNullWhenFieldsAreMissingOrNotStrings() {
        KubeDocument d = parse("kind: 5\nmetadata: {}\n").get(0);
        assertNull(d.kind());
        assertNull(d.apiVersion());
        assertNull(d.name());
        KubeDocument noMeta = parse("kind: Pod\n").get(0);
        assertNull(noMeta.name());
    }

    /** Each duplicate key of a document as "line:col: path: message", as the validator shows it. */
    private static List<String> duplicates(KubeDocument doc) {
        return doc.duplicateKeys().stream().map(v -> v.describe(doc)).toList();
    }

    @Test
    void aKeyGivenTwiceInOneMappingIsKeptAsAProblemAtTheSecondOneAndTheFirstValueIsRead() {
        KubeDocument doc = parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: app
                    image: busybox
                    image: nginx
                    ports:
                    - containerPort: 80
                    ports: [{containerPort: 81, name: {a: 1, a: 2}}]
                """).get(0);
        assertEquals(List.of("t.yaml:9:5: spec.containers[0]: duplicate key \"image\" (first at line 8)",
                "t.yaml:12:5: spec.containers[0]: duplicate key \"ports\" (first at line 10)"), duplicates(doc));
        assertEquals("busybox", doc.node().at("/spec/containers/0/image").asString());
        assertEquals(80, doc.node().at("/spec/containers/0/ports/0/containerPort").asInt());
        assertEquals("t.yaml:11:22", doc.at(FieldPath.parse("spec.containers[0].ports[0].containerPort")),
                "the locations are the first value's");
    }

    @Test
    void aDuplicateTopLevelKeyAndOneInAFlowMappingAreProblemsToo() {
        KubeDocument top = parse("kind: Pod\nkind: Service\n").get(0);
        assertEquals(List.of("t.yaml:2:1: (document): duplicate key \"kind\" (first at line 1)"), duplicates(top));
        assertEquals("Pod", top.kind());
        KubeDocument flow = parse("kind: Pod\nmetadata: {name: a, name: b}\n").get(0);
        assertEquals(List.of("t.yaml:2:21: metadata: duplicate key \"name\" (first at line 2)"), duplicates(flow));
    }

    @Test
    void aListItemKeepsItsOwnDuplicateKeysAndTheListsOwnAreAnError() {
        List<KubeDocument> items = parse("""
                apiVersion: v1
                kind: List
                items:
                - kind: ConfigMap
                  metadata: {name: a}
                - kind: ConfigMap
                  metadata: {name: b}
                  data: {k: v, k: w}
                """);
        assertEquals(List.of(), duplicates(items.get(0)));
        assertEquals(List.of("t.yaml:8:16: data: duplicate key \"k\" (first at line 8)"), duplicates(items.get(1)));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parse("apiVersion: v1\nkind: List\nitems: []\nitems: []\n"));
        assertEquals("t.yaml:4:1", e.where(), e.getMessage());
        assertTrue(e.getMessage().endsWith("(document): duplicate key \"items\" (first at line 3)"), e.getMessage());
    }

    @Test
    void theSameKeyInTwoMappingsIsFine() {
        assertEquals(2, parse("kind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: x}, {name: y}]}\n").get(0)
                .node().path("spec").path("containers").size());
    }

    @Test
    void nestingPastTheParsersLimitIsSaidInJpodsWordsWhereItHappens() {
        String deep = "kind: Pod\nspec:\n  x: " + "[".repeat(600) + "]".repeat(600) + "\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(deep));
        assertEquals("t.yaml:3:504", e.where(), e.getMessage());
        assertTrue(e.getMessage().contains("nested more than 500 levels deep"), e.getMessage());
        assertTrue(!e.getMessage().contains("StreamReadConstraints"), "no Java names: " + e.getMessage());
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() {
        String file = fixture("bad-indent.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(file, inputs("")));
        assertTrue(e.getMessage().startsWith(file + ":9:13: invalid YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("mapping values are not allowed here"), e.getMessage());
        assertEquals(file + ":9:13", e.where());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void tabIndentationIsReportedWhereTheTabIs() {
        String file = fixture("tab-indent.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(file, inputs("")));
        assertTrue(e.getMessage().startsWith(file + ":4:1: invalid YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("TAB"), e.getMessage());
    }

    @Test
    void unterminatedFlowSequenceIsReportedWhereTheProblemIsFound() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("a: 1\nb: [1, 2\nc: 3\n"));
        assertTrue(e.getMessage().startsWith("t.yaml:3:2: invalid YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("2:4"), "names where the sequence started: " + e.getMessage());
    }

    @Test
    void unterminatedQuoteIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("a: \"open\nb: 2\n"));
        assertTrue(e.getMessage().startsWith("t.yaml:3:1: invalid YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("quoted scalar"), e.getMessage());
    }

    @Test
    void syntaxErrorInALaterDocumentNamesItsLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parse("kind: A\n---\nkind: B\nmetadata:\n  name: x\n   y: z\n"));
        assertTrue(e.getMessage().startsWith("t.yaml:6:5: invalid YAML"), e.getMessage());
    }

    @Test
    void aListDocumentIsRejected() {
        String file = fixture("second-is-list.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(file, inputs("")));
        assertEquals(file + ":6:1: a Kubernetes document must be a mapping, found a list", e.getMessage());
    }

    @Test
    void aScalarDocumentIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("hello\n"));
        assertEquals("t.yaml:1:1: a Kubernetes document must be a mapping, found a string", e.getMessage());
        InvalidInputException n = assertThrows(InvalidInputException.class, () -> parse("kind: A\n---\n42\n"));
        assertEquals("t.yaml:3:1: a Kubernetes document must be a mapping, found a scalar", n.getMessage());
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        String file = dir.resolve("nope.yaml").toString();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(file, inputs("")));
        assertEquals(file + ": no such file", e.getMessage());
        assertEquals(file, e.where());
    }

    @Test
    void directoryCannotBeRead(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(dir.toString(), inputs("")));
        assertTrue(e.getMessage().startsWith(dir + ": cannot read"), e.getMessage());
    }

    @Test
    void dashReadsStandardInput() {
        List<KubeDocument> docs = reader.read("-", inputs("kind: Pod\nmetadata:\n  name: from-stdin\n"));
        assertEquals(1, docs.size());
        assertEquals("from-stdin", docs.get(0).name());
        assertEquals("-:1:1", docs.get(0).where());
    }

    @Test
    void dashErrorsNameStandardInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read("-", inputs("- a\n")));
        assertTrue(e.getMessage().startsWith("-:1:1: "), e.getMessage());
    }

    @Test
    void fileNamedDashInADirectoryIsAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("-");
        Files.writeString(f, "kind: Pod\n");
        List<KubeDocument> docs = reader.read(f.toString(), inputs("kind: Other\n"));
        assertEquals("Pod", docs.get(0).kind());
    }

    @Test
    void aListIsReplacedByItsItemsEachWhereItStarts() {
        List<KubeDocument> docs = parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: first}
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: a}
                -   apiVersion: v1
                    kind: Pod
                    metadata: {name: b}
                """);
        assertEquals(List.of("first", "a", "b"), docs.stream().map(KubeDocument::name).toList());
        assertEquals(List.of("t.yaml:1:1", "t.yaml:8:3", "t.yaml:11:5"), docs.stream().map(KubeDocument::where).toList());
    }

    @Test
    void anEmptyListHasNoDocumentsAndABadOneIsRefused() {
        assertEquals(List.of(), parse("apiVersion: v1\nkind: List\nitems: []\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("kind: List\nitems: [1]\n"));
        assertEquals("t.yaml:2:9: items[0]: a List's items must be objects", e.getMessage());
    }

    @Test
    void knowsWhereEveryNodeIsAndPlacesAMissingOneAtItsParent() {
        KubeDocument d = parse("""
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labels: {app.kubernetes.io/name: web}
                spec:
                  containers:
                  - name: a
                    ports:
                    - containerPort: "80"
                """).get(0);
        assertEquals("t.yaml:5:9", d.at(FieldPath.of("metadata", "name")));
        assertEquals("t.yaml:6:36", d.at(FieldPath.of("metadata", "labels", "app.kubernetes.io/name")));
        assertEquals("t.yaml:9:5", d.at(FieldPath.of("spec", "containers").index(0)));
        assertEquals("t.yaml:11:22", d.at(FieldPath.of("spec", "containers").index(0).field("ports").index(0).field("containerPort")));
        // missing: the container that lacks an image
        assertEquals("t.yaml:9:5", d.at(FieldPath.of("spec", "containers").index(0).field("image")));
        assertEquals("80", d.node().at("/spec/containers/0/ports/0/containerPort").asString());
    }

    @Test
    void theItemsOfAListKeepTheirNodesPositions() {
        KubeDocument d = parse("""
                kind: List
                items:
                - kind: Pod
                  metadata:
                    name: a
                """).get(0);
        assertEquals("t.yaml:3:3", d.where());
        assertEquals("t.yaml:5:11", d.at(FieldPath.of("metadata", "name")));
    }

    @Test
    void aMessageIsPlacedAtTheFieldItNames() {
        KubeDocument d = parse("kind: Pod\nspec:\n  containers:\n  - name: a\n    env: [{name: X}]\n").get(0);
        assertEquals("t.yaml:5:11: spec.containers[0].env[0]: bad", d.locate("spec.containers[0].env[0]: bad"));
        assertEquals("t.yaml:4:5: spec.containers[0].image: missing", d.locate("spec.containers[0].image: missing"));
        assertEquals("t.yaml:1:1: Pod web has no containers", d.locate("Pod web has no containers"));
        assertEquals(FieldPath.of("spec", "containers").index(0).field("env"), FieldPath.parse("spec.containers[0].env"));
    }
}
