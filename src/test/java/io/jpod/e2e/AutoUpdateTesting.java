package io.jpod.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the auto-update tests share: images {@code localhost/app:v1}… that say which they are
 * ({@code VERSION}, read from inside the running container) and serve, crash or never get Ready;
 * the pods they play; a run of {@code jpod auto-update} and its results.
 */
abstract class AutoUpdateTesting {
    static final Duration SOON = Duration.ofSeconds(60);
    /** Ready once it has written /tmp/ready; SIGTERM ends it at once. */
    static final String SERVE = "[\"sh\",\"-c\",\"echo serving $VERSION; touch /tmp/ready; " + Harness.SLEEPER + "\"]";
    static final String NEVER_READY = "[\"sh\",\"-c\",\"echo not ready; " + Harness.SLEEPER + "\"]";
    static final String CRASH = "[\"sh\",\"-c\",\"echo crashing; exit 1\"]";
    static Harness h;

    /** Imports {@code localhost/app:VERSION} for each version and command: v1 and v2 serve, v3 crashes, v4 never gets Ready. */
    static void importVersions(String... versions) {
        for (String v : versions) {
            String cmd = switch (v) {
                case "v3" -> CRASH;
                case "v4" -> NEVER_READY;
                default -> SERVE;
            };
            h.jpodOk("import", "--change", "ENV=PATH=/bin:/usr/bin", "--change", "ENV=VERSION=" + v, "--change", "CMD " + cmd,
                    h.rootfsTar().toString(), "localhost/app:" + v);
        }
    }

    static String pod(String name, String annotations, String ref) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  annotations:
                %s
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: %s
                    readinessProbe:
                      exec: {command: [cat, /tmp/ready]}
                      periodSeconds: 1
                """.formatted(name, annotations.indent(4).stripTrailing(), ref);
    }

    static String version(String container) {
        return h.execOut(container, "sh", "-c", "echo $VERSION").strip();
    }

    static JsonNode run(String... flags) {
        List<String> argv = new ArrayList<>(List.of("auto-update", "--tls-verify=false", "--format", "json"));
        argv.addAll(List.of(flags));
        return Harness.json(h.jpodOk(argv.toArray(String[]::new)));
    }

    static String updated(JsonNode results, String container) {
        for (JsonNode n : results) {
            if (Harness.text(n, "ContainerName").equals(container)) {
                return Harness.text(n, "Updated");
            }
        }
        return "(no row for " + container + ": " + results + ")";
    }

    /**
     * Plays pod {@code name} without probes on {@code localhost/app:NAME} (v1 tagged so), the
     * local policy: healthy once it ran for the settle time; returns its YAML once it serves.
     */
    static Path playUnprobed(String name) {
        h.jpodOk("tag", "localhost/app:v1", "localhost/app:" + name);
        Path yaml = h.writeYaml(name + ".yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  annotations:
                    io.containers.autoupdate: local
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: localhost/app:%s
                """.formatted(name, name));
        h.play(yaml);
        h.waitForLog(name + "-app", "serving v1", 1, SOON);
        return yaml;
    }

    /** The VERSION of each ready pod of workload {@code name}, sorted. */
    static List<String> versions(String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : h.podPs()) {
            String pod = Harness.text(p, "Name");
            if (pod.startsWith(name + "-") && Harness.text(p, "Ready").equals("1/1")) {
                out.add(h.jpod("exec", pod + "-app", "sh", "-c", "echo $VERSION").out().strip());
            }
        }
        return out.stream().sorted().toList();
    }
}
