package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.pod.Workload;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownTargetsTest {
    private static final KubeReader READER = new KubeReader();

    private static KubeFile file(String name, String yaml) {
        return KubeFile.of(name, false, READER.parse(name, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void everyKeptKindByNameListsIncludedAndUnknownKindsIgnored() {
        DownTargets t = DownTargets.of(List.of(file("a.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec: {containers: [{name: c, image: x, bogusField: 1}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                ---
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}}
                - {apiVersion: v1, kind: Secret, metadata: {name: creds}}
                - {apiVersion: v1, kind: Service, metadata: {name: front}}
                - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data}}
                - {apiVersion: batch/v1, kind: Job, metadata: {name: once}}
                ---
                apiVersion: example.com/v1
                kind: Frobnicator
                metadata: {name: frob}
                """)));
        assertEquals(List.of("web"), t.pods(), "a Pod by its name, its fields unread (an unknown one is no problem here)");
        assertEquals(List.of(new DownTargets.WorkloadName(Workload.Kind.DEPLOYMENT, "api"),
                new DownTargets.WorkloadName(Workload.Kind.JOB, "once")), t.workloads());
        assertEquals(List.of(new DownTargets.Named("ConfigMap", "cfg"), new DownTargets.Named("Secret", "creds")), t.configs());
        assertEquals(List.of("front"), t.services());
        assertEquals(List.of("data"), t.claims());
        assertEquals(List.of(), t.problems());
    }

    @Test
    void aDocumentWithoutKindOrNameIsAProblemAtItsPlace() {
        DownTargets t = DownTargets.of(List.of(file("b.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: ok}
                ---
                apiVersion: v1
                metadata: {name: nokind}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  labels: {a: b}
                """)));
        assertEquals(List.of("b.yaml:5:1: kind: a Kubernetes document needs a kind", "b.yaml:11:3: metadata.name: a Pod needs a name"),
                t.problems());
    }

    @Test
    void nothingToTakeDownIsAProblemNamingTheFiles() {
        DownTargets t = DownTargets.of(List.of(file("c.yaml", "apiVersion: example.com/v1\nkind: Frob\nmetadata: {name: f}\n"),
                KubeFile.unreadable("d.yaml", false, "d.yaml: no such file")));
        assertEquals(List.of("d.yaml: no such file"), t.problems(), "an unreadable file is its own problem");
        assertEquals(List.of("c.yaml: no Kubernetes objects to take down"),
                DownTargets.of(List.of(file("c.yaml", "apiVersion: example.com/v1\nkind: Frob\nmetadata: {name: f}\n"))).problems());
    }
}
