package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * YAML crosses between jpod and podman (issue 5): jpod's generated YAML plays in podman, and
 * podman's generated YAML plays in jpod, giving containers that run the same commands, as the same
 * user, with the same environment and hostname. Rootless podman 4.3.1 (with runc: crun fails on
 * these hosts) runs as the same test user; podman is a test prerequisite (scripts/host-packages.txt).
 *
 * <p>Not every example can cross: podman 4.3 cannot play some of them at all, whoever wrote the YAML
 * ({@link #PODMAN_CANNOT}); those are left out with the reason, and the rest must pass.
 */
class PodmanCrossPlayIT {
    /** Examples podman 4.3.1 itself fails to play, and why (seen with podman's own play of them). */
    static final Map<String, String> PODMAN_CANNOT = Map.of(
            "configmap-and-secret.yaml", "podman 4.3 reads a Secret's value as JSON for secretKeyRef (\"secret shop-db is not valid JSON\")",
            "volumes.yaml", "podman 4.3 panics on a secret volume (nil pointer in kube.VolumeFromSecret)",
            "security-and-dns.yaml", "rootless podman 4.3 on this cgroup v1 host cannot start a container with a memory limit "
                    + "(\"cannot set memory limit: container could not join or create cgroup\")");
    /** What is compared between jpod's and podman's containers: what the YAML says, seen from inside. */
    static final List<String> ASPECTS = List.of("image", "command", "id", "env", "hostname", "state", "logs");
    private static Harness h;
    private static PodObservation.Cli podman;
    private static PodObservation.Cli jpod;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
        assertTrue(Harness.which("podman").isPresent(), "podman is a test prerequisite (scripts/host-packages.txt)");
        podman = args -> {
            List<String> all = new ArrayList<>(List.of("--runtime", "runc"));
            all.addAll(List.of(args));
            return h.asUser("podman", all.toArray(String[]::new));
        };
        jpod = h::jpod;
        podman.ok("system", "reset", "-f");
        podman.ok("import", "--change", "ENV=PATH=/bin:/usr/bin", h.rootfsTar().toString(), Harness.IMAGE);
    }

    @AfterEach
    void nothingLeft() {
        podman.apply(new String[] {"pod", "rm", "-a", "-f"});
        h.assertTestLeftNothing(false);
    }

    @AfterAll
    static void tearDown() {
        if (podman != null) {
            podman.apply(new String[] {"system", "reset", "-f"});
            stopPodmansPauseProcess();
        }
        if (h != null) {
            h.cleanUp();
        }
    }

    /** Podman's rootless pause process outlives its commands; the suite checks that the user has nothing left running. */
    static void stopPodmansPauseProcess() {
        Path pid = Harness.RUN_DIR.resolve("libpod/tmp/pause.pid");
        try {
            if (Files.exists(pid)) {
                Harness.root("kill", Files.readString(pid).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + pid, e);
        }
    }

    static Stream<String> examplesPodmanCanPlay() throws IOException {
        return ExamplesIT.examples().filter(e -> !PODMAN_CANNOT.containsKey(e));
    }

    /** Env without the variables each engine sets for itself (podman's exec has no HOSTNAME; CRI runtimes and jpod set it). */
    static PodObservation comparable(PodObservation o) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        o.containers().forEach((name, seen) -> {
            Map<String, String> copy = new TreeMap<>(seen);
            copy.computeIfPresent("env", (k, env) -> String.join("\n",
                    env.lines().filter(l -> !l.matches("(container|HOME|TERM|HOSTNAME)=.*")).toList()));
            out.put(name, copy);
        });
        return new PodObservation(out);
    }

    static List<String> pods(PodObservation.Cli cli) {
        return cli.ok("pod", "ps", "--format", "{{.Name}}").outLines();
    }

    /**
     * What one engine played of an example, and the YAML it generated of it: the example is played
     * with {@code cli}, observed, generated (after the example's ConfigMaps and Secrets) and taken down.
     */
    record Played(List<String> pods, PodObservation seen, Path generated, Result generate) {
        static Played by(PodObservation.Cli cli, String engine, String example) throws IOException {
            String text = Harness.withPortOffset(Files.readString(h.project().resolve("examples/kube").resolve(example)));
            Path dir = ExamplesIT.exampleDir(example);
            Path yaml = ExamplesIT.write(dir.resolve(example), text);
            cli.ok("kube", "play", yaml.toString());
            List<String> pods = PodmanCrossPlayIT.pods(cli);
            PodObservation.settle(cli, pods, ExamplesIT.SETTLE);
            PodObservation seen = comparable(PodObservation.of(cli, pods, ASPECTS));
            // jpod writes a workload's pods as their workload unless told a type; podman 4.3 plays no Job or DaemonSet
            Result generate = cli.ok(ExamplesIT.args(engine.equals("jpod") ? List.of("kube", "generate", "--type", "pod")
                    : List.of("kube", "generate"), pods));
            Path generated = ExamplesIT.write(dir.resolve(engine + "-generated-" + example), ExamplesIT.configDocuments(text) + generate.out());
            cli.ok("kube", "down", yaml.toString());
            return new Played(pods, seen, generated, generate);
        }
    }

    @ParameterizedTest
    @MethodSource("examplesPodmanCanPlay")
    void jpodsGeneratedYamlPlaysInPodman(String example) throws IOException {
        Played byJpod = Played.by(jpod, "jpod", example);
        List<String> jpodPods = byJpod.pods();
        PodObservation inJpod = byJpod.seen();
        Path generated = byJpod.generated();
        Result generate = byJpod.generate();

        Result play = podman.apply(new String[] {"kube", "play", generated.toString()});
        assertEquals(0, play.code(), () -> "podman plays jpod's generated YAML\n" + play.describe() + "\n" + generate.out());
        List<String> podmanPods = pods(podman);
        assertEquals(jpodPods.stream().sorted().toList(), podmanPods.stream().sorted().toList(), "the same pods");
        PodObservation.settle(podman, podmanPods, ExamplesIT.SETTLE);
        inJpod.assertSameAs(comparable(PodObservation.of(podman, podmanPods, ASPECTS)), example + ": podman playing jpod's YAML");
        podman.ok("kube", "down", generated.toString());
        podman.apply(new String[] {"volume", "prune", "-f"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-pod.yaml"})
    void podmansGeneratedYamlPlaysInJpod(String example) throws IOException {
        Played byPodman = Played.by(podman, "podman", example);
        List<String> podmanPods = byPodman.pods();
        PodObservation inPodman = byPodman.seen();
        Path generated = byPodman.generated();

        Result play = h.jpodOk("kube", "play", generated.toString());
        assertFalse(play.err().contains("not supported"), () -> "what podman generates for the example is all understood\n" + play.describe());
        List<String> jpodPods = pods(jpod);
        assertEquals(podmanPods, jpodPods, "the same pods");
        PodObservation.settle(jpod, jpodPods, ExamplesIT.SETTLE);
        inPodman.assertSameAs(comparable(PodObservation.of(jpod, jpodPods, ASPECTS)), example + ": jpod playing podman's YAML");
        h.jpodOk("kube", "down", generated.toString());
    }
}
