package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * {@code jpod auto-update} with the {@code registry} policy, against a real registry
 * ({@link LocalRegistry}), as the user: a pod follows the image pushed under its name, a dry run
 * changes nothing, a new image that crashes or never gets Ready is rolled back and not tried
 * again, and a pod's own auth file reaches a registry that wants credentials.
 * {@link AutoUpdateLocalIT} has the local policy, schedules, faults and workloads.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoUpdateIT extends AutoUpdateTesting {
    private static LocalRegistry registry;
    private static String image;

    @BeforeAll
    static void setUp() throws Exception {
        h = Harness.forClass();
        registry = LocalRegistry.start();
        image = registry.host() + "/test/app:latest";
        importVersions("v1", "v2", "v3", "v4");
    }

    @AfterAll
    static void tearDown() {
        LocalRegistry.closeAfter(h, registry);
    }

    private static void push(String version) {
        h.jpodOk("push", "-q", "--tls-verify=false", "localhost/app:" + version, image);
    }

    @Test
    @Order(1)
    void theRegistryPolicyMovesThePodToTheImagePushedUnderItsName() {
        push("v1");
        Path yaml = h.writeYaml("web.yaml", pod("web", "io.containers.autoupdate: registry", image));
        h.play(yaml, "--tls-verify=false");
        h.waitForLog("web-app", "serving v1", 1, SOON);
        assertEquals("false", updated(run("--dry-run"), "web-app"), "nothing new yet");

        push("v2");
        assertEquals("pending", updated(run("--dry-run"), "web-app"));
        assertEquals("v1", version("web-app"), "a dry run changes nothing");

        Result r = h.jpodOk("auto-update", "--tls-verify=false");
        assertTrue(r.out().lines().anyMatch(l -> l.matches("web\\s+web-app\\s+" + image.replace(".", "\\.") + "\\s+registry\\s+true\\s*")),
                r::describe);
        assertEquals("v2", version("web-app"), "the pod runs the new image");
        assertEquals("Running", Harness.text(Harness.podByName(h.podPs(), "web").orElseThrow(), "Status"));
        assertEquals("false", updated(run(), "web-app"), "and is up to date");
        assertTrue(h.jpodOk("kube", "generate", "web").out().contains("io.containers.autoupdate: registry"), "the policy is generated back");
        String events = h.jpodOk("events", "--stream=false", "--filter", "event=auto-update").out();
        assertTrue(events.contains(" pod auto-update ") && events.contains("web") && events.contains("updated=true"), events);
    }

    @Test
    @Order(2)
    void aNewImageThatCrashesOrNeverGetsReadyIsRolledBackAndNotTriedAgain() {
        Path yaml = h.writeYaml("web.yaml", pod("web", "io.containers.autoupdate: registry", image));
        try {
            crashingAndNeverReadyImagesAreRolledBack();
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    private void crashingAndNeverReadyImagesAreRolledBack() {
        push("v3");
        JsonNode crashed = run();
        assertEquals("rolled back", updated(crashed, "web-app"), crashed.toString());
        assertEquals("v2", version("web-app"), "the previous image serves again");

        push("v4");
        JsonNode stuck = run("--timeout", "5s");
        assertEquals("rolled back", updated(stuck, "web-app"), stuck.toString());
        assertEquals("v2", version("web-app"));

        JsonNode history = Harness.json(h.jpodOk("auto-update", "history", "--format", "json"));
        List<String> outcomes = new java.util.ArrayList<>();
        history.forEach(n -> outcomes.add(Harness.text(n, "Updated") + ": " + Harness.text(n, "Reason")));
        assertTrue(outcomes.stream().anyMatch(o -> o.startsWith("true")), outcomes::toString);
        assertTrue(outcomes.stream().anyMatch(o -> o.startsWith("rolled back") && o.contains("container app ")
                && (o.contains("exited") || o.contains("restarted"))), outcomes::toString);
        assertTrue(outcomes.stream().anyMatch(o -> o.startsWith("rolled back") && o.contains("not ready within 5s")), outcomes::toString);

        Result again = h.jpodOk("auto-update", "--tls-verify=false");
        assertTrue(again.out().contains(" false"), again::describe);
        assertTrue(again.err().contains("is not tried again: it was rolled back"), () -> "a failed image is not retried\n" + again.describe());
        assertEquals("v2", version("web-app"));
    }

    @Test
    @Order(3)
    void aPodsOwnAuthFileReachesARegistryThatWantsCredentials() throws Exception {
        try (LocalRegistry secured = LocalRegistry.start("updater", "s3cret")) {
            String ref = secured.host() + "/test/app:latest";
            String auth = h.home().resolve("autoupdate-auth.json").toString();
            h.jpodWith(Harness.TIMEOUT, "s3cret\n", "login", "--tls-verify=false", "--authfile", auth, "-u", "updater", "--password-stdin",
                    secured.host());
            h.jpodOk("push", "-q", "--tls-verify=false", "--authfile", auth, "localhost/app:v1", ref);
            Path yaml = h.writeYaml("authed.yaml", pod("authed", "io.containers.autoupdate: registry\nio.containers.autoupdate.authfile: " + auth,
                    ref));
            h.play(yaml, "--tls-verify=false", "--authfile", auth);
            try {
                h.waitForLog("authed-app", "serving v1", 1, SOON);
                h.jpodOk("push", "-q", "--tls-verify=false", "--authfile", auth, "localhost/app:v2", ref);
                assertEquals("true", updated(run(), "authed-app"), "the annotation's auth file, not the default one");
                assertEquals("v2", version("authed-app"));
            } finally {
                h.jpod("kube", "down", yaml.toString());
            }
        }
    }
}
