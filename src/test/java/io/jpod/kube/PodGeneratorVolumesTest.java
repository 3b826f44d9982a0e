package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.jpod.pod.PodSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.jpod.pod.ClaimSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Volumes and volumeMounts, generated and played back: the same pod; named volumes as PersistentVolumeClaims. */
class PodGeneratorVolumesTest {
    private static final PodGenerator generator = new PodGenerator(KubeMapper.yaml());
    private static final PodTranslator translator = new PodTranslator(KubeMapper.yaml());
    private static final PodGenerator.Options POD = PodGenerator.Options.of("pod", false, null);
    private static final EnvSources SOURCES = VolumeTranslatorTest.SOURCES;

    private static final String POD_YAML = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: busybox
                volumeMounts:
                - {name: scratch, mountPath: /scratch}
                - {name: cache, mountPath: /cache, readOnly: true, subPath: a/b}
                - {name: data, mountPath: /data}
                - {name: any, mountPath: /any}
                - {name: site, mountPath: /site}
                - {name: all, mountPath: /all}
                - {name: creds, mountPath: /creds}
                - {name: maybe, mountPath: /maybe}
                - {name: claim, mountPath: /claim}
                - {name: claim-ro, mountPath: /claim-ro}
                - {name: info, mountPath: /info}
                - {name: joined, mountPath: /joined}
              volumes:
              - {name: scratch, emptyDir: {}}
              - name: cache
                emptyDir: {medium: Memory, sizeLimit: 64Mi}
              - name: data
                hostPath: {path: /srv/data, type: DirectoryOrCreate}
              - name: any
                hostPath: {path: /srv/any}
              - name: site
                configMap:
                  name: site
                  defaultMode: 0640
                  items:
                  - {key: index.html, path: html/index.html, mode: 0600}
                  - {key: app.conf, path: app.conf}
              - name: all
                configMap: {name: site}
              - name: creds
                secret: {secretName: db, defaultMode: 0400}
              - name: maybe
                secret: {secretName: gone, optional: true}
              - name: claim
                persistentVolumeClaim: {claimName: db-data}
              - name: claim-ro
                persistentVolumeClaim: {claimName: shared, readOnly: true}
              - name: info
                downwardAPI:
                  items:
                  - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                  - {path: name, fieldRef: {fieldPath: metadata.name}, mode: 0400}
              - name: joined
                projected:
                  defaultMode: 0440
                  sources:
                  - configMap: {name: site, items: [{key: app.conf, path: conf/app.conf}]}
                  - secret: {name: db, items: [{key: password, path: pw, mode: 0400}]}
                  - downwardAPI: {items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]}
            """;

    private static PodSpec translate(String yaml) {
        List<KubeDocument> docs = new KubeReader().parse("p.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        PodTranslator.Result r = translator.translate(docs.get(0), SOURCES);
        assertEquals(List.of(), r.warnings(), yaml);
        return r.pod();
    }

    @Test
    void everyVolumeKindRoundTrips() {
        PodSpec first = translate(POD_YAML);
        PodGenerator.Result r = generator.generate(List.of(first), POD);
        assertEquals(List.of(), r.warnings());
        String yaml = generator.yaml(r.objects(), List.of("test"));
        assertEquals(first, translate(yaml), yaml);
        assertFalse(yaml.contains("hunter2"), "never a Secret's value\n" + yaml);
    }

    @Test
    void volumesAreWrittenAsKubernetesWritesThem() {
        Pod pod = (Pod) generator.generate(List.of(translate(POD_YAML)), POD).objects().get(0);
        var volumes = pod.getSpec().getVolumes();
        assertEquals("Memory", volumes.get(1).getEmptyDir().getMedium());
        assertEquals("64Mi", volumes.get(1).getEmptyDir().getSizeLimit().toString());
        assertEquals("DirectoryOrCreate", volumes.get(2).getHostPath().getType());
        assertEquals(null, volumes.get(3).getHostPath().getType(), "no type: none written");
        assertEquals(0640, volumes.get(4).getConfigMap().getDefaultMode());
        assertEquals(0600, volumes.get(4).getConfigMap().getItems().get(0).getMode());
        assertEquals(null, volumes.get(4).getConfigMap().getItems().get(1).getMode(), "the default mode is not repeated");
        assertEquals(null, volumes.get(5).getConfigMap().getItems(), "every key: no items");
        assertEquals(true, volumes.get(7).getSecret().getOptional());
        assertEquals("db-data", volumes.get(8).getPersistentVolumeClaim().getClaimName());
        assertEquals(null, volumes.get(8).getPersistentVolumeClaim().getReadOnly());
        assertEquals(true, volumes.get(9).getPersistentVolumeClaim().getReadOnly());
        assertEquals("metadata.labels", volumes.get(10).getDownwardAPI().getItems().get(0).getFieldRef().getFieldPath());
        assertEquals(3, volumes.get(11).getProjected().getSources().size());
        var mounts = pod.getSpec().getContainers().get(0).getVolumeMounts();
        assertEquals("a/b", mounts.get(1).getSubPath());
        assertEquals(true, mounts.get(1).getReadOnly());
        assertEquals(null, mounts.get(0).getReadOnly());
    }

    @Test
    void aNamedVolumeIsAClaimWrittenFirst() {
        VolumeClaim claim = new VolumeClaim("db-data", Map.of("app", "db"), Map.of("note", "x"), Map.of("uid", "1000"), null, "");
        PodGenerator.Result r = generator.generate(List.of(translate(POD_YAML)), List.of(claim), POD);
        assertEquals(List.of("PersistentVolumeClaim", "Pod"), r.objects().stream().map(o -> o.getKind()).toList());
        PersistentVolumeClaim pvc = (PersistentVolumeClaim) r.objects().get(0);
        assertEquals("db-data", pvc.getMetadata().getName());
        assertEquals(Map.of("app", "db"), pvc.getMetadata().getLabels());
        assertEquals(Map.of("note", "x", "volume.podman.io/uid", "1000", "volume.podman.io/driver", "local"),
                pvc.getMetadata().getAnnotations());
        assertEquals(List.of("ReadWriteOnce"), pvc.getSpec().getAccessModes());
        assertEquals("1Gi", pvc.getSpec().getResources().getRequests().get("storage").toString());
        String yaml = generator.yaml(r.objects(), List.of("test"));
        VolumeClaim back = VolumeClaim.of(new KubeReader().parse("g.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).get(0)).claim();
        assertEquals(Map.of("uid", "1000"), back.options(), "played back: the same volume");
        assertEquals(Map.of("app", "db"), back.labels());

        ClaimSpec asked = new ClaimSpec(List.of("ReadWriteMany", "ReadOnlyMany"), "", "Filesystem", "10Gi");
        PersistentVolumeClaim written = VolumeGenerator.claim(new VolumeClaim("big", Map.of(), Map.of(), Map.of(), asked, ""),
                new java.util.ArrayList<>());
        VolumeClaim replayed = VolumeClaim.of(new KubeReader().parse("g.yaml", new ByteArrayInputStream(
                generator.yaml(List.of(written), List.of("test")).getBytes(StandardCharsets.UTF_8))).get(0)).claim();
        assertEquals(asked, replayed.spec(), "a claim's spec comes back as it was played");

        List<String> warnings = new java.util.ArrayList<>();
        VolumeGenerator.claim(new VolumeClaim("My_Vol", Map.of(), Map.of(), Map.of(), null, ""), warnings);
        assertTrue(warnings.get(0).contains("volume My_Vol: name \"My_Vol\" is not valid in Kubernetes"), warnings.toString());
    }

    @Test
    void sizesInTheLargestUnit() {
        assertEquals("16Mi", VolumeGenerator.quantity(16L << 20).toString());
        assertEquals("3Gi", VolumeGenerator.quantity(3L << 30).toString());
        assertEquals("1536", VolumeGenerator.quantity(1536).toString(), "1.5Ki: in bytes");
        assertEquals("1000", VolumeGenerator.quantity(1000).toString());
    }

    @Test
    void theVolumesExampleRoundTrips() {
        Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "examples/kube/persistent-volume.yaml");
        List<KubeDocument> docs = new KubeReader().read(file.toString(), Inputs.ofProcess());
        PodSpec first = translator.translate(docs.get(1), SOURCES).pod();
        String yaml = generator.yaml(generator.generate(List.of(first), POD).objects(), List.of());
        assertEquals(first, translate(yaml));
    }

    @Test
    void fsGroupAndSubPathExprAreWritten() {
        PodSpec pod = translate("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  securityContext: {fsGroup: 2000}
                  containers:
                  - name: app
                    image: busybox
                    volumeMounts: [{name: d, mountPath: /d, subPathExpr: "logs/$(HOSTNAME)"}]
                  volumes: [{name: d, emptyDir: {}}]
                """);
        Pod out = (Pod) generator.generate(List.of(pod), POD).objects().get(0);
        assertEquals(2000L, out.getSpec().getSecurityContext().getFsGroup());
        assertEquals("logs/$(HOSTNAME)", out.getSpec().getContainers().get(0).getVolumeMounts().get(0).getSubPathExpr());
    }
}
