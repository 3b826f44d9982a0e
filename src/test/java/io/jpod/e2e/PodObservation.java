package io.jpod.e2e;

import static io.jpod.e2e.Harness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What can be seen of the played pods' app containers, from outside ({@code inspect}, {@code ps})
 * and from inside ({@code exec}: user and groups, environment, capabilities, hostname, mounts and
 * the files under them), keyed by pod and by the container's name in the YAML. Two plays of the
 * same pods (the example and the YAML generated from it) must give equal observations.
 *
 * <p>The same commands work for podman ({@code ps -a --format json}, {@code inspect}, {@code exec}
 * have the same shape), so one observation can also be compared with podman's play of the YAML.
 *
 * @param containers by "pod/container": aspect → what was seen
 */
record PodObservation(Map<String, Map<String, String>> containers) {
    /** Runs a CLI (jpod, or podman to compare) with the given arguments. */
    interface Cli extends Function<String[], Result> {
        default Result ok(String... args) {
            Result r = apply(args);
            assertEquals(0, r.code(), () -> "expected success\n" + r.describe());
            return r;
        }
    }

    /** The aspects an exec in a running container prints, one section each, in this order. */
    static final List<String> INSIDE = List.of("id", "env", "capabilities", "hostname", "mounts", "files");

    /**
     * The shell script run in each running container. Mount points under /proc, /sys and /dev are
     * the runtime's; the others (volumes, /etc/hosts...) are listed with mode, owner and size of
     * every file under them.
     */
    static final String SCRIPT = String.join("; echo @@@; ",
            "id",
            "env | sort",
            "grep -E '^(Cap|NoNewPrivs)' /proc/self/status",
            "hostname",
            "awk '{print $5, $6}' /proc/self/mountinfo | sort",
            "for m in $(awk '{print $5}' /proc/self/mountinfo | grep -vE '^/(proc|sys|dev)(/|$)|^/$' | sort -u); do"
                    + " find $m -exec stat -c '%n %a %u %g %s' {} + 2>/dev/null; done | sort");

    /** Waits until no app container of the listed pods is still being created or restarted. */
    static void settle(Cli cli, List<String> pods, Duration timeout) {
        AtomicReference<List<JsonNode>> seen = new AtomicReference<>(List.of());
        Harness.waitFor("the containers of " + pods + " to be running or exited", timeout, () -> {
            seen.set(appContainers(cli, pods));
            return seen.get().stream().allMatch(c -> List.of("running", "exited").contains(text(c, "State")));
        });
        // What the containers write at start (volumes, logs): at least a second since the last one
        // started (StartedAt is in whole seconds, so its second plus two).
        long lastStart = seen.get().stream().filter(c -> text(c, "State").equals("running"))
                .mapToLong(c -> c.path("StartedAt").asLong(0)).max().orElse(0);
        long wait = (lastStart + 2) * 1000 - System.currentTimeMillis();
        if (wait > 0) {
            Harness.sleep(Duration.ofMillis(wait));
        }
    }

    /** Observes every app container of {@code pods}; {@code aspects} limits what is compared (null: everything). */
    static PodObservation of(Cli cli, List<String> pods, List<String> aspects) {
        Map<String, Map<String, String>> all = new TreeMap<>();
        List<JsonNode> containers = appContainers(cli, pods);
        Map<String, JsonNode> inspected = inspect(cli, containers.stream().map(c -> c.path("Names").get(0).asString()).toList());
        for (JsonNode c : containers) {
            String pod = text(c, "PodName");
            String alias = alias(pod, c.path("Labels"));
            String name = c.path("Names").get(0).asString();
            Map<String, String> seen = new TreeMap<>();
            JsonNode inspect = inspected.get(name);
            JsonNode config = inspect.path("Config");
            seen.put("image", text(config, "Image"));
            seen.put("command", inspect.path("Path") + " " + inspect.path("Args"));
            seen.put("workingDir", text(config, "WorkingDir"));
            seen.put("restartPolicy", inspect.path("HostConfig").path("RestartPolicy").path("Name").asString(""));
            seen.put("state", text(c, "State") + (text(c, "State").equals("exited") ? " " + c.path("ExitCode") : ""));
            seen.put("ports", c.path("Ports").toString()); // the pod's published ports (ps --format json)
            if (text(c, "State").equals("running")) {
                Result r = cli.apply(new String[] {"exec", name, "sh", "-c", SCRIPT});
                String[] sections = (r.out() + "\n").split("@@@\n", -1);
                if (sections.length != INSIDE.size()) {
                    fail("the observation script printed " + sections.length + " sections\n" + r.describe());
                }
                for (int i = 0; i < INSIDE.size(); i++) {
                    seen.put(INSIDE.get(i), sections[i].strip());
                }
            } else {
                seen.put("logs", cli.ok("logs", name).out());
            }
            if (aspects != null) {
                seen.keySet().retainAll(aspects);
            }
            if (!alias.equals(pod)) { // a workload's pod: its random name is not what is compared
                seen.replaceAll((k, v) -> v.replace(pod, alias));
            }
            String inYaml = name;
            while (inYaml.startsWith(pod + "-")) { // podman 4.3's YAML names containers <pod>-<name>: played, <pod>-<pod>-<name>
                inYaml = inYaml.substring(pod.length() + 1);
            }
            all.put(alias + "/" + inYaml, seen);
        }
        return new PodObservation(all);
    }

