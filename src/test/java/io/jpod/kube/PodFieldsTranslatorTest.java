package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodOptions;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Resources;
import io.jpod.pod.SecurityContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** hostAliases, DNS, host namespaces, sysctls, ulimits, seccomp, procMount, stopSignal, resources: YAML → pod model → YAML. */
class PodFieldsTranslatorTest {
    private static final PodTranslator translator = new PodTranslator(KubeMapper.yaml());
    private static final PodGenerator generator = new PodGenerator(KubeMapper.yaml());

    private static PodTranslator.Result translateYaml(String yaml) {
        List<KubeDocument> docs = new KubeReader().parse("pod.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return translator.translate(docs.get(0));
    }

    /** A pod whose spec gets {@code specLines} and whose container gets {@code containerLines} (indented by four). */
    private static PodTranslator.Result translate(String specLines, String containerLines) {
        return translateYaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations: {io.podman.annotations.ulimit: "nofile=1024:2048,core=0"}
                spec:
                %s  containers:
                  - name: app
                    image: busybox
                %s""".formatted(specLines, containerLines));
    }

    private static String rejected(String specLines, String containerLines) {
        return assertThrows(InvalidInputException.class, () -> translate(specLines, containerLines)).getMessage();
    }

    @Test
    void podOptions() {
        PodTranslator.Result r = translate("""
                  hostAliases:
                  - {ip: 192.0.2.1, hostnames: [a.test, b]}
                  - {ip: "fd00::1", hostnames: [six]}
                  dnsPolicy: None
                  dnsConfig:
                    nameservers: [192.0.2.53]
                    searches: [example.test]
                    options: [{name: ndots, value: "2"}, {name: edns0}]
                  hostPID: true
                  securityContext:
                    sysctls: [{name: kernel.shmmax, value: "1000"}, {name: net/ipv4/ip_forward, value: "1"}]
                """, "");
        assertEquals(List.of(), r.warnings(), "every field is supported");
        PodOptions o = r.pod().options();
        assertEquals(List.of(new PodOptions.HostAlias("192.0.2.1", List.of("a.test", "b")),
                new PodOptions.HostAlias("fd00::1", List.of("six"))), o.hostAliases());
        assertEquals(new PodOptions.Dns("None", List.of("192.0.2.53"), List.of("example.test"), List.of("ndots:2", "edns0")), o.dns());
        assertTrue(o.hostPid());
        assertFalse(o.hostNetwork());
        assertEquals(Map.of("kernel.shmmax", "1000", "net.ipv4.ip_forward", "1"), o.sysctls(), "slashes are dots");
        assertEquals(List.of(new PodOptions.Ulimit("nofile", 1024, 2048), new PodOptions.Ulimit("core", 0, 0)), o.ulimits());
    }

    @Test
    void defaults() {
        PodSpec p = translate("", "").pod();
        assertEquals(PodOptions.Dns.DEFAULT, p.options().dns());
        assertEquals(SecurityContext.Seccomp.UNSET, p.containers().get(0).securityContext().seccomp(),
                "no profile: unconfined, as Kubernetes' default");
        assertNull(p.containers().get(0).stopSignal());
        assertEquals(Resources.NONE, p.containers().get(0).resources());
    }

    @Test
    void containerSecurityStopSignalAndResources() {
        PodTranslator.Result r = translate("""
                  securityContext:
                    seccompProfile: {type: RuntimeDefault}
                """, """
                    lifecycle: {stopSignal: SIGQUIT}
                    resources:
                      requests: {cpu: 250m, memory: 32Mi, ephemeral-storage: 1Gi}
                      limits: {cpu: "1.5", memory: 1Gi}
                    securityContext:
                      procMount: Unmasked
                """);
        ContainerSpec c = r.pod().containers().get(0);
        assertEquals(new SecurityContext.Seccomp("RuntimeDefault", null), c.securityContext().seccomp(), "the pod's profile");
        assertTrue(c.securityContext().unmaskedProc());
        assertEquals("SIGQUIT", c.stopSignal());
        assertEquals(new Resources(250L, 1500L, 32L * 1024 * 1024, 1024L * 1024 * 1024), c.resources());
        assertEquals(1, r.warnings().size(), r.warnings()::toString);
        assertTrue(r.warnings().get(0).contains("resources.requests.ephemeral-storage is not honoured"));
        ContainerSpec own = translate("""
                  securityContext:
                    seccompProfile: {type: RuntimeDefault}
                """, """
                    securityContext:
                      seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}
                """).pod().containers().get(0);
        assertEquals(new SecurityContext.Seccomp("Localhost", "profiles/audit.json"), own.securityContext().seccomp(),
                "the container's profile wins");
        assertEquals("SIGINT", translate("", "    lifecycle: {stopSignal: INT}\n").pod().containers().get(0).stopSignal());
    }

    @Test
    void seLinuxAndAppArmorAreAcceptedWithAWarning() {
        PodTranslator.Result r = translate("", """
                    securityContext:
                      seLinuxOptions: {level: "s0:c1"}
                      appArmorProfile: {type: RuntimeDefault}
                """);
        assertEquals(2, r.warnings().size(), r.warnings()::toString);
        assertTrue(r.warnings().get(0).contains("seLinuxOptions is not honoured"), r.warnings()::toString);
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        assertTrue(rejected("  hostAliases: [{ip: 300.1.1.1, hostnames: [a]}]\n", "")
                .endsWith("spec.hostAliases[0].ip: \"300.1.1.1\" is not an IP address"));
        assertTrue(rejected("  hostAliases: [{ip: 192.0.2.1, hostnames: [Bad_Name]}]\n", "")
                .contains("spec.hostAliases[0].hostnames[0]"));
        assertTrue(rejected("  dnsPolicy: Cluster\n", "").contains("spec.dnsPolicy: unsupported dnsPolicy \"Cluster\": must be one of ClusterFirst, ClusterFirstWithHostNet, Default, None"));
        assertTrue(rejected("  dnsPolicy: None\n", "").contains("dnsPolicy None needs at least one nameserver"));
        assertTrue(rejected("  dnsConfig: {nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]}\n", "").contains("at most 3"));
        assertTrue(rejected("  securityContext: {sysctls: [{name: kernel.hostname, value: x}]}\n", "")
                .contains("spec.securityContext.sysctls[0].name: sysctl kernel.hostname is not namespaced"));
        assertTrue(rejected("  hostIPC: true\n  securityContext: {sysctls: [{name: kernel.sem, value: \"1 2 3 4\"}]}\n", "")
                .contains("hostIPC is set"));
        assertTrue(rejected("  hostNetwork: true\n  securityContext: {sysctls: [{name: net.core.somaxconn, value: \"1\"}]}\n", "")
                .contains("hostNetwork is set"));
        assertTrue(rejected("  hostPID: true\n  shareProcessNamespace: true\n", "").contains("cannot be set with hostPID"));
        assertTrue(rejected("", "    securityContext: {seccompProfile: {type: Default}}\n")
                .contains("spec.containers[0].securityContext.seccompProfile.type: unsupported seccomp profile type \"Default\": must be one of "));
        assertTrue(rejected("", "    securityContext: {seccompProfile: {type: Localhost}}\n")
                .contains("needs the profile's path"));
        assertTrue(rejected("", "    securityContext: {procMount: Raw}\n").contains("unsupported procMount \"Raw\": must be one of Default, Unmasked"));
        assertTrue(rejected("", "    lifecycle: {stopSignal: SIGNOPE}\n").contains("is not a signal name"));
        assertTrue(rejected("", "    resources: {requests: {cpu: \"2\"}, limits: {cpu: \"1\"}}\n").contains("must not be above limits.cpu"));
        String ulimit = assertThrows(InvalidInputException.class, () -> translateYaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: u, annotations: {io.podman.annotations.ulimit: "nofile=10:5"}}
                spec: {containers: [{name: a, image: busybox}]}
                """)).getMessage();
        assertTrue(ulimit.contains("metadata.annotations.io.podman.annotations.ulimit: ulimit nofile: the soft limit must not be above"),
                ulimit);
    }

    // ---------------------------------------------------------------- generation

    private static PodSpec roundTrip(PodSpec p) {
        PodGenerator.Result r = generator.generate(List.of(p), PodGenerator.Options.of("pod", false, null));
        assertEquals(List.of(), r.warnings());
        String yaml = generator.yaml(r.objects(), List.of("test"));
        PodTranslator.Result back = translateYaml(yaml.substring(yaml.indexOf("---")));
        assertEquals(List.of(), back.warnings(), yaml);
        return back.pod();
    }

    @Test
    void theExampleRoundTrips() {
        String file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "examples/kube/security-and-dns.yaml")
                .toString();
        PodSpec played = translator.translate(new KubeReader().read(file, Inputs.ofProcess()).get(0)).pod();
        assertEquals(played, roundTrip(played));
    }

    @Test
    void everyFieldRoundTrips() {
        PodSpec played = translate("""
                  subdomain: backends
                  hostNetwork: true
                  hostIPC: true
                  hostPID: true
                  dnsPolicy: Default
                  dnsConfig: {searches: [a.test], options: [{name: ndots, value: "1"}]}
                  securityContext:
                    runAsUser: 1000
                    supplementalGroups: [5, 6]
                    seccompProfile: {type: Localhost, localhostProfile: /etc/p.json}
                """, """
                    lifecycle: {stopSignal: SIGUSR1}
                    resources: {limits: {memory: "1000", cpu: "2"}}
                    securityContext:
                      runAsGroup: 100
                      runAsNonRoot: true
                      readOnlyRootFilesystem: true
                      allowPrivilegeEscalation: false
                      privileged: true
                      capabilities: {add: [NET_ADMIN], drop: [ALL]}
                """).pod();
        assertEquals(played, roundTrip(played));
    }

    @Test
    void quantitiesAreWrittenAsKubernetesWritesThem() {
        assertEquals("250m", PodFieldsGenerator.cpu(250).toString());
        assertEquals("2", PodFieldsGenerator.cpu(2000).toString());
        assertEquals("64Mi", PodFieldsGenerator.memory(64L << 20).toString());
        assertEquals("2Gi", PodFieldsGenerator.memory(2L << 30).toString());
        assertEquals("1000", PodFieldsGenerator.memory(1000).toString());
    }
}
