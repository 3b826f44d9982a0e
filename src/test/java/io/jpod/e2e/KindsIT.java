package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kinds beyond Pod, played from the examples: ConfigMap and Secret feeding env and envFrom,
 * a Deployment (its replicas; Jobs are WorkloadsIT's), List, --configmap, --dry-run and
 * kube validate; a missing reference stops the play before anything exists.
 */
class KindsIT extends PlayingIT {
    private static final Duration SOON = Duration.ofSeconds(60);

    /** The environment of a running container, as {@code env} prints it inside. */
    private static Map<String, String> envOf(String container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : h.execOut(container, "env").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void configMapAndSecretFeedTheEnvironmentAndSecretsAreNeverShown() {
        Path yaml = h.readableCopy("examples/kube/configmap-and-secret.yaml");
        Result play = h.jpodOk("kube", "play", yaml.toString());
        PlayOutput.parse(play);
        try {
            h.waitForState("shop-api", "running", SOON);
            Map<String, String> env = envOf("shop-api");
            assertEquals("debug", env.get("LOG_LEVEL"), "env wins over envFrom");
            assertEquals("8080", env.get("LISTEN_PORT"), "envFrom configMapRef");
            assertEquals("hello from the shop", env.get("GREETING"), "configMapKeyRef");
            assertEquals("shop", env.get("DB_USER"), "envFrom secretRef with a prefix, base64 decoded");
            assertEquals("s3cr3t", env.get("DB_PASSWORD"), "the process gets the Secret's value");
            assertEquals("t0k3n-for-the-api", env.get("API_TOKEN"), "secretKeyRef to stringData");
            assertEquals("shop", env.get("POD_NAME"));
            assertEquals("default", env.get("POD_NAMESPACE"));
            assertEquals("backend", env.get("POD_TIER"));
            assertTrue(env.get("POD_IP").matches("10\\.89\\.0\\.\\d+"), () -> "the pod's address on the shared network: " + env.get("POD_IP"));
            assertEquals(io.jpod.host.HostAddress.discover(), env.get("HOST_IP"), "status.hostIP: the node's address, the host's own");
            assertFalse(env.keySet().stream().anyMatch(k -> k.contains("feature")), "an optional missing ConfigMap adds nothing");

            Result inspect = h.jpodOk("inspect", "shop-api");
            List<String> shown = Harness.json(inspect).get(0).path("Config").path("Env").values().stream()
                    .map(JsonNode::asString).toList();
            assertTrue(shown.contains("DB_PASSWORD=<secret>"), () -> "inspect hides the Secret's values: " + shown);
            assertTrue(shown.contains("API_TOKEN=<secret>"), () -> shown.toString());
            assertTrue(shown.contains("LISTEN_PORT=8080"), () -> "ConfigMap values are shown: " + shown);
            for (String secret : List.of("s3cr3t", "t0k3n-for-the-api")) {
                assertFalse(inspect.out().contains(secret), () -> "inspect shows no Secret value\n" + inspect.describe());
                assertFalse(play.out().contains(secret) || play.err().contains(secret), play::describe);
            }
        } finally {
            h.jpodOk("kube", "down", yaml.toString());
        }
    }

    @Test
    void theDeploymentExampleRunsItsReplicasEachServingUnderItsOwnName() {
        Path yaml = h.readableCopy("examples/kube/deployment.yaml");
        Result play = h.jpodOk("kube", "play", yaml.toString());
        try {
            PlayOutput.parse(play);
            List<String> pods = h.jpodOk("pod", "ps", "--format", "{{.Name}}").outLines();
            assertEquals(2, pods.size(), () -> "replicas: 2\n" + pods);
            for (String pod : pods) {
                assertTrue(pod.startsWith("web-"), pod);
                h.waitForState(pod + "-server", "running", SOON);
                assertEquals(pod, envOf(pod + "-server").get("POD_NAME"));
                Harness.waitFor("the server to answer", SOON,
                        () -> h.jpod("exec", pod + "-server", "wget", "-q", "-O-", "http://localhost:8080/").out().contains("served by " + pod));
            }
        } finally {
            h.jpodOk("kube", "down", yaml.toString());
        }
    }

    @Test
    void aMissingConfigMapFailsBeforeAnythingIsCreated() {
        Path yaml = h.writeYaml("missing-configmap.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: needsconfig
                spec:
                  containers:
                  - name: app
                    image: localhost/busybox:latest
                    command: [sh, -c, "sleep 60"]
                    env:
                    - name: MODE
                      valueFrom:
                        configMapKeyRef: {name: nosuch-config, key: mode}
                """);
        Result r = h.jpodError("kube", "play", yaml.toString());
        assertTrue(r.err().contains("missing-configmap.yaml:13:26: spec.containers[0].env[0].valueFrom.configMapKeyRef")
                && r.err().contains("nosuch-config"), () -> "names the document and the reference\n" + r.describe());
        assertEquals(0, h.podPs().size(), "no pod");
        assertEquals(0, h.psAll().size(), "no container");
    }

    @Test
    void configMapFilesAndListsFromStandardInput() {
        Path maps = h.writeYaml("flags-configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: flags}
                data: {FEATURE_X: "on"}
                """);
        String list = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Secret
                  metadata: {name: listed}
                  stringData: {token: from-a-list}
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: fromlist}
                  spec:
                    containers:
                    - name: app
                      image: localhost/busybox:latest
                      command: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
                      envFrom:
                      - configMapRef: {name: flags}
                      env:
                      - name: TOKEN
                        valueFrom: {secretKeyRef: {name: listed, key: token}}
                """;
        Result play = h.jpodWith(Harness.TIMEOUT, list, "kube", "play", "--configmap", maps.toString(), "-");
        assertEquals(0, play.code(), play::describe);
        try {
            h.waitForState("fromlist-app", "running", SOON);
            Map<String, String> env = envOf("fromlist-app");
            assertEquals("on", env.get("FEATURE_X"), "from the --configmap file");
            assertEquals("from-a-list", env.get("TOKEN"), "from the List's Secret");
        } finally {
            assertEquals(0, h.jpodWith(Harness.TIMEOUT, list, "kube", "down", "-").code());
        }
    }

    @Test
    void dryRunAndValidateCreateNothing() {
        Path deployment = h.readableCopy("examples/kube/deployment.yaml");
        Path job = h.readableCopy("examples/kube/job.yaml");
        Result dry = h.jpodOk("kube", "play", "--dry-run", deployment.toString(), job.toString());
        assertTrue(dry.out().contains("Deployment web (2 replicas, strategy RollingUpdate (maxSurge 1, maxUnavailable 0))")
                && dry.out().contains("Container web-server: image localhost/busybox:latest")
                && dry.out().contains("Job migrate (completions 2, parallelism 2, backoffLimit 2)")
                && dry.out().contains("pod template (restartPolicy Never)"), dry::describe);
        assertEquals(0, h.podPs().size(), "--dry-run creates no pod");

        assertEquals(0, h.jpod("kube", "validate", deployment.toString(), job.toString()).code());
        Path bad = h.writeYaml("invalid.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once}
                spec:
                  template:
                    spec:
                      restartPolicy: Always
                      containers: [{name: run, image: localhost/busybox:latest}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: noimage}
                spec:
                  containers: [{name: app}]
                """);
        Result v = h.jpod("kube", "validate", bad.toString());
        assertEquals(125, v.code(), v::describe);
        List<String> lines = Arrays.stream(v.err().split("\n")).filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), () -> "one line per problem\n" + v.describe());
        assertTrue(lines.get(0).startsWith(bad + ":7:22: spec.template.spec.restartPolicy: "), v::describe);
        assertEquals(bad + ":14:16: spec.containers[0].image: required field is missing", lines.get(1), v::describe);
        assertEquals(0, h.psAll().size(), "validate creates nothing");
    }
}
