package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rootless podman 4.3.1, run as the test user (with runc: crun fails on these hosts), for the classes
 * that cross YAML between jpod and podman (issue 5): {@link ExamplesIT} plays jpod's generated YAML
 * in it, {@link PodmanCrossPlayIT} plays podman's generated YAML in jpod. Podman is a test
 * prerequisite (scripts/host-packages.txt): missing, it fails the class, never skips it.
 *
 * <p>A class using it calls {@link #forClass} after the harness's set-up, {@link #removePods} after
 * each test and {@link #cleanUp} after the class.
 */
final class Podman implements PodObservation.Cli {
    /** Examples podman 4.3.1 itself fails to play, and why (seen with podman's own play of them). */
    static final Map<String, String> CANNOT_PLAY = Map.of(
            "configmap-and-secret.yaml", "podman 4.3 reads a Secret's value as JSON for secretKeyRef (\"secret shop-db is not valid JSON\")",
            "volumes.yaml", "podman 4.3 panics on a secret volume (nil pointer in kube.VolumeFromSecret)",
            "security-and-dns.yaml", "rootless podman 4.3 on this cgroup v1 host cannot start a container with a memory limit "
                    + "(\"cannot set memory limit: container could not join or create cgroup\")");
    /** What is compared between jpod's and podman's containers: what the YAML says, seen from inside. */
    static final List<String> ASPECTS = List.of("image", "command", "id", "env", "hostname", "state", "logs");

    private final Harness h;

    private Podman(Harness h) {
        this.h = h;
    }

    /** Podman for a class: checked to be installed, its state of the user reset and the busybox image imported. */
    static Podman forClass(Harness h) {
        assertTrue(Harness.which("podman").isPresent(), "podman is a test prerequisite (scripts/host-packages.txt)");
        Podman podman = new Podman(h);
        podman.ok("system", "reset", "-f");
        podman.ok("import", "--change", "ENV=PATH=/bin:/usr/bin", h.rootfsTar().toString(), Harness.IMAGE);
        return podman;
    }

    /** Runs {@code podman --runtime runc args...} as the user. */
    @Override
    public Result apply(String[] args) {
        List<String> all = new ArrayList<>(List.of("--runtime", "runc"));
        all.addAll(List.of(args));
        return h.asUser("podman", all.toArray(String[]::new));
    }

    /** The names of podman's pods. */
    List<String> pods() {
        return ok("pod", "ps", "--format", "{{.Name}}").outLines();
    }

    /** After each test: whatever pods of podman's the test left are removed. */
    void removePods() {
        apply(new String[] {"pod", "rm", "-a", "-f"});
    }

    /** After the class: podman's state of the user reset and its pause process stopped. */
    void cleanUp() {
        apply(new String[] {"system", "reset", "-f"});
        stopPauseProcess();
    }

    /** Podman's rootless pause process outlives its commands; the suite checks that the user has nothing left running. */
    static void stopPauseProcess() {
        Path pid = Harness.RUN_DIR.resolve("libpod/tmp/pause.pid");
        try {
            if (Files.exists(pid)) {
                Harness.root("kill", Files.readString(pid).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + pid, e);
        }
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
}
