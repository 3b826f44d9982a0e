package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Every YAML of examples/kube, as a user would run it: validated, played, and its pods turned back
 * into YAML with {@code kube generate}; then the example is taken down and the generated YAML played
 * instead, which must give pods equal in everything observable ({@link PodObservation}): the round
 * trip of the generate issue, over every example the fidelity issue asks for.
 *
 * <p>The same play also crosses to podman (issue 5): of every example rootless podman 4.3 can play
 * ({@link Podman#CANNOT_PLAY} lists the others, with the reason), jpod generates the pods as pods
 * (podman 4.3 plays no Job or DaemonSet), and once jpod has taken the example down, podman plays
 * that YAML, which must give the same pods, with containers that run the same commands, as the same
 * user, with the same environment and hostname ({@link Podman#ASPECTS}) as jpod's play of the
 * example. {@link PodmanCrossPlayIT} tests the other direction.
 *
 * <p>Generated YAML refers to ConfigMaps and Secrets without carrying them (a Secret's values are
 * never printed), as YAML applied to a cluster where they exist; the test plays it after the
 * example's own ConfigMap and Secret documents.
 */
class ExamplesIT extends PodmanPlayingIT {
    static final Duration SETTLE = Duration.ofSeconds(60);

    /** Every example file name, so a new example is tested without touching this class. */
    static Stream<String> examples() throws IOException {
        Path dir = Harness.get().project().resolve("examples/kube");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            assertFalse(names.isEmpty(), "examples/kube has examples");
            return names.stream();
        }
    }

    /** A directory of the user's for one example: relative hostPaths land there. */
    static Path exampleDir(String example) {
        Path dir = Harness.WORK.resolve("examples").resolve(example.replace(".yaml", ""));
        Harness.rootOk("rm", "-rf", dir.toString());
        Harness.rootOk("install", "-d", "-o", Harness.USER, "-m", "0755", Harness.WORK.resolve("examples").toString(), dir.toString());
        return dir;
    }

    /** Writes {@code text} to {@code file}, readable by the user. */
    static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Harness.rootOk("chmod", "0644", file.toString());
        return file;
    }

    /**
     * The ConfigMap and Secret documents of a YAML file, the items of a {@code kind: List} included,
     * each as a document of its own (what a cluster would already hold).
     */
    static String configDocuments(String yaml) {
        YAMLMapper mapper = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();
        StringBuilder out = new StringBuilder();
        try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                List<JsonNode> objects = new ArrayList<>();
                if ("List".equals(doc.path("kind").asString(""))) {
                    doc.path("items").forEach(objects::add);
                } else {
                    objects.add(doc);
                }
                for (JsonNode o : objects) {
                    if (List.of("ConfigMap", "Secret").contains(o.path("kind").asString(""))) {
                        out.append(mapper.writeValueAsString(o)).append("---\n");
                    }
                }
            }
        }
        return out.toString();
    }

    /** The pods played, from {@code pod ps --format json}: their names and aliases both come from it. */
    static JsonNode podPs() {
        return Harness.json(h.jpodOk("pod", "ps", "--format", "json"));
    }

    static String[] args(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    /** {@code kube validate} (the schemas and Kubernetes' rules) accepts the files, as one set, without a warning. */
    static void assertValid(Path... generated) {
        List<String> args = new ArrayList<>(List.of("kube", "validate"));
        Stream.of(generated).map(Path::toString).forEach(args::add);
        Result r = h.jpod(args.toArray(String[]::new));
        List<String> warnings = r.errLines().stream().filter(l -> !l.contains("are kept but not enforced") // facts of this host
                && !l.contains("a local volume cannot honour its size request")).toList();
        assertTrue(r.code() == 0 && warnings.isEmpty(), () -> "generated YAML validates\n" + r.describe() + "\n"
                + String.join("\n---\n", Stream.of(generated).map(ExamplesIT::readQuietly).toList()));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void playsAndPlaysTheSameFromItsGeneratedYaml(String example) throws IOException {
        String text = Harness.withPortOffset(Files.readString(h.project().resolve("examples/kube").resolve(example)));
        Path dir = exampleDir(example);
        Path yaml = write(dir.resolve(example), text);
        PodObservation.Cli jpod = h::jpod;

        // kube play validates first (DocumentValidatorTest.everyExampleIsValid checks each example without a host)
        h.jpodOk("kube", "play", yaml.toString());
        JsonNode listed = podPs();
        List<String> pods = PodObservation.names(listed);
        List<String> aliases = PodObservation.aliases(listed);
        assertFalse(pods.isEmpty(), () -> example + " plays at least one pod");
        PodObservation.settle(jpod, pods, SETTLE);
        PodObservation played = PodObservation.of(jpod, pods, null);
        assertFalse(played.containers().isEmpty(), () -> example + ": app containers were seen");

        Result generate = h.jpodOk(args(List.of("kube", "generate"), pods));
        assertFalse(generate.err().contains("WARN"), () -> example + ": everything it uses is generated\n" + generate.describe());
        // the claims the example defines come back as PersistentVolumeClaims of the generated YAML
        Path generated = write(dir.resolve("generated-" + example), configDocuments(text) + generate.out());
        // and as the template of a workload: a Deployment for half the examples, a DaemonSet for the others (the
        // wrappers are one code path, unit-tested for each type; what differs per example is its pod's fields)
        String type = examples().toList().indexOf(example) % 2 == 0 ? "deployment" : "daemonset";
        Result other = h.jpodOk(args(List.of("kube", "generate", "--type", type), pods));
        assertValid(generated); // one file at a time: validated together, their ConfigMaps would be defined twice
        assertValid(write(dir.resolve(type + "-" + example), configDocuments(text) + other.out()));
        // and, for podman to play once jpod's pods are down, as pods: podman 4.3 plays no Job or DaemonSet (pods of
        // no workload are generated as pods anyway: what generate wrote is that YAML)
        boolean crosses = !Podman.CANNOT_PLAY.containsKey(example);
        boolean workloadPods = !aliases.equals(pods);
        Result asPods = !crosses ? null : workloadPods ? h.jpodOk(args(List.of("kube", "generate", "--type", "pod"), pods)) : generate;
        Path forPodman = crosses ? write(dir.resolve("pod-" + example), configDocuments(text) + asPods.out()) : null;

        h.jpodOk("kube", "down", "--force", yaml.toString()); // --force: claims' volumes too, so the replay starts as the play did
        assertTrue(h.psAll().isEmpty(), () -> example + ": kube down removed its containers");

        h.jpodOk("kube", "play", generated.toString());
        JsonNode relisted = podPs();
        List<String> again = PodObservation.names(relisted);
        assertEquals(aliases.stream().sorted().toList(), PodObservation.aliases(relisted).stream().sorted().toList(),
                "the generated YAML plays the same pods (a workload's: as many, named after it)");
        PodObservation.settle(jpod, again, SETTLE);
        played.assertSameAs(PodObservation.of(jpod, again, null), example + " played again from its generated YAML");
        h.jpodOk("kube", "down", "--force", generated.toString()); // before podman plays: the same hostPorts

        if (crosses) {
            playsTheSameInPodman(example, forPodman, asPods, pods, played);
        }
    }

    /**
     * Podman plays {@code yaml}, what jpod generated of its first play of the example ({@code generate}),
     * and gives the same pods as that play ({@code jpodPods}), with containers that podman sees as jpod
     * saw them ({@code inJpod}, in {@link Podman#ASPECTS}); then podman takes them down.
     */
    static void playsTheSameInPodman(String example, Path yaml, Result generate, List<String> jpodPods, PodObservation inJpod) {
        Result play = podman.apply(new String[] {"kube", "play", yaml.toString()});
        assertEquals(0, play.code(), () -> "podman plays jpod's generated YAML\n" + play.describe() + "\n" + generate.out());
        List<String> podmanPods = podman.pods();
        assertEquals(jpodPods.stream().sorted().toList(), podmanPods.stream().sorted().toList(), "the same pods");
        PodObservation.settle(podman, podmanPods, SETTLE);
        Podman.comparable(inJpod.only(Podman.ASPECTS)).assertSameAs(
                Podman.comparable(PodObservation.of(podman, podmanPods, Podman.ASPECTS)), example + ": podman playing jpod's YAML");
        podman.ok("kube", "down", yaml.toString());
        podman.apply(new String[] {"volume", "prune", "-f"});
    }
}
