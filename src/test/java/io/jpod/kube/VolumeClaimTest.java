package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.ClaimSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeClaimTest {
    @Test
    void aClaimIsANamedVolumeWithItsLabelsAndPodmansOptions() {
        VolumeClaim.Result r = VolumeClaim.of(ConfigDataTest.doc("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: db-data
                  labels: {app: db}
                  annotations:
                    volume.podman.io/uid: "1000"
                    volume.podman.io/gid: "1000"
                    note: kept
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                  storageClassName: fast
                """));
        VolumeClaim c = r.claim();
        assertEquals("db-data", c.name());
        assertEquals(Map.of("app", "db"), c.labels());
        assertEquals(Map.of("uid", "1000", "gid", "1000"), c.options());
        assertEquals("kept", c.annotations().get("note"));
        assertEquals("c.yaml:1:1", c.where());
        assertEquals(new ClaimSpec(List.of("ReadWriteOnce"), "fast", null, "1Gi"), c.spec());
        assertEquals(List.of("c.yaml:1:1: PersistentVolumeClaim db-data: a local volume cannot honour its size request "
                + "(resources.requests.storage 1Gi: a directory has no quota here), nor storageClassName \"fast\" (no storage "
                + "class exists here) (kept for kube generate)"), r.warnings(), "one warning for the claim");
    }

    @Test
    void aClaimAskingWhatADirectoryGivesIsNotWarned() {
        VolumeClaim.Result r = VolumeClaim.of(ConfigDataTest.doc("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: d}
                spec: {accessModes: [ReadWriteOncePod], storageClassName: "", volumeMode: Filesystem}
                """));
        assertEquals(List.of(), r.warnings());
        assertEquals(new ClaimSpec(List.of("ReadWriteOncePod"), "", "Filesystem", null), r.claim().spec());
        VolumeClaim.Result block = VolumeClaim.of(ConfigDataTest.doc("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: b}
                spec: {volumeMode: Block, selector: {matchLabels: {a: b}}}
                """));
        assertEquals(2, block.warnings().size(), block.warnings().toString());
        assertTrue(block.warnings().get(0).contains("field spec.selector is not supported yet and is ignored"));
        assertTrue(block.warnings().get(1).contains("cannot honour volumeMode Block"));
    }

    @Test
    void whatIsNotAppliedIsAWarning() {
        VolumeClaim.Result r = VolumeClaim.of(ConfigDataTest.doc("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: nfs
                  annotations: {volume.podman.io/driver: nfsdriver, volume.podman.io/device: "srv:/x", volume.podman.io/image: x}
                """));
        assertEquals(3, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("volume driver \"nfsdriver\" is not supported"));
        assertTrue(r.warnings().get(1).contains("annotation volume.podman.io/device is not supported yet"));
        assertTrue(r.warnings().get(2).contains("annotation volume.podman.io/image is not supported yet and is ignored"));
    }

    @Test
    void badInputNamesTheField() {
        assertEquals("c.yaml:1:1: metadata.name: a PersistentVolumeClaim needs a name", assertThrows(InvalidInputException.class,
                () -> VolumeClaim.of(ConfigDataTest.doc("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {}\n"))).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> VolumeClaim.of(ConfigDataTest.doc(
                "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: Bad_Name}\n"))).getMessage()
                .contains("\"Bad_Name\" is not a valid PersistentVolumeClaim name"));
        assertTrue(assertThrows(InvalidInputException.class, () -> VolumeClaim.of(ConfigDataTest.doc(
                "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: v, annotations: {volume.podman.io/uid: root}}\n")))
                .getMessage().contains("volume.podman.io/uid: \"root\" is not a number"));
    }
}
