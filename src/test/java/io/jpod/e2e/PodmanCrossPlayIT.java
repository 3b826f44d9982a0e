package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * YAML crosses from podman to jpod (issue 5): podman's generated YAML plays in jpod, giving
 * containers that run the same commands, as the same user, with the same environment and hostname
 * ({@link Podman#ASPECTS}). Rootless podman 4.3.1 runs as the same test user ({@link Podman}).
 *
 * <p>The other direction, jpod's generated YAML played in podman, is tested by {@link ExamplesIT}
 * for every example podman can play ({@link Podman#CANNOT_PLAY} lists the others, with the reason),
 * from the play and observation it already makes of each example.
 */
class PodmanCrossPlayIT extends PodmanPlayingIT {
    @ParameterizedTest
    @ValueSource(strings = {"hello-pod.yaml"})
    void podmansGeneratedYamlPlaysInJpod(String example) throws IOException {
        // podman plays the example, and generates YAML of its pods (after the example's ConfigMaps and Secrets)
        String text = Harness.withPortOffset(Files.readString(h.project().resolve("examples/kube").resolve(example)));
        Path dir = ExamplesIT.exampleDir(example);
        Path yaml = ExamplesIT.write(dir.resolve(example), text);
        podman.ok("kube", "play", yaml.toString());
        List<String> podmanPods = podman.pods();
        PodObservation.settle(podman, podmanPods, ExamplesIT.SETTLE);
        PodObservation inPodman = Podman.comparable(PodObservation.of(podman, podmanPods, Podman.ASPECTS));
        Result generate = podman.ok(ExamplesIT.args(List.of("kube", "generate"), podmanPods));
        Path generated = ExamplesIT.write(dir.resolve("podman-generated-" + example), ExamplesIT.configDocuments(text) + generate.out());
        podman.ok("kube", "down", yaml.toString());

        PodObservation.Cli jpod = h::jpod;
        Result play = h.jpodOk("kube", "play", generated.toString());
        assertFalse(play.err().contains("not supported"), () -> "what podman generates for the example is all understood\n" + play.describe());
        List<String> jpodPods = jpod.ok("pod", "ps", "--format", "{{.Name}}").outLines();
        assertEquals(podmanPods, jpodPods, "the same pods");
        PodObservation.settle(jpod, jpodPods, ExamplesIT.SETTLE);
        inPodman.assertSameAs(Podman.comparable(PodObservation.of(jpod, jpodPods, Podman.ASPECTS)), example + ": jpod playing podman's YAML");
        h.jpodOk("kube", "down", generated.toString());
    }
}