    /**
     * This observation limited to {@code aspects}: what {@link #of} with them would have given, since
     * {@code of} observes the same either way and keeps the aspects before it puts a workload pod's
     * alias in place of its name (which changes values, not keys); every container stays, if need be
     * with no aspect.
     */
    PodObservation only(List<String> aspects) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        containers.forEach((name, seen) -> {
            Map<String, String> kept = new TreeMap<>(seen);
            kept.keySet().retainAll(aspects);
            out.put(name, kept);
        });
        return new PodObservation(out);
    }

    /** {@code inspect} of all the named containers at once (one command, as podman allows), by name. */
    private static Map<String, JsonNode> inspect(Cli cli, List<String> names) {
        Map<String, JsonNode> out = new TreeMap<>();
        if (names.isEmpty()) {
            return out;
        }
        List<String> args = new ArrayList<>(List.of("inspect"));
        args.addAll(names);
        Result r = cli.ok(args.toArray(String[]::new));
        Harness.json(r).forEach(i -> out.put(text(i, "Name"), i));
        if (!out.keySet().containsAll(names)) {
            fail("inspect gave " + out.keySet() + " for " + names + "\n" + r.describe());
        }
        return out;
    }

    /**
     * What a pod is compared as: its name, or for a pod of a Deployment, DaemonSet or Job (whose name ends in a
     * hash and a random suffix, as Kubernetes names them) its workload's name and {@code -<replica>}.
     */
    static String alias(String pod, JsonNode labels) {
        if (labels.has("pod-template-hash")) {
            String hash = "-" + labels.path("pod-template-hash").asString() + "-";
            return pod.contains(hash) ? pod.substring(0, pod.lastIndexOf(hash)) + "-<replica>" : pod;
        }
        if (labels.has("controller-revision-hash") || labels.has("job-name")) {
            return pod.length() > 6 ? pod.substring(0, pod.length() - 6) + "-<replica>" : pod;
        }
        return pod;
    }

    /** Every pod's {@link #alias}, from {@code pod ps --format json}. */
    static List<String> aliases(Cli cli) {
        return aliases(Harness.json(cli.ok("pod", "ps", "--format", "json")));
    }

    /** The {@link #alias} of each pod of a {@code pod ps --format json} listing. */
    static List<String> aliases(JsonNode podPs) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : podPs) {
            out.add(alias(text(p, "Name"), p.path("Labels")));
        }
        return out;
    }

    /** The name of each pod of a {@code pod ps --format json} listing. */
    static List<String> names(JsonNode podPs) {
        List<String> out = new ArrayList<>();
        podPs.forEach(p -> out.add(text(p, "Name")));
        return out;
    }

    /** The listed pods' app containers (not infra), from {@code ps -a --pod --format json} (podman fills PodName only with --pod). */
    static List<JsonNode> appContainers(Cli cli, List<String> pods) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode c : Harness.json(cli.ok("ps", "-a", "--pod", "--format", "json"))) {
            if (!c.path("IsInfra").asBoolean(false) && pods.contains(text(c, "PodName"))) {
                found.add(c);
            }
        }
        return found;
    }

    /** Fails, naming each container and aspect that differs, unless {@code other} saw the same. */
    void assertSameAs(PodObservation other, String what) {
        assertEquals(new TreeSet<>(containers.keySet()), new TreeSet<>(other.containers.keySet()), what + ": the same containers");
        List<String> differences = new ArrayList<>();
        containers.forEach((name, seen) -> seen.forEach((aspect, value) -> {
            String theirs = other.containers.get(name).get(aspect);
            if (!value.equals(theirs)) {
                differences.add(name + " " + aspect + ":\n    before: " + value.replace("\n", "\n            ")
                        + "\n    after:  " + String.valueOf(theirs).replace("\n", "\n            "));
            }
        }));
        if (!differences.isEmpty()) {
            fail(what + ": " + differences.size() + " difference(s)\n" + String.join("\n", differences));
        }
    }
}
