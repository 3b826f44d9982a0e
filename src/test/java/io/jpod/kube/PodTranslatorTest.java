package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.Lifecycle;
import io.jpod.pod.Probe;
import io.jpod.pod.ProbeAction;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTranslatorTest {
    private static final PodTranslator translator = new PodTranslator(KubeMapper.yaml());

    private static KubeDocument doc(String yaml) {
        List<KubeDocument> docs = new KubeReader().parse("pod.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, docs.size());
        return docs.get(0);
    }

    private PodTranslator.Result translate(String yaml) {
        return translator.translate(doc(yaml));
    }

    /** A minimal pod with {@code spec} lines (indented by two) after its containers. */
    private static String pod(String name, String extraSpec) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  containers:
                  - name: app
                    image: busybox
                %s""".formatted(name, extraSpec);
    }

    private InvalidInputException rejected(String yaml) {
        return assertThrows(InvalidInputException.class, () -> translate(yaml));
    }

    @Test
    void translatesEverySupportedField() {
        KubeDocument d = new KubeReader().read(KubeReaderTest.fixture("pod-full.yaml"), Inputs.ofProcess()).get(0);
        PodTranslator.Result r = translator.translate(d);
        PodSpec p = r.pod();
        assertEquals(List.of(), r.warnings());
        assertEquals("web", p.name());
        assertEquals(List.of("zeta", "app", "alpha"), List.copyOf(p.labels().keySet()), "labels keep their order");
        assertEquals("web", p.labels().get("app"));
        assertEquals(List.of("z.example.com/last", "a.example.com/first"), List.copyOf(p.annotations().keySet()));
        assertEquals("no", p.annotations().get("a.example.com/first"));
        assertEquals("webhost", p.hostname());
        assertEquals(RestartPolicy.ON_FAILURE, p.restartPolicy());
        assertTrue(p.shareProcessNamespace());
        assertEquals(30, p.stopTimeoutSeconds());
        assertEquals(2, p.containers().size());

        ContainerSpec server = p.containers().get(0);
        assertEquals("server", server.name());
        assertEquals("docker.io/library/nginx:1.25", server.image());
        assertEquals(List.of("/docker-entrypoint.sh"), server.command());
        assertEquals(List.of("nginx", "-g", "daemon off;"), server.args());
        assertEquals("/srv", server.workingDir());
        assertEquals(List.of(new EnvVar("MODE", "production"), new EnvVar("EMPTY", ""), new EnvVar("GREETING", "hello $(MODE)")),
                server.env(), "env keeps its order; expansion happens later, with the image's env");

        ContainerSpec sidecar = p.containers().get(1);
        assertEquals("sidecar", sidecar.name());
        assertEquals(List.of(), sidecar.command());
        assertEquals(List.of(), sidecar.args());
        assertEquals(List.of(), sidecar.env());
        assertNull(sidecar.workingDir());
        assertEquals("web-sidecar", p.containerName(sidecar));

        assertEquals(new Probe(ProbeAction.httpGet(new ProbeAction.HttpGet("HTTPS", "localhost", "/healthz",
                ProbeAction.PortRef.named("http"), List.of(new ProbeAction.Header("X-Probe", "liveness")))), 5, 7, 2, 1, 4, 15L),
                server.livenessProbe());
        assertEquals(new Probe(ProbeAction.tcpSocket(new ProbeAction.TcpSocket("127.0.0.1", ProbeAction.PortRef.of(80))),
                0, 10, 1, 2, 3, null), server.readinessProbe());
        assertEquals(new Probe(ProbeAction.exec(List.of("cat", "/tmp/started")), 0, 1, 1, 1, 30, null), server.startupProbe());
        assertEquals(new Lifecycle(ProbeAction.exec(List.of("sh", "-c", "echo started > /tmp/started")),
                ProbeAction.httpGet(new ProbeAction.HttpGet("HTTP", null, "/quit", ProbeAction.PortRef.of(80), List.of()))),
                server.lifecycle());
        assertEquals(new Probe(ProbeAction.grpc(new ProbeAction.Grpc(9090, "health")), 0, 10, 1, 1, 3, 5L), sidecar.livenessProbe());
        assertNull(sidecar.readinessProbe());
        assertEquals(new Lifecycle(null, ProbeAction.sleep(3)), sidecar.lifecycle());
        ContainerSpec proxy = p.initContainers().get(0);
        assertTrue(proxy.sidecar());
        assertEquals(Probe.of(ProbeAction.tcpSocket(new ProbeAction.TcpSocket(null, ProbeAction.PortRef.named("proxy")))),
                proxy.readinessProbe());
        assertEquals(new Lifecycle(ProbeAction.httpGet(new ProbeAction.HttpGet(null, null, null, ProbeAction.PortRef.of(3128),
                null)), null), proxy.lifecycle());
    }

    @Test
    void defaults() {
        PodTranslator.Result r = translate(pod("plain", ""));
        PodSpec p = r.pod();
        assertEquals("plain", p.hostname(), "hostname defaults to the pod name");
        assertEquals(RestartPolicy.ALWAYS, p.restartPolicy());
        assertFalse(p.shareProcessNamespace());
        assertEquals(PodSpec.DEFAULT_STOP_TIMEOUT, p.stopTimeoutSeconds());
        assertEquals(10, p.stopTimeoutSeconds());
        assertEquals(0, p.labels().size());
        assertEquals(0, p.annotations().size());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void emptyWorkingDirMeansTheImages() {
        PodSpec p = translate(pod("p", "    workingDir: \"\"\n")).pod();
        assertNull(p.containers().get(0).workingDir());
    }

    @Test
    void zeroGracePeriodIsKept() {
        assertEquals(0, translate(pod("p", "  terminationGracePeriodSeconds: 0\n")).pod().stopTimeoutSeconds());
    }

    @Test
    void negativeGracePeriodIsRejected() {
        InvalidInputException e = rejected(pod("p", "  terminationGracePeriodSeconds: -1\n"));
        assertEquals("pod.yaml:1:1: spec.terminationGracePeriodSeconds: must not be negative", e.getMessage());
    }

    @Test
    void stringWhereAnIntIsExpectedNamesTheField() {
        InvalidInputException e = rejected(pod("p", "  terminationGracePeriodSeconds: \"abc\"\n"));
        assertTrue(e.getMessage().startsWith("pod.yaml:1:1: spec.terminationGracePeriodSeconds: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void wrongTypeInsideAListNamesTheIndex() {
        InvalidInputException e = rejected("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                  - name: a
                    image: busybox
                  - name: b
                    image: busybox
                    command: {not: a list}
                """);
        assertTrue(e.getMessage().startsWith("pod.yaml:1:1: spec.containers[1].command: "), e.getMessage());
    }

    @Test
    void restartPolicies() {
        assertEquals(RestartPolicy.NEVER, translate(pod("p", "  restartPolicy: Never\n")).pod().restartPolicy());
        assertEquals(RestartPolicy.ALWAYS, translate(pod("p", "  restartPolicy: Always\n")).pod().restartPolicy());
        InvalidInputException e = rejected(pod("p", "  restartPolicy: Sometimes\n"));
        assertEquals("pod.yaml:1:1: spec.restartPolicy: unsupported restartPolicy \"Sometimes\": must be one of Always, OnFailure, Never",
                e.getMessage());
    }

    @Test
    void restartPolicyIsCaseSensitiveAsInKubernetes() {
        assertThrows(InvalidInputException.class, () -> translate(pod("p", "  restartPolicy: never\n")));
    }

    @Test
    void missingNameIsRejected() {
        InvalidInputException e = rejected("""
                apiVersion: v1
                kind: Pod
                metadata:
                  labels: {a: b}
                spec:
                  containers:
                  - name: a
                    image: busybox
                """);
        assertEquals("pod.yaml:1:1: metadata.name: a Pod needs a name", e.getMessage());
        assertEquals("pod.yaml:1:1", e.where());
    }

    @Test
    void missingMetadataIsRejected() {
        InvalidInputException e = rejected("apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: busybox}]\n");
        assertEquals("pod.yaml:1:1: metadata.name: a Pod needs a name", e.getMessage());
    }

    @Test
    void invalidPodNamesAreRejected() {
        for (String bad : List.of("Web", "web_1", "-web", "web-", "we b", "a".repeat(254))) {
            InvalidInputException e = rejected(pod("\"" + bad + "\"", ""));
            assertTrue(e.getMessage().startsWith("pod.yaml:1:1: metadata.name: \"" + bad + "\" is not a valid name"),
                    e.getMessage());
        }
    }

    @Test
    void validPodNamesAreAccepted() {
        for (String good : List.of("a", "web-1", "web.example.com", "1abc", "a".repeat(253))) {
            assertEquals(good, translate(pod(good, "")).pod().name());
        }
    }

    @Test
    void longPodNameGivesATruncatedHostname() {
        String name = "a".repeat(70);
        assertEquals("a".repeat(63), translate(pod(name, "")).pod().hostname());
    }

    @Test
    void truncatedHostnameDoesNotEndWithADashOrDot() {
        assertEquals("a".repeat(62), translate(pod("a".repeat(62) + "-bcd", "")).pod().hostname());
        assertEquals("a".repeat(62), translate(pod("a".repeat(62) + ".bcd", "")).pod().hostname());
    }

    @Test
    void dottedPodNameIsTheHostnameAsTheKubeletDoes() {
        assertEquals("web.example", translate(pod("web.example", "")).pod().hostname());
    }

    @Test
    void invalidExplicitHostnameIsRejected() {
        InvalidInputException e = rejected(pod("p", "  hostname: Bad_Host\n"));
        assertEquals("pod.yaml:1:1: spec.hostname: \"Bad_Host\" is not a valid DNS-1123 label", e.getMessage());
    }

    @Test
    void noContainersIsRejected() {
        InvalidInputException e = rejected("kind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n");
        assertEquals("pod.yaml:1:1: spec.containers: Pod p has no containers", e.getMessage());
        InvalidInputException noSpec = rejected("kind: Pod\nmetadata:\n  name: p\n");
        assertEquals("pod.yaml:1:1: spec.containers: Pod p has no containers", noSpec.getMessage());
    }

    @Test
    void containerWithoutNameIsRejected() {
        InvalidInputException e = rejected("""
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                  - name: a
                    image: busybox
                  - image: busybox
                """);
        assertEquals("pod.yaml:1:1: spec.containers[1].name: a container needs a name", e.getMessage());
    }

    @Test
    void invalidContainerNameIsRejected() {
        InvalidInputException e = rejected("kind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: My.App, image: x}]\n");
        assertTrue(e.getMessage().startsWith("pod.yaml:1:1: spec.containers[0].name: \"My.App\" is not a valid container name"),
                e.getMessage());
    }

    @Test
    void duplicateContainerNameIsRejected() {
        InvalidInputException e = rejected("""
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                  - name: a
                    image: busybox
                  - name: b
                    image: busybox
                  - name: a
                    image: alpine
                """);
        assertEquals("pod.yaml:1:1: spec.containers[2].name: duplicate container name \"a\"", e.getMessage());
    }

    @Test
    void missingImageIsRejected() {
        InvalidInputException e = rejected("kind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: a}]\n");
        assertEquals("pod.yaml:1:1: spec.containers[0].image: container a has no image", e.getMessage());
        InvalidInputException blank = rejected("kind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: a, image: \" \"}]\n");
        assertEquals("pod.yaml:1:1: spec.containers[0].image: container a has no image", blank.getMessage());
    }

    @Test
    void envWithoutNameIsRejected() {
        InvalidInputException e = rejected(pod("p", "    env:\n    - name: A\n      value: a\n    - value: b\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].env[1].name: an environment variable needs a name", e.getMessage());
    }

    @Test
    void errorsNameTheDocumentWhereTheyAre() {
        List<KubeDocument> docs = new KubeReader().parse("many.yaml", new ByteArrayInputStream("""
                kind: Pod
                metadata: {name: ok}
                spec: {containers: [{name: a, image: x}]}
                ---
                kind: Pod
                metadata: {name: broken}
                spec: {containers: []}
                """.getBytes(StandardCharsets.UTF_8)));
        assertEquals("ok", translator.translate(docs.get(0)).pod().name());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> translator.translate(docs.get(1)));
        assertTrue(e.getMessage().startsWith("many.yaml:5:1: spec.containers: "), e.getMessage());
    }

    @Test
    void unsupportedFieldsAreWarnedAboutWithTheirPaths() {
        PodTranslator.Result r = translate("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  ownerReferences: [{name: x}]
                spec:
                  volumes:
                  - name: data
                    emptyDir: {}
                  containers:
                  - name: a
                    image: busybox
                  - name: b
                    image: busybox
                    stdin: true
                    volumeMounts:
                    - name: data
                      mountPath: /data
                      mountPropagation: None
                """);
        assertEquals(List.of(
                "pod.yaml:1:1: Pod p: field metadata.ownerReferences is not supported yet and is ignored",
                "pod.yaml:1:1: Pod p: field spec.containers[1].stdin is not supported yet and is ignored",
                "pod.yaml:1:1: Pod p: field spec.containers[1].volumeMounts[0].mountPropagation is not supported yet and is ignored"),
                r.warnings());
        assertEquals(2, r.pod().containers().size(), "the pod is still translated");
    }

    @Test
    void envResourceFieldRefWithoutLimitIsTheNodes() {
        PodTranslator.Result r = translate(pod("p", """
                    env:
                    - name: KEEP
                      value: "1"
                    - name: CPU
                      valueFrom:
                        resourceFieldRef:
                          resource: limits.cpu
                    - name: ALSO
                      value: "2"
                """));
        assertEquals(List.of(new EnvVar("KEEP", "1"), new EnvVar("CPU", "1"), new EnvVar("ALSO", "2")),
                r.pod().containers().get(0).env(), "a translator without host facts assumes one CPU");
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void statusAndServerSetMetadataAreNotWarnedAbout() {
        PodTranslator.Result r = translate("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  namespace: default
                  creationTimestamp: null
                  uid: 1234
                  resourceVersion: "5"
                spec:
                  containers:
                  - name: a
                    image: busybox
                    imagePullPolicy: IfNotPresent
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                status:
                  phase: Running
                  conditions: []
                """);
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void labelsAreImmutableInTheModel() {
        PodSpec p = translate("kind: Pod\nmetadata:\n  name: p\n  labels: {a: b}\nspec:\n  containers: [{name: a, image: x}]\n").pod();
        assertThrows(UnsupportedOperationException.class, () -> p.labels().put("c", "d"));
        assertThrows(UnsupportedOperationException.class, () -> p.containers().clear());
    }

    @Test
    void imagePullPolicyIsReadAndChecked() {
        PodSpec p = translate("kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                + "  - {name: a, image: 'x:1', imagePullPolicy: Always}\n  - {name: b, image: 'x:1'}\n").pod();
        assertEquals(io.jpod.pod.PullPolicy.ALWAYS, p.containers().get(0).pullPolicy());
        assertEquals(null, p.containers().get(1).pullPolicy());
        assertEquals(io.jpod.pod.PullPolicy.IF_NOT_PRESENT, p.containers().get(1).effectivePullPolicy());
        io.jpod.error.InvalidInputException e = assertThrows(io.jpod.error.InvalidInputException.class, () -> translate(
                "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - {name: a, image: x, imagePullPolicy: Sometimes}\n"));
        assertTrue(e.getMessage().contains("spec.containers[0].imagePullPolicy"), e.getMessage());
        assertTrue(e.getMessage().contains("Sometimes"), e.getMessage());
    }

    // ---------------------------------------------------------------- init containers

    private static final String WITH_INITS = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: inits
              annotations:
                io.jpod.crashloop/initial: 500ms
            spec:
              initContainers:
              - name: migrate
                image: busybox
                command: ["sh", "-c", "echo migrate"]
              - name: proxy
                image: busybox
                restartPolicy: Always
              containers:
              - name: app
                image: busybox
            """;

    @Test
    void initContainersAreTranslatedInOrderAndASidecarIsMarked() {
        PodTranslator.Result r = translate(WITH_INITS);
        assertEquals(List.of(), r.warnings());
        PodSpec p = r.pod();
        assertEquals(List.of("migrate", "proxy"), p.initContainers().stream().map(ContainerSpec::name).toList());
        assertEquals(List.of("sh", "-c", "echo migrate"), p.initContainers().get(0).command());
        assertFalse(p.initContainers().get(0).sidecar());
        assertTrue(p.initContainers().get(1).sidecar());
        assertEquals(List.of("app"), p.containers().stream().map(ContainerSpec::name).toList());
        assertEquals(List.of("migrate", "proxy", "app"), p.allContainers().stream().map(ContainerSpec::name).toList());
    }

    @Test
    void anInitContainersRestartPolicyMayOnlyBeAlways() {
        InvalidInputException e = rejected(WITH_INITS.replace("restartPolicy: Always", "restartPolicy: OnFailure"));
        assertTrue(e.getMessage().contains("spec.initContainers[1].restartPolicy: an init container's restartPolicy may only be Always"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("pod.yaml:"), e.getMessage());
    }

    @Test
    void aBadBackOffAnnotationIsRefusedNamingIt() {
        InvalidInputException e = rejected(WITH_INITS.replace("500ms", "soon"));
        assertTrue(e.getMessage().contains("metadata.annotations.io.jpod.crashloop/initial: \"soon\" is not a positive duration"),
                e.getMessage());
    }
}
