package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.Lifecycle;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Probe;
import io.jpod.pod.ProbeAction;
import io.jpod.pod.RestartPolicy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodGeneratorTest {
    private static final PodGenerator generator = new PodGenerator(KubeMapper.yaml());
    private static final PodTranslator translator = new PodTranslator(KubeMapper.yaml());
    private static final PodGenerator.Options POD = PodGenerator.Options.of("pod", false, null);

    private static ContainerSpec container(String name) {
        return ContainerSpec.builder(name, "localhost/busybox:latest").build();
    }

    private static PodSpec simple(String name) {
        return PodSpec.builder(name).containers(container("app")).build();
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static PodGenerator.Result generate(PodSpec p, PodGenerator.Options options) {
        return generator.generate(List.of(p), options);
    }

    private static Pod onlyPod(PodGenerator.Result r) {
        assertEquals(1, r.objects().size(), r::toString);
        return (Pod) r.objects().get(0);
    }

    private static List<PodSpec> translateAll(String yaml) {
        return new KubeReader().parse("generated.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .stream().map(d -> {
                    PodTranslator.Result r = translator.translate(d);
                    assertEquals(List.of(), r.warnings(), () -> "the generated YAML has only supported fields:\n" + yaml);
                    return r.pod();
                }).toList();
    }

    /** The pod, generated as YAML and translated back. */
    private static PodSpec roundTrip(PodSpec p) {
        PodGenerator.Result r = generate(p, POD);
        assertEquals(List.of(), r.warnings());
        String yaml = generator.yaml(r.objects(), List.of("test"));
        List<PodSpec> back = translateAll(yaml);
        assertEquals(1, back.size(), yaml);
        return back.get(0);
    }

    private static void assertSamePod(PodSpec expected, PodSpec actual) {
        assertEquals(expected, actual);
        // Map equality ignores order: the order of labels and annotations is kept too
        assertEquals(List.copyOf(expected.labels().keySet()), List.copyOf(actual.labels().keySet()));
        assertEquals(List.copyOf(expected.annotations().keySet()), List.copyOf(actual.annotations().keySet()));
    }

    // ---------------------------------------------------------------- field by field

    @Test
    void podMetadataKeepsNameLabelsAndAnnotationsInOrder() {
        PodSpec p = PodSpec.builder("web").labels(ordered("zeta", "1", "app", "web", "alpha", "2"))
                .annotations(ordered("z.example.com/last", "yes", "a/b", "x: y")).containers(container("app")).build();
        Pod out = onlyPod(generate(p, POD));
        assertEquals("v1", out.getApiVersion());
        assertEquals("Pod", out.getKind());
        assertEquals("web", out.getMetadata().getName());
        assertEquals(List.of("zeta", "app", "alpha"), List.copyOf(out.getMetadata().getLabels().keySet()));
        assertEquals("1", out.getMetadata().getLabels().get("zeta"));
        assertEquals(List.of("z.example.com/last", "a/b"), List.copyOf(out.getMetadata().getAnnotations().keySet()));
        assertEquals("x: y", out.getMetadata().getAnnotations().get("a/b"));
        assertNull(out.getMetadata().getNamespace());
    }

    @Test
    void containersAreWrittenAsTheUserGaveThem() {
        ContainerSpec c = ContainerSpec.builder("server", "docker.io/library/nginx:1.25").command("/entry.sh")
                .args("nginx", "-g", "daemon off;")
                .env(new EnvVar("MODE", "production"), new EnvVar("EMPTY", ""), new EnvVar("REF", "$(MODE)")).workingDir("/srv").build();
        Pod out = onlyPod(generate(PodSpec.builder("web").containers(c, container("sidecar")).build(), POD));
        List<Container> cs = out.getSpec().getContainers();
        assertEquals(List.of("server", "sidecar"), cs.stream().map(Container::getName).toList(), "YAML names, not <pod>-<container>");
        Container server = cs.get(0);
        assertEquals("docker.io/library/nginx:1.25", server.getImage());
        assertEquals(List.of("/entry.sh"), server.getCommand());
        assertEquals(List.of("nginx", "-g", "daemon off;"), server.getArgs());
        assertEquals(List.of("MODE=production", "EMPTY=", "REF=$(MODE)"),
                server.getEnv().stream().map(e -> e.getName() + "=" + e.getValue()).toList(), "env in order, $(VAR) not expanded");
        assertEquals("/srv", server.getWorkingDir());
        Container sidecar = cs.get(1);
        assertTrue(sidecar.getCommand().isEmpty(), "no command given: the image's ENTRYPOINT stays");
        assertTrue(sidecar.getArgs().isEmpty());
        assertTrue(sidecar.getEnv().isEmpty());
        assertNull(sidecar.getWorkingDir());
    }

    @Test
    void podSpecFieldsOnlyWhenNotTheDefault() {
        Pod defaults = onlyPod(generate(simple("web"), POD));
        assertEquals("Always", defaults.getSpec().getRestartPolicy());
        assertNull(defaults.getSpec().getHostname(), "the hostname is the pod's name");
        assertNull(defaults.getSpec().getShareProcessNamespace());
        assertNull(defaults.getSpec().getTerminationGracePeriodSeconds(), "10 s is the default");

        Pod set = onlyPod(generate(PodSpec.builder("web").hostname("webhost").restartPolicy(RestartPolicy.NEVER)
                .shareProcessNamespace(true).containers(container("app")).stopTimeoutSeconds(30).build(), POD));
        assertEquals("Never", set.getSpec().getRestartPolicy());
        assertEquals("webhost", set.getSpec().getHostname());
        assertEquals(Boolean.TRUE, set.getSpec().getShareProcessNamespace());
        assertEquals(30L, set.getSpec().getTerminationGracePeriodSeconds());
        Pod zero = onlyPod(generate(PodSpec.builder("web").restartPolicy(RestartPolicy.ON_FAILURE).containers(container("app"))
                .stopTimeoutSeconds(0).build(), POD));
        assertEquals(0L, zero.getSpec().getTerminationGracePeriodSeconds());
        assertEquals("OnFailure", zero.getSpec().getRestartPolicy());
    }

    @Test
    void yamlHasTheHeaderAndOneDocumentPerObject() {
        PodGenerator.Result r = generator.generate(List.of(simple("a"), simple("b")), POD);
        String yaml = generator.yaml(r.objects(), List.of("Generated by jpod 1.0 on 2026-01-01T00:00:00Z", "second"));
        assertTrue(yaml.startsWith("# Generated by jpod 1.0 on 2026-01-01T00:00:00Z\n# second\n---\napiVersion: v1\nkind: Pod\n"), yaml);
        assertEquals(2, yaml.lines().filter("---"::equals).count(), yaml);
        assertEquals(List.of("a", "b"), translateAll(yaml).stream().map(PodSpec::name).toList());
    }

    @Test
    void stringsThatLookLikeOtherTypesStayQuoted() {
        PodSpec p = PodSpec.builder("web").labels(ordered("n", "1", "b", "true", "y", "yes")).containers(container("app"))
                .build();
        String yaml = generator.yaml(generate(p, POD).objects(), List.of());
        assertTrue(yaml.contains("\"n\": \"1\""), yaml);
        assertTrue(yaml.contains("b: \"true\""), yaml);
        assertTrue(yaml.contains("\"y\": \"yes\""), yaml);
        assertEquals(p.labels(), translateAll(yaml).get(0).labels());
    }

    @Test
    void multiLineScriptsAreLiteralBlocks() {
        ContainerSpec c = ContainerSpec.builder("app", "busybox").command("sh", "-c", "echo one\necho two\n").build();
        String yaml = generator.yaml(generate(PodSpec.builder("web").containers(c).build(), POD).objects(), List.of());
        assertTrue(yaml.contains("- |\n      echo one\n      echo two\n"), yaml);
    }

    // ---------------------------------------------------------------- names Kubernetes would refuse

    @Test
    void invalidNamesAndLabelsAreConvertedWithAWarning() {
        PodSpec p = PodSpec.builder("My_Pod").labels(ordered("my key", "a b", "ok", "fine", "!!", "gone"))
                .annotations(ordered("Example.COM/note", "any value at all")).hostname("host").containers(container("app"))
                .build();
        PodGenerator.Result r = generate(p, POD);
        Pod out = onlyPod(r);
        assertEquals("my-pod", out.getMetadata().getName());
        assertEquals(ordered("my-key", "a-b", "ok", "fine"), out.getMetadata().getLabels());
        assertEquals(Map.of("example.com/note", "any value at all"), out.getMetadata().getAnnotations(), "annotation values are free");
        String all = String.join("\n", r.warnings());
        assertTrue(all.contains("pod My_Pod: name \"My_Pod\" is not valid in Kubernetes: written as \"my-pod\""), all);
        assertTrue(all.contains("label key \"my key\" is not valid in Kubernetes: written as \"my-key\""), all);
        assertTrue(all.contains("value of label my-key \"a b\" is not valid"), all);
        assertTrue(all.contains("label key \"!!\" is not valid in Kubernetes and is left out"), all);
        assertTrue(all.contains("annotation key \"Example.COM/note\""), all);
        assertEquals(5, r.warnings().size(), all);
    }

    @Test
    void keysThatConvertToOneAlreadyThereAreLeftOut() {
        PodSpec p = PodSpec.builder("web").labels(ordered("a-b", "1", "a b", "2")).containers(container("app")).build();
        PodGenerator.Result r = generate(p, POD);
        assertEquals(Map.of("a-b", "1"), onlyPod(r).getMetadata().getLabels());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("which is already there")), r.warnings()::toString);
    }

    @Test
    void validNamesGiveNoWarning() {
        PodSpec p = PodSpec.builder("web.example.com").labels(ordered("app.kubernetes.io/name", "web", "tier", ""))
                .hostname("web").containers(container("app")).build();
        assertEquals(List.of(), generate(p, POD).warnings());
    }

    // ---------------------------------------------------------------- --type

    @Test
    void deploymentWrapsThePodTemplate() {
        PodSpec p = PodSpec.builder("web").labels(ordered("app", "web", "tier", "front")).annotations(ordered("note", "n"))
                .containers(container("app")).build();
        PodGenerator.Result r = generate(p, PodGenerator.Options.of("deployment", false, 3));
        assertEquals(List.of(), r.warnings());
        Deployment d = (Deployment) r.objects().get(0);
        assertEquals("apps/v1", d.getApiVersion());
        assertEquals("Deployment", d.getKind());
        assertEquals("web", d.getMetadata().getName());
        assertEquals(p.labels(), d.getMetadata().getLabels());
        assertEquals(p.annotations(), d.getMetadata().getAnnotations());
        assertEquals(3, d.getSpec().getReplicas());
        assertEquals(p.labels(), d.getSpec().getSelector().getMatchLabels());
        assertEquals(p.labels(), d.getSpec().getTemplate().getMetadata().getLabels(), "the selector selects the template");
        assertEquals(p.annotations(), d.getSpec().getTemplate().getMetadata().getAnnotations());
        assertEquals(List.of("app"), d.getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getName).toList());
        assertEquals("Always", d.getSpec().getTemplate().getSpec().getRestartPolicy());
        assertEquals(1, ((Deployment) generate(p, PodGenerator.Options.of("deployment", false, null)).objects().get(0))
                .getSpec().getReplicas(), "one replica by default");
    }

    @Test
    void aPodWithoutLabelsGetsAnAppLabelInItsWorkload() {
        PodSpec p = PodSpec.builder("web").restartPolicy(RestartPolicy.ON_FAILURE).containers(container("app")).build();
        PodGenerator.Result r = generate(p, PodGenerator.Options.of("daemonset", false, null));
        DaemonSet ds = (DaemonSet) r.objects().get(0);
        assertEquals("apps/v1", ds.getApiVersion());
        assertEquals("DaemonSet", ds.getKind());
        assertEquals(Map.of("app", "web"), ds.getSpec().getSelector().getMatchLabels());
        assertEquals(Map.of("app", "web"), ds.getSpec().getTemplate().getMetadata().getLabels());
        assertEquals("Always", ds.getSpec().getTemplate().getSpec().getRestartPolicy(), "a DaemonSet allows only Always");
        assertEquals(List.of("pod web: a DaemonSet only allows restartPolicy Always: OnFailure written as Always"), r.warnings());
    }

    @Test
    void jobGetsARestartPolicyKubernetesAllows() {
        PodGenerator.Options job = PodGenerator.Options.of("job", false, null);
        PodGenerator.Result always = generate(simple("batch"), job);
        Job j = (Job) always.objects().get(0);
        assertEquals("batch/v1", j.getApiVersion());
        assertEquals("Job", j.getKind());
        assertEquals("OnFailure", j.getSpec().getTemplate().getSpec().getRestartPolicy());
        assertNull(j.getSpec().getSelector(), "Kubernetes makes a Job's selector");
        assertEquals(Map.of("app", "batch"), j.getSpec().getTemplate().getMetadata().getLabels());
        assertEquals(List.of("pod batch: restartPolicy Always is not allowed in a Job: written as OnFailure"), always.warnings());

        PodGenerator.Result never = generate(PodSpec.builder("batch").restartPolicy(RestartPolicy.NEVER)
                .containers(container("a")).build(), job);
        assertEquals("Never", ((Job) never.objects().get(0)).getSpec().getTemplate().getSpec().getRestartPolicy());
        assertEquals(List.of(), never.warnings());
    }

    @Test
    void optionsAreChecked() {
        assertEquals("--type: unsupported generate type \"cronjob\": must be one of pod, deployment, daemonset, job",
                assertThrows(InvalidInputException.class, () -> PodGenerator.Options.of("cronjob", false, null)).getMessage());
        assertEquals("--replicas: can only be used with --type deployment",
                assertThrows(InvalidInputException.class, () -> PodGenerator.Options.of("pod", false, 2)).getMessage());
        assertThrows(InvalidInputException.class, () -> PodGenerator.Options.of("deployment", false, -1));
        assertEquals(0, PodGenerator.Options.of("deployment", false, 0).replicas());
    }

    // ---------------------------------------------------------------- --service

    @Test
    void aServiceWithoutPortsIsNotGenerated() {
        PodGenerator.Result r = generate(simple("web"), PodGenerator.Options.of("pod", true, null));
        assertEquals(1, r.objects().size());
        assertTrue(r.objects().get(0) instanceof Pod);
        assertEquals(List.of("pod web has no ports: a Service needs at least one, so none is generated for it"), r.warnings());
    }

    @Test
    void serviceSelectsThePodLabels() {
        List<String> warnings = new ArrayList<>();
        Service s = PodGenerator.service("1web", Map.of("app", "web"),
                List.of(new ServicePortBuilder().withPort(80).withNewTargetPort(8080).build()), "ClusterIP", warnings);
        assertEquals("v1", s.getApiVersion());
        assertEquals("Service", s.getKind());
        assertEquals("svc-1web", s.getMetadata().getName(), "a Service name is a DNS-1035 label");
        assertEquals("ClusterIP", s.getSpec().getType());
        assertEquals(Map.of("app", "web"), s.getSpec().getSelector());
        assertEquals(80, s.getSpec().getPorts().get(0).getPort());
        assertEquals(1, warnings.size(), warnings::toString);
        String yaml = generator.yaml(List.<HasMetadata>of(s), List.of());
        assertTrue(yaml.contains("targetPort: 8080"), yaml);
    }

    // ---------------------------------------------------------------- round trips: YAML -> pod -> YAML -> the same pod

    private static void assertRoundTrips(String file) {
        List<KubeDocument> docs = new KubeReader().read(file, Inputs.ofProcess());
        assertFalse(docs.isEmpty());
        for (KubeDocument d : docs) {
            PodSpec first = translator.translate(d).pod();
            assertSamePod(first, roundTrip(first));
        }
    }

    @Test
    void roundTripOfEverySupportedField() {
        assertRoundTrips(KubeReaderTest.fixture("pod-full.yaml"));
    }

    @Test
    void roundTripOfTheExample() {
        assertRoundTrips(Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "examples/kube/hello-pod.yaml").toString());
    }

    @Test
    void roundTripOfSeveralPods() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: first
                  labels: {b: "2", a: "1"}
                spec:
                  restartPolicy: Never
                  containers:
                  - name: a
                    image: busybox
                    args: [sleep, "100"]
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: second
                  annotations: {note: "x"}
                spec:
                  shareProcessNamespace: true
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: b
                    image: busybox
                    env: [{name: X, value: "1"}]
                  - name: c
                    image: busybox
                    workingDir: /tmp
                """;
        List<PodSpec> first = translateAll(yaml);
        PodGenerator.Result r = generator.generate(first, POD);
        List<PodSpec> back = translateAll(generator.yaml(r.objects(), List.of()));
        assertEquals(first, back);
        assertEquals(List.of("b", "a"), List.copyOf(back.get(0).labels().keySet()));
    }

    @Test
    void roundTripOfAwkwardStrings() {
        ContainerSpec c = ContainerSpec.builder("app", "busybox")
                .command("sh", "-c", "echo 'a: b' # not a comment\n  indented\ntrailing  \n")
                .args("", " leading", "null", "~", "- dash", "{x}", "[y]", "*star", "&amp", "!tag", "%p", "@at", "`tick`", "12", "0x1F", "1e3", "no")
                .env(new EnvVar("QUOTES", "\"double\" 'single'"), new EnvVar("UNICODE", "grüße ✓"), new EnvVar("TAB", "a\tb"),
                        new EnvVar("NL", "line1\nline2"))
                .workingDir("/path with space").build();
        PodSpec p = PodSpec.builder("odd").labels(ordered("z", "", "a", "on"))
                .annotations(ordered("json", "{\"k\": [1, 2]}", "multi", "one\ntwo\n", "colon", "key: value"))
                .restartPolicy(RestartPolicy.NEVER).shareProcessNamespace(true).containers(c).stopTimeoutSeconds(0).build();
        assertSamePod(p, roundTrip(p));
    }

    @Test
    void roundTripKeepsALongNamesHostname() {
        // the translator cuts a hostname from a long name to 63: written out, it must come back the same
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  containers:
                  - name: app
                    image: busybox
                """.formatted("a".repeat(70));
        PodSpec first = translateAll(yaml).get(0);
        assertEquals("a".repeat(63), first.hostname());
        assertSamePod(first, roundTrip(first));
    }

    @Test
    void everyGeneratedDocumentValidatesAgainstTheSchemas() {
        PodSpec p = PodSpec.builder("web").labels(ordered("app", "web")).annotations(ordered("example.com/note", "n"))
                .restartPolicy(RestartPolicy.ON_FAILURE).shareProcessNamespace(true)
                .containers(container("app"), container("sidecar")).stopTimeoutSeconds(5).build();
        DocumentValidator validator = new DocumentValidator();
        for (String type : List.of("pod", "deployment", "daemonset", "job")) {
            PodGenerator.Result r = generate(p, PodGenerator.Options.of(type, true, null));
            String yaml = generator.yaml(r.objects(), List.of("test"));
            List<KubeDocument> docs = new KubeReader().parse("generated.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
            assertTrue(docs.size() >= 1, yaml);
            for (KubeDocument d : docs) {
                assertEquals(List.of(), validator.problems(d), yaml);
            }
        }
    }

    @Test
    void initContainersAndSidecarsRoundTrip() {
        PodSpec p = PodSpec.builder("inits")
                .initContainers(ContainerSpec.builder("migrate", "busybox").command("sh", "-c", "echo migrate").build(),
                        ContainerSpec.builder("proxy", "busybox").restartPolicy(RestartPolicy.ALWAYS).build())
                .containers(ContainerSpec.builder("app", "busybox").build())
                .build();
        String yaml = generator.yaml(generate(p, POD).objects(), List.of("test"));
        assertTrue(yaml.contains("initContainers:"), yaml);
        assertTrue(yaml.indexOf("name: migrate") < yaml.indexOf("name: proxy"), yaml);
        assertTrue(yaml.contains("restartPolicy: Always"), yaml);
        PodSpec back = roundTrip(p);
        assertEquals(p.initContainers(), back.initContainers());
        assertSamePod(p, back);
    }

    @Test
    void probesAndHooksAreWrittenWithoutTheirDefaults() {
        ContainerSpec c = ContainerSpec.builder("app", "busybox")
                .ports(new io.jpod.pod.ContainerPort("http", 8080, 0, "TCP", null))
                .livenessProbe(new Probe(ProbeAction.httpGet(new ProbeAction.HttpGet("HTTPS", null, "/healthz",
                        ProbeAction.PortRef.named("http"), List.of(new ProbeAction.Header("X-A", "b")))), 0, 10, 1, 1, 5, 20L))
                .readinessProbe(Probe.of(ProbeAction.tcpSocket(new ProbeAction.TcpSocket("127.0.0.1", ProbeAction.PortRef.of(8080)))))
                .startupProbe(new Probe(ProbeAction.grpc(new ProbeAction.Grpc(9090, null)), 3, 1, 2, 1, 30, null))
                .lifecycle(new Lifecycle(ProbeAction.exec(List.of("touch", "/tmp/up")), ProbeAction.sleep(2)))
                .stopSignal("SIGINT")
                .build();
        PodSpec p = PodSpec.builder("probed").containers(c).build();
        Container out = onlyPod(generate(p, POD)).getSpec().getContainers().get(0);
        assertEquals("http", out.getLivenessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("HTTPS", out.getLivenessProbe().getHttpGet().getScheme());
        assertEquals(5, out.getLivenessProbe().getFailureThreshold());
        assertNull(out.getLivenessProbe().getPeriodSeconds(), "the default period is left out");
        assertNull(out.getReadinessProbe().getHttpGet());
        assertEquals(8080, out.getReadinessProbe().getTcpSocket().getPort().getIntVal());
        assertNull(out.getReadinessProbe().getFailureThreshold());
        assertEquals(9090, out.getStartupProbe().getGrpc().getPort());
        assertEquals("SIGINT", out.getLifecycle().getStopSignal(), "the stop signal and the hooks share lifecycle");
        assertEquals(List.of("touch", "/tmp/up"), out.getLifecycle().getPostStart().getExec().getCommand());
        assertEquals(2L, out.getLifecycle().getPreStop().getSleep().getSeconds());
        assertSamePod(p, roundTrip(p));
    }
}
