package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Probes and lifecycle hooks, tried by jpod's supervisor with the short timings the YAML sets:
 * readiness flipping READY both ways (its command seeing itself as {@code jpod exec}'s does), liveness restarting (exec, HTTP, TCP, gRPC), a startup probe
 * holding liveness back, postStart and preStop hooks, and the grace period.
 */
class ProbesIT {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final String IMAGE = Harness.IMAGE;
    private static Harness h;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    private static String pod(String name, String container) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: app
                    image: %s
                %s""".formatted(name, IMAGE, container.indent(4));
    }

    private static JsonNode podOf(String name) {
        return Harness.podByName(h.podPs(), name).orElseThrow(() -> new AssertionError("no pod " + name));
    }

    private static int restarts(String container) {
        return h.container(container).path("Restarts").asInt(-1);
    }

    /**
     * What a process sees of itself: ids, capabilities, no_new_privs, seccomp, blocked and ignored signals (but glibc's
     * own 32 and 33, which whoever started jpod may leave ignored), namespaces, cwd, env, rlimits, cgroups.
     */
    private static final String SELF_VIEW = "grep -E '^(Uid|Gid|Groups|Cap|NoNewPrivs|Seccomp|SigBlk)' /proc/self/status;"
            + " echo SigIgn $(( 0x$(awk '/^SigIgn/ {print $2}' /proc/self/status) & ~0x180000000 ));"
            + " for n in cgroup ipc mnt net pid user uts; do echo $n $(readlink /proc/self/ns/$n); done; pwd; env | sort;"
            + " grep -E 'open files|processes|core' /proc/self/limits; cat /proc/self/cgroup";

    @Test
    void readinessFlipsReadyBothWaysAndItsCommandRunsAsJpodExecRunsIt() {
        h.play(h.writeYaml("ready.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: ready
                  annotations:
                    io.podman.annotations.ulimit: nofile=1024:2048
                spec:
                  terminationGracePeriodSeconds: 2
                  securityContext:
                    supplementalGroups: [2000, 3000]
                  containers:
                  - name: app
                    image: %s
                    workingDir: /tmp
                    env: [{name: GREETING, value: "hi there"}]
                    securityContext:
                      runAsUser: 1000
                      runAsGroup: 1000
                      allowPrivilegeEscalation: false
                      capabilities: {add: [NET_ADMIN], drop: [CHOWN]}
                      seccompProfile: {type: RuntimeDefault}
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
                    readinessProbe:
                      exec: {command: ["sh", "-c", "(%s) > /tmp/view.$$ && mv /tmp/view.$$ /tmp/view; test -f /tmp/ready"]}
                      periodSeconds: 1
                      failureThreshold: 1
                """.formatted(IMAGE, SELF_VIEW.replace("\\", "\\\\").replace("\"", "\\\""))));
        Harness.waitFor("the pod to be running", SOON, () -> "Running".equals(Harness.text(podOf("ready"), "Phase")));
        assertEquals("0/1", Harness.text(podOf("ready"), "Ready"), "not ready before the probe passes");
        h.execOut("ready-app", "touch", "/tmp/ready");
        Harness.waitFor("READY 1/1", SOON, () -> "1/1".equals(Harness.text(podOf("ready"), "Ready")));
        // the probe's command (jpod-exec) sees itself as jpod exec's (runc exec's) command does
        String probed = h.execOut("ready-app", "cat", "/tmp/view");
        assertEquals(h.execOut("ready-app", "sh", "-c", SELF_VIEW), probed);
        for (String line : new String[] {"Uid:\t1000\t1000\t1000\t1000", "Groups:\t2000 3000", "NoNewPrivs:\t1", "Seccomp:\t2",
                "/tmp", "GREETING=hi there", "Max open files"}) {
            assertTrue(probed.contains(line), () -> line + " in the probe's view:\n" + probed);
        }
        h.execOut("ready-app", "rm", "/tmp/ready");
        Harness.waitFor("READY 0/1 again", SOON, () -> "0/1".equals(Harness.text(podOf("ready"), "Ready")));
        assertEquals(0, restarts("ready-app"), "readiness never restarts");
    }

    @Test
    void aFailingExecLivenessProbeRestartsTheContainer() {
        h.play(h.writeYaml("alive.yaml", pod("alive", """
                command: ["sh", "-c", "touch /tmp/alive; echo started; trap 'exit 0' TERM; while true; do sleep 1; done"]
                livenessProbe:
                  exec: {command: ["test", "-f", "/tmp/alive"]}
                  periodSeconds: 1
                  failureThreshold: 2
                """)));
        h.waitForLog("alive-app", "started", 1, SOON);
        Harness.sleep(Duration.ofSeconds(3));
        assertEquals(0, restarts("alive-app"), "a passing probe restarts nothing");
        h.execOut("alive-app", "rm", "/tmp/alive");
        h.waitForLog("alive-app", "started", 2, SOON);
        assertEquals(1, restarts("alive-app"));
        String events = h.jpodOk("events", "--stream=false", "--filter", "container=alive-app").out();
        assertTrue(events.contains("unhealthy") && events.contains("killing"), "the probe's failure and the kill are events:\n" + events);
    }

    @Test
    void aStartupProbeHoldsLivenessBackUntilItPasses() {
        h.play(h.writeYaml("slow.yaml", pod("slow", """
                command: ["sh", "-c", "echo started; trap 'exit 0' TERM; while true; do sleep 1; done"]
                startupProbe:
                  exec: {command: ["test", "-f", "/tmp/started"]}
                  periodSeconds: 1
                  failureThreshold: 60
                livenessProbe:
                  exec: {command: ["false"]}
                  periodSeconds: 1
                  failureThreshold: 1
                """)));
        h.waitForLog("slow-app", "started", 1, SOON);
        Harness.sleep(Duration.ofSeconds(4));
        assertEquals(0, restarts("slow-app"), "liveness waits for the startup probe");
        assertEquals("0/1", Harness.text(podOf("slow"), "Ready"), "not started, so not ready");
        h.execOut("slow-app", "touch", "/tmp/started");
        h.waitForLog("slow-app", "started", 2, SOON);
        assertTrue(restarts("slow-app") >= 1);
    }

    @Test
    void postStartWritesAFileTheContainerSeesAndPreStopRunsBeforeTheSignal() {
        h.play(h.writeYaml("hooks.yaml", pod("hooks", """
                command: ["sh", "-c", "trap 'cat /tmp/pre; exit 0' TERM; while ! test -f /tmp/post; do sleep 0.2; done; cat /tmp/post; while true; do sleep 1; done"]
                lifecycle:
                  postStart:
                    exec: {command: ["sh", "-c", "echo post-start-ran > /tmp/post"]}
                  preStop:
                    exec: {command: ["sh", "-c", "echo pre-stop-ran > /tmp/pre"]}
                """)));
        h.waitForLog("hooks-app", "post-start-ran", 1, SOON);
        h.jpodOk("pod", "stop", "hooks");
        String logs = h.jpodOk("logs", "hooks-app").out();
        assertTrue(logs.contains("pre-stop-ran"), "the stop signal's trap saw the preStop hook's file:\n" + logs);
    }

    @Test
    void theGracePeriodIsHonoured() {
        h.play(h.writeYaml("stubborn.yaml", pod("stubborn", """
                command: ["sh", "-c", "trap 'echo ignoring' TERM; echo up; while true; do sleep 0.2; done"]
                """)));
        h.waitForLog("stubborn-app", "up", 1, SOON);
        long t0 = System.nanoTime();
        h.jpodOk("pod", "stop", "stubborn");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 1800 && ms < 8000, "terminationGracePeriodSeconds 2: stopped after " + ms + " ms");
        assertEquals("exited", h.state("stubborn-app"));
    }

    private static final String WEB = """
            command: ["sh", "-c", "mkdir -p /tmp/www; echo ok > /tmp/www/healthz; httpd -p 8080 -h /tmp/www; echo started; trap 'exit 0' TERM; while true; do sleep 1; done"]
            ports:
            - {name: http, containerPort: 8080}
            """;

    @Test
    void aFailingHttpLivenessProbeRestartsTheContainerThoughTheImageHasNoCurl() {
        h.play(h.writeYaml("web.yaml", pod("web", WEB + """
                livenessProbe:
                  httpGet: {path: /healthz, port: http, httpHeaders: [{name: X-Probe, value: jpod}]}
                  periodSeconds: 1
                  failureThreshold: 2
                """)));
        h.waitForLog("web-app", "started", 1, SOON);
        Harness.sleep(Duration.ofSeconds(3));
        assertEquals(0, restarts("web-app"), "/healthz answers 200");
        h.execOut("web-app", "rm", "/tmp/www/healthz");
        h.waitForLog("web-app", "started", 2, SOON);
        assertEquals(1, restarts("web-app"), "restarted once /healthz answered 404");
    }

    @Test
    void aTcpReadinessProbeFollowsTheListener() {
        h.play(h.writeYaml("tcp.yaml", pod("tcp", WEB + """
                readinessProbe:
                  tcpSocket: {port: 8080}
                  periodSeconds: 1
                  failureThreshold: 1
                """)));
        Harness.waitFor("READY 1/1 once httpd listens", SOON, () -> "1/1".equals(Harness.text(podOf("tcp"), "Ready")));
        h.execOut("tcp-app", "killall", "httpd");
        Harness.waitFor("READY 0/1 once nothing listens", SOON, () -> "0/1".equals(Harness.text(podOf("tcp"), "Ready")));
    }

    @Test
    void aFailingGrpcLivenessProbeRestartsTheContainerThoughTheImageHasNoGrpcTools() {
        // busybox's nc answers each connection with a canned HTTP/2 reply of grpc.health.v1.Health/Check:
        // SERVING until /tmp/sick exists, then NOT_SERVING. jpod's own client makes the call in the pod's network.
        String script = String.join("\n",
                "rm -f /tmp/sick",
                "printf '" + GrpcReply.octal(GrpcReply.SERVING) + "' > /tmp/SERVING",
                "printf '" + GrpcReply.octal(GrpcReply.NOT_SERVING) + "' > /tmp/NOT_SERVING",
                "echo 'if [ -f /tmp/sick ]; then cat /tmp/NOT_SERVING; else cat /tmp/SERVING; fi; sleep 1' > /tmp/serve.sh",
                "echo started",
                "exec nc -ll -p 50051 -e sh /tmp/serve.sh");
        h.play(h.writeYaml("grpc.yaml", pod("grpc", """
                command: ["sh", "-c", %s]
                readinessProbe:
                  grpc: {port: 50051}
                  periodSeconds: 1
                livenessProbe:
                  grpc: {port: 50051}
                  periodSeconds: 1
                  failureThreshold: 2
                """.formatted(PodYaml.quote(script)))));
        h.waitForLog("grpc-app", "started", 1, SOON);
        Harness.waitFor("READY 1/1 once the health service answers SERVING", SOON,
                () -> "1/1".equals(Harness.text(podOf("grpc"), "Ready")));
        assertEquals(0, restarts("grpc-app"), "a SERVING service restarts nothing");
        h.execOut("grpc-app", "touch", "/tmp/sick");
        h.waitForLog("grpc-app", "started", 2, SOON);
        assertEquals(1, restarts("grpc-app"), "restarted once the service answered NOT_SERVING");
        String events = h.jpodOk("events", "--stream=false", "--filter", "container=grpc-app").out();
        assertTrue(events.contains("NOT_SERVING"), "the probe's event says what the service answered:\n" + events);
    }
}
