package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.SecurityContext;
import io.jpod.pod.Volume;
import io.jpod.pod.VolumeMount;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeTranslatorTest {
    private static final PodTranslator translator = new PodTranslator(KubeMapper.yaml());
    static final EnvSources SOURCES = EnvSources.of(List.of(
            ConfigData.of(ConfigDataTest.doc("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: site}
                    data: {index.html: hello, app.conf: "port=80"}
                    """)).config(),
            ConfigData.of(ConfigDataTest.doc("""
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: db}
                    stringData: {password: hunter2}
                    """)).config()), false);

    /** A pod from {@code /srv/play/pod.yaml}: its container gets {@code containerLines} (indented by four), the spec {@code specLines}. */
    private static PodTranslator.Result translate(String containerLines, String specLines) {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: app
                    image: busybox
                %s%s""".formatted(containerLines, specLines);
        List<KubeDocument> docs = new KubeReader().parse("/srv/play/pod.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return translator.translate(docs.get(0), SOURCES);
    }

    private static String rejected(String containerLines, String specLines) {
        return assertThrows(InvalidInputException.class, () -> translate(containerLines, specLines)).getMessage();
    }

    @Test
    void aSizeLimitOnDiskIsKeptAndWarnedAsNotEnforced() {
        PodTranslator.Result r = translate("", """
                  volumes:
                  - {name: scratch, emptyDir: {sizeLimit: 1Gi}}
                  - {name: fast, emptyDir: {medium: Memory, sizeLimit: 1Gi}}
                """);
        assertEquals(1L << 30, r.pod().volume("scratch").emptyDir().sizeLimit());
        assertEquals(List.of("/srv/play/pod.yaml:1:1: Pod web: volume scratch: " + VolumeTranslator.DISK_SIZE_LIMIT), r.warnings());
    }

    @Test
    void everyVolumeSourceAndMount() {
        PodTranslator.Result r = translate("""
                    volumeMounts:
                    - {name: scratch, mountPath: /scratch}
                    - {name: cache, mountPath: /cache, readOnly: true, subPath: a/b}
                    - {name: data, mountPath: /data}
                    - {name: site, mountPath: /site}
                    - {name: creds, mountPath: /creds}
                """, """
                  volumes:
                  - {name: scratch, emptyDir: {}}
                  - name: cache
                    emptyDir: {medium: Memory, sizeLimit: 64Mi}
                  - name: data
                    hostPath: {path: data, type: DirectoryOrCreate}
                  - name: site
                    configMap:
                      name: site
                      defaultMode: 0640
                      items:
                      - {key: index.html, path: html/index.html, mode: 0600}
                      - {key: app.conf, path: app.conf}
                  - name: creds
                    secret: {secretName: db}
                """);
        PodSpec p = r.pod();
        assertEquals(List.of(), r.warnings());
        assertEquals(Volume.emptyDir("scratch", false, null), p.volume("scratch"));
        assertTrue(p.volume("cache").memory());
        assertEquals(64L * 1024 * 1024, p.volume("cache").emptyDir().sizeLimit());
        assertEquals(new Volume.HostPath("/srv/play/data", Volume.HostPath.Type.DIRECTORY_OR_CREATE), p.volume("data").hostPath());
        Volume.Files site = p.volume("site").files();
        assertFalse(site.secret());
        assertEquals(List.of(new Volume.File("html/index.html", "hello", 0600, "index.html"),
                new Volume.File("app.conf", "port=80", 0640, "app.conf")), site.files());
        assertEquals(0640, site.defaultMode());
        assertTrue(site.items());
        Volume.Files creds = p.volume("creds").files();
        assertTrue(creds.secret());
        assertEquals(List.of(new Volume.File("password", "hunter2", 0644)), creds.files());
        ContainerSpec c = p.containers().get(0);
        assertEquals(5, c.volumeMounts().size());
        assertEquals(new VolumeMount("cache", "/cache", true, "a/b"), c.volumeMounts().get(1));
        assertEquals(new VolumeMount("scratch", "/scratch", false, null), c.volumeMounts().get(0));
    }

    @Test
    void absoluteHostPathIsKeptAndTypeDefaultsToNoCheck() {
        Volume v = translate("", "  volumes: [{name: h, hostPath: {path: /tmp/../var/x}}]\n").pod().volume("h");
        assertEquals(new Volume.HostPath("/var/x", Volume.HostPath.Type.ANY), v.hostPath());
    }

    @Test
    void badVolumesAndMountsNameTheField() {
        assertTrue(rejected("    volumeMounts: [{name: nope, mountPath: /x}]\n", "").contains(
                "spec.containers[0].volumeMounts[0].name: container app mounts volume \"nope\""));
        assertTrue(rejected("", "  volumes: [{name: a, emptyDir: {}}, {name: a, emptyDir: {}}]\n")
                .contains("spec.volumes[1].name: duplicate volume name \"a\""));
        assertTrue(rejected("    volumeMounts: [{name: a, mountPath: rel}]\n", "  volumes: [{name: a, emptyDir: {}}]\n")
                .contains("spec.containers[0].volumeMounts[0].mountPath: \"rel\" is not an absolute path"));
        assertTrue(rejected("    volumeMounts: [{name: a, mountPath: /x, subPath: ../up}]\n", "  volumes: [{name: a, emptyDir: {}}]\n")
                .contains("spec.containers[0].volumeMounts[0].subPath"));
        assertTrue(rejected("", "  volumes: [{name: a, hostPath: {path: /x, type: Dir}}]\n").contains("spec.volumes[0].hostPath.type"));
        assertTrue(rejected("", "  volumes: [{name: a, emptyDir: {medium: Disk}}]\n").contains("spec.volumes[0].emptyDir.medium"));
    }

    @Test
    void missingConfigMapIsAnErrorUnlessOptional() {
        assertTrue(rejected("", "  volumes: [{name: a, configMap: {name: gone}}]\n")
                .contains("spec.volumes[0].configMap: Pod web: ConfigMap \"gone\" not found"));
        assertTrue(rejected("", "  volumes: [{name: a, secret: {secretName: db, items: [{key: user, path: u}]}}]\n")
                .contains("spec.volumes[0].secret.items[0].key: Pod web: Secret db has no key \"user\""));
        Volume v = translate("", "  volumes: [{name: a, configMap: {name: gone, optional: true}}]\n").pod().volume("a");
        assertEquals(List.of(), v.files().files());
        assertTrue(rejected("", "  volumes: [{name: a, configMap: {name: site, items: [{key: app.conf, path: ../x}]}}]\n")
                .contains("spec.volumes[0].configMap.items[0].path"));
    }

    @Test
    void unsupportedVolumeTypesAreNamedAndBecomeEmptyDirectories() {
        PodTranslator.Result r = translate("", "  volumes: [{name: nfs, nfs: {server: s, path: /x}}]\n");
        assertEquals(Volume.emptyDir("nfs", false, null), r.pod().volume("nfs"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("field spec.volumes[0].nfs is not supported")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("volume nfs: nfs volumes are not supported")));
    }

    private static PodTranslator.Result translateDoc(String yaml) {
        List<KubeDocument> docs = new KubeReader().parse("/srv/play/pod.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return translator.translate(docs.get(0), SOURCES);
    }

    private static final String DOWNWARD_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: {tier: front, app: web}
              annotations: {note: "say \\"hi\\""}
            spec:
              containers:
              - name: app
                image: busybox
                volumeMounts: [{name: info, mountPath: /info}]
              volumes:
            """;

    @Test
    void downwardApiFilesAreThePodsFieldsAsTheKubeletWritesThem() {
        PodTranslator.Result r = translateDoc(DOWNWARD_POD + """
                  - name: info
                    downwardAPI:
                      defaultMode: 0444
                      items:
                      - {path: name, fieldRef: {fieldPath: metadata.name}}
                      - {path: ns, fieldRef: {fieldPath: metadata.namespace}, mode: 0400}
                      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                      - {path: annotations, fieldRef: {fieldPath: metadata.annotations}}
                      - {path: tier, fieldRef: {fieldPath: "metadata.labels['tier']"}}
                      - {path: uid, fieldRef: {fieldPath: metadata.uid}}
                      - {path: cpu, resourceFieldRef: {containerName: app, resource: limits.cpu}}
                """);
        Volume.Files f = r.pod().volume("info").files();
        assertEquals(Volume.Files.DOWNWARD_API, f.kind());
        assertEquals(List.of("name", "ns", "labels", "annotations", "tier", "uid"), f.files().stream().map(Volume.File::path).toList());
        assertEquals("web", f.files().get(0).content());
        assertEquals(0444, f.files().get(0).mode());
        assertEquals("default", f.files().get(1).content());
        assertEquals(0400, f.files().get(1).mode());
        assertEquals("app=\"web\"\ntier=\"front\"", f.files().get(2).content(), "sorted key=\"value\" lines");
        assertEquals("note=\"say \\\"hi\\\"\"", f.files().get(3).content(), "values quoted as Go's %q");
        assertEquals("front", f.files().get(4).content());
        assertTrue(f.files().get(5).content().matches("[0-9a-f-]{36}"));
        assertEquals("metadata.labels", f.files().get(2).key());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("resourceFieldRef: resource fields are not supported in volumes yet")),
                r.warnings().toString());
        assertTrue(assertThrows(InvalidInputException.class, () -> translateDoc(DOWNWARD_POD + """
                  - name: info
                    downwardAPI: {items: [{path: ip, fieldRef: {fieldPath: status.podIP}}]}
                """)).getMessage().contains("spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath: fieldPath \"status.podIP\""));
    }

    @Test
    void projectedVolumesJoinTheirSources() {
        PodTranslator.Result r = translateDoc(DOWNWARD_POD + """
                  - name: info
                    projected:
                      defaultMode: 0440
                      sources:
                      - configMap: {name: site, items: [{key: app.conf, path: conf/app.conf}]}
                      - secret: {name: db, items: [{key: password, path: pw, mode: 0400}]}
                      - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}]}
                      - serviceAccountToken: {path: token}
                """);
        Volume.Files f = r.pod().volume("info").files();
        assertEquals(Volume.Files.PROJECTED, f.kind());
        assertTrue(f.secret(), "a Secret in it: kept in the owner-only directory");
        assertEquals(List.of(new Volume.File("conf/app.conf", "port=80", 0440, "app.conf"),
                new Volume.File("pw", "hunter2", 0400, "password"), new Volume.File("name", "web", 0440, "metadata.name")), f.files());
        assertEquals(3, f.parts().size());
        assertEquals(0440, f.defaultMode());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("projected serviceAccountToken sources are not supported")),
                r.warnings().toString());
        assertTrue(assertThrows(InvalidInputException.class, () -> translateDoc(DOWNWARD_POD + """
                  - name: info
                    projected:
                      sources:
                      - configMap: {name: site, items: [{key: app.conf, path: x}]}
                      - secret: {name: db, items: [{key: password, path: x}]}
                """)).getMessage().contains("path \"x\" is also made by another source"));
        assertTrue(assertThrows(InvalidInputException.class, () -> translateDoc(DOWNWARD_POD + """
                  - name: info
                    projected: {sources: [{secret: {name: nope}}]}
                """)).getMessage().contains("spec.volumes[0].projected.sources[0].secret: Pod web: Secret \"nope\" not found"));
    }

    @Test
    void persistentVolumeClaimIsANamedVolume() {
        PodTranslator.Result r = translate("""
                    volumeMounts: [{name: data, mountPath: /data}, {name: ro, mountPath: /ro}]
                """, "  volumes: [{name: data, persistentVolumeClaim: {claimName: db-data}},"
                + " {name: ro, persistentVolumeClaim: {claimName: shared, readOnly: true}}]\n");
        assertEquals(Volume.claim("data", "db-data", false), r.pod().volume("data"));
        assertEquals(Volume.claim("ro", "shared", true), r.pod().volume("ro"));
        assertEquals(List.of(), r.warnings());
        assertTrue(rejected("", "  volumes: [{name: data, persistentVolumeClaim: {}}]\n")
                .contains("spec.volumes[0].persistentVolumeClaim.claimName: a persistentVolumeClaim volume needs a claimName"));
        assertTrue(rejected("", "  volumes: [{name: data, persistentVolumeClaim: {claimName: Bad_Name}}]\n")
                .contains("\"Bad_Name\" is not a valid claim name"));
    }

    @Test
    void securityContextContainerWinsOverPod() {
        PodTranslator.Result r = translate("""
                    securityContext:
                      runAsUser: 1000
                      readOnlyRootFilesystem: true
                      allowPrivilegeEscalation: false
                      capabilities: {add: [net_admin, CAP_SYS_TIME], drop: [ALL]}
                """, """
                  securityContext: {runAsUser: 5, runAsGroup: 6, runAsNonRoot: true, supplementalGroups: [7, 8]}
                """);
        assertEquals(List.of(), r.warnings());
        SecurityContext s = r.pod().containers().get(0).securityContext();
        assertEquals(new SecurityContext(1000L, 6L, true, List.of(7L, 8L), true, false, List.of("CAP_NET_ADMIN", "CAP_SYS_TIME"),
                List.of("ALL"), false), s);
        assertTrue(s.noNewPrivileges());
    }

    @Test
    void noSecurityContextIsNone() {
        assertEquals(SecurityContext.NONE, translate("", "").pod().containers().get(0).securityContext());
        assertNull(translate("", "").pod().containers().get(0).securityContext().runAsUser());
    }

    @Test
    void runAsNonRootWithRootUserIsRefusedNamingTheContainer() {
        assertTrue(rejected("    securityContext: {runAsUser: 0}\n", "  securityContext: {runAsNonRoot: true}\n")
                .contains("spec.containers[0].securityContext.runAsNonRoot: container app must not run as root"));
    }

    @Test
    void relativeHostPathFromStdinResolvesAgainstTheWorkingDirectory() {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: b}]\n"
                + "  volumes: [{name: h, hostPath: {path: x}}]\n";
        KubeDocument d = new KubeReader().parse("-", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).get(0);
        assertEquals(Path.of("x").toAbsolutePath().toString(), translator.translate(d).pod().volume("h").hostPath().path());
    }

    @Test
    void deploymentTemplateVolumesAreHonouredAndNamedWithTheirPath() {
        WorkloadTranslator workloads = new WorkloadTranslator(translator);
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      securityContext: {runAsUser: 7}
                      volumes: [{name: cache, emptyDir: {medium: Memory, sizeLimit: 1Gi}}]
                      containers:
                      - name: app
                        image: busybox
                        volumeMounts: [{name: %s, mountPath: /cache}]
                """;
        WorkloadTranslator.Result r = workloads.translate(ConfigDataTest.doc(yaml.formatted("cache")), SOURCES);
        assertEquals(List.of(), r.warnings());
        assertEquals(1L << 30, r.workload().template().volume("cache").emptyDir().sizeLimit());
        assertEquals(7L, r.workload().template().containers().get(0).securityContext().runAsUser());
        String bad = assertThrows(InvalidInputException.class,
                () -> workloads.translate(ConfigDataTest.doc(yaml.formatted("nope")), SOURCES)).getMessage();
        assertTrue(bad.contains("spec.template.spec.containers[0].volumeMounts[0].name"), bad);
    }

    @Test
    void fsGroupOwnsThePodsVolumesAndJoinsItsContainersGroups() {
        PodTranslator.Result r = translate("""
                    env: [{name: POD, value: web}]
                    volumeMounts: [{name: d, mountPath: /d, subPathExpr: "logs/$(POD)"}]
                """, """
                  securityContext: {fsGroup: 2000, supplementalGroups: [3000]}
                  volumes: [{name: d, emptyDir: {}}, {name: h, hostPath: {path: /tmp}}]
                """);
        assertEquals(List.of(), r.warnings());
        assertEquals(2000L, r.pod().volume("d").fsGroup());
        assertNull(r.pod().volume("h").fsGroup(), "Kubernetes leaves hostPath ownership alone");
        assertEquals(List.of(3000L, 2000L), r.pod().containers().get(0).securityContext().supplementalGroups());
        assertEquals(new VolumeMount("d", "/d", false, null, "logs/$(POD)"), r.pod().containers().get(0).volumeMounts().get(0));
        assertTrue(rejected("    volumeMounts: [{name: d, mountPath: /d, subPath: a, subPathExpr: b}]\n",
                "  volumes: [{name: d, emptyDir: {}}]\n").contains("subPath and subPathExpr are mutually exclusive"));
        assertTrue(rejected("    volumeMounts: [{name: d, mountPath: /d, subPathExpr: \"../$(X)\"}]\n",
                "  volumes: [{name: d, emptyDir: {}}]\n").contains("must be a relative path without '..'"));
    }
}
