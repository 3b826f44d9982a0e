package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code jpod events}: a pod played, stopped and removed leaves its containers' create, start, died and
 * remove events, in that order, which {@code --filter} and {@code --since} narrow; a streaming
 * {@code jpod events} prints what happens after it started, and ends on SIGTERM with exit code 0.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsIT {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A container that ends at once, with code 0, on SIGTERM. */
    private static final String SERVE = "trap 'exit 0' TERM; while true; do sleep 1; done";
    private static Harness h;
    /** Just before the first pod was removed. */
    private static Instant beforeRemoval;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    /** {@code jpod events --stream=false --format json} with {@code flags}: one JSON object a line. */
    private static List<JsonNode> events(String... flags) {
        List<String> args = new ArrayList<>(List.of("events", "--stream=false", "--format", "json"));
        args.addAll(List.of(flags));
        Result r = h.jpodOk(args.toArray(String[]::new));
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.outLines()) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(line));
            } catch (RuntimeException e) {
                fail("not a JSON object: " + line + "\n" + r.describe());
            }
        }
        return out;
    }

    private static List<String> statusesOf(List<JsonNode> events, String type, String name) {
        return events.stream().filter(e -> type.equals(e.path("Type").asText()) && name.equals(e.path("Name").asText()))
                .map(e -> e.path("Status").asText()).toList();
    }

    private static String unixSeconds(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    @Test
    @Order(1)
    void aPodsLifeIsRecordedInOrder() {
        h.play(h.writeYaml("events.yaml", PodYaml.pod("evpod").restartPolicy("Never").container("main", SERVE).yaml()));
        h.waitForState("evpod-main", "running", SOON);
        h.jpodOk("pod", "stop", "evpod");
        beforeRemoval = Instant.now();
        h.jpodOk("pod", "rm", "evpod");

        List<JsonNode> all = events();
        List<String> main = statusesOf(all, "container", "evpod-main").stream()
                .filter(s -> List.of("create", "start", "died", "remove").contains(s)).toList();
        assertEquals(List.of("create", "start", "died", "remove"), main, () -> "the events of evpod-main: " + all);
        List<String> pod = statusesOf(all, "pod", "evpod");
        assertEquals(List.of("create", "start", "stop", "remove"), pod.stream()
                .filter(s -> List.of("create", "start", "stop", "remove").contains(s)).toList(), () -> "the events of pod evpod: " + all);

        JsonNode died = all.stream().filter(e -> "evpod-main".equals(e.path("Name").asText()) && "died".equals(e.path("Status").asText()))
                .findFirst().orElseThrow();
        assertEquals(0, died.path("ContainerExitCode").asInt(-1), died::toString);
        assertEquals(Harness.IMAGE, died.path("Image").asText(), died::toString);
        assertTrue(died.path("ID").asText().matches("[0-9a-f]{64}"), died::toString);
        assertFalse(died.path("PodID").asText().isEmpty(), died::toString);
        assertTrue(died.path("TimeNano").asLong() / 1_000_000_000L == died.path("Time").asLong(), died::toString);

        long previous = 0;
        for (JsonNode e : all) {
            assertTrue(e.path("TimeNano").asLong() >= previous - 1_000_000_000L, () -> "events come in the order they happened: " + all);
            previous = Math.max(previous, e.path("TimeNano").asLong());
        }
    }

    @Test
    @Order(2)
    void aFilterAndSinceNarrowTheEvents() {
        List<JsonNode> main = events("--filter", "container=evpod-main");
        assertFalse(main.isEmpty());
        assertTrue(main.stream().allMatch(e -> "container".equals(e.path("Type").asText()) && "evpod-main".equals(e.path("Name").asText())),
                () -> "only evpod-main: " + main);

        List<JsonNode> starts = events("-f", "type=container", "-f", "event=start");
        assertTrue(starts.stream().allMatch(e -> "start".equals(e.path("Status").asText())), starts::toString);
        assertTrue(starts.stream().anyMatch(e -> "evpod-main".equals(e.path("Name").asText())), starts::toString);

        List<JsonNode> late = events("--since", unixSeconds(beforeRemoval), "--filter", "container=evpod-main");
        assertEquals(List.of("remove"), statusesOf(late, "container", "evpod-main"), () -> "since the removal began: " + late);

        List<JsonNode> recent = events("--since", "10m", "--filter", "pod=evpod");
        assertTrue(statusesOf(recent, "pod", "evpod").contains("create"), () -> "a duration counts back from now: " + recent);

        assertEquals(List.of(), events("--until", "2000-01-01T00:00:00Z"), "nothing happened before 2000");
        h.jpodError("events", "--stream=false", "--filter", "colour=red");
        h.jpodError("events", "--stream=false", "--since", "yesterday");
    }

    @Test
    @Order(3)
    void streamingPrintsWhatHappensAndEndsOnSigterm() {
        String since = unixSeconds(Instant.now());
        try (Background follow = h.start("events", "--since", since, "--format", "{{.Type}} {{.Status}} {{.Name}}")) {
            h.play(h.writeYaml("stream.yaml", PodYaml.pod("evstream").container("main", SERVE).yaml()));
            // the pod's start is recorded once its containers' are, and printed in the order recorded
            Harness.waitFor("events to print the start of pod evstream", SOON, () -> follow.out().contains("pod start evstream"));
            assertTrue(follow.out().contains("container start evstream-main"), follow::describe);
            assertTrue(follow.out().indexOf("container start evstream-main") < follow.out().indexOf("pod start evstream"),
                    follow::describe);
            assertTrue(follow.isAlive(), () -> "events keeps following\n" + follow.describe());
            h.jpodOk("pod", "stop", "evstream");
            Harness.waitFor("events to print the died of evstream-main", SOON,
                    () -> follow.out().contains("container died evstream-main"));
            assertTrue(follow.signal("TERM"), () -> "found the JVM of jpod events\n" + follow.describe());
            Integer code = follow.waitFor(Duration.ofSeconds(10));
            assertEquals(Integer.valueOf(0), code, () -> "SIGTERM ends jpod events with 0, as podman\n" + follow.describe());
            assertFalse(follow.err().contains("Exception"), follow::describe);
        } finally {
            h.jpod("pod", "rm", "-f", "evstream");
        }
    }
}
