package io.jpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ImageException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestsTest {
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha256:" + "c".repeat(64);
    static final String D = "sha256:" + "d".repeat(64);

    static final byte[] INDEX = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + A + "\",\"size\":10,"
            + "\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}},"
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + B + "\",\"size\":11,"
            + "\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + C + "\",\"size\":12,"
            + "\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}]}").getBytes(StandardCharsets.UTF_8);

    @Test
    void selectsThePlatformsEntry() {
        assertEquals(B, Manifests.selectPlatform(INDEX, "linux", "amd64", null, "img").digest());
        assertEquals(A, Manifests.selectPlatform(INDEX, "linux", "arm64", null, "img").digest());
        assertEquals(A, Manifests.selectPlatform(INDEX, "linux", "arm64", "v8", "img").digest());
        assertEquals(11, Manifests.selectPlatform(INDEX, "linux", "amd64", null, "img").size());
    }

    @Test
    void noMatchingPlatformListsWhatTheIndexHas() {
        ImageException e = assertThrows(ImageException.class, () -> Manifests.selectPlatform(INDEX, "linux", "s390x", null, "docker.io/x:1"));
        assertTrue(e.getMessage().contains("docker.io/x:1"), e.getMessage());
        assertTrue(e.getMessage().contains("s390x"), e.getMessage());
        assertTrue(e.getMessage().contains("linux/arm64/v8, linux/amd64;"), e.getMessage());
        assertThrows(ImageException.class, () -> Manifests.selectPlatform(INDEX, "linux", "arm64", "v7", "img"));
    }

    @Test
    void dockerManifestListIsAnIndexToo() {
        byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"manifests\":["
                + "{\"digest\":\"" + D + "\",\"size\":5,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}").getBytes();
        String type = Manifests.mediaType(list, "application/json", "img");
        assertTrue(Manifests.isIndex(type));
        assertEquals(D, Manifests.selectPlatform(list, "linux", "amd64", null, "img").digest());
    }

    @Test
    void mediaTypeFromBodyHeaderOrShape() {
        assertEquals(Manifests.OCI_INDEX, Manifests.mediaType("{\"manifests\":[]}".getBytes(), null, "i"));
        assertEquals(Manifests.OCI_MANIFEST, Manifests.mediaType("{\"layers\":[]}".getBytes(), "", "i"));
        assertEquals(Manifests.DOCKER_MANIFEST, Manifests.mediaType("{\"layers\":[]}".getBytes(), Manifests.DOCKER_MANIFEST, "i"));
    }

    @Test
    void readsAnImageManifest() {
        byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + A + "\",\"size\":7},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + B + "\",\"size\":9},"
                + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + C + "\",\"size\":3}]}").getBytes();
        Manifests.Manifest parsed = Manifests.manifest(m, Manifests.DOCKER_MANIFEST, "img");
        assertEquals(A, parsed.config().digest());
        assertEquals(7, parsed.config().size());
        assertEquals(2, parsed.layers().size());
        assertEquals(B, parsed.layers().get(0).digest());
        parsed.layers().forEach(l -> assertDoesNotThrow(() -> Manifests.checkLayerType(l, "img")));
    }

    @Test
    void refusesSchema1BadDigestsAndEncryptedLayersButTakesZstd() {
        assertThrows(ImageException.class, () -> Manifests.manifest("{}".getBytes(),
                "application/vnd.docker.distribution.manifest.v1+prettyjws", "img"));
        byte[] badDigest = ("{\"config\":{\"digest\":\"md5:abc\"},\"layers\":[]}").getBytes();
        assertThrows(ImageException.class, () -> Manifests.manifest(badDigest, Manifests.OCI_MANIFEST, "img"));
        assertDoesNotThrow(() -> Manifests.checkLayerType(
                new Manifests.Descriptor(Manifests.OCI_ZSTD_LAYER, A, 1, null, null, null), "img"));
        ImageException encrypted = assertThrows(ImageException.class, () -> Manifests.checkLayerType(
                new Manifests.Descriptor("application/vnd.oci.image.layer.v1.tar+zstd+encrypted", A, 1, null, null, null), "img"));
        assertTrue(encrypted.getMessage().contains("encrypted"), encrypted.getMessage());
        assertThrows(ImageException.class, () -> Manifests.manifest("not json".getBytes(), Manifests.OCI_MANIFEST, "img"));
    }

    @Test
    void verifiesDigestAndSize() {
        byte[] data = "hello".getBytes();
        String digest = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        assertEquals(digest, Manifests.digestOf(data));
        assertDoesNotThrow(() -> Manifests.verify(data, digest, 5, "config", "img"));
        assertDoesNotThrow(() -> Manifests.verify(data, digest, -1, "config", "img"));
        ImageException size = assertThrows(ImageException.class, () -> Manifests.verify(data, digest, 6, "config", "img"));
        assertTrue(size.getMessage().contains("size mismatch"), size.getMessage());
        ImageException wrong = assertThrows(ImageException.class, () -> Manifests.verify("hellO".getBytes(), digest, 5, "config", "img"));
        assertTrue(wrong.getMessage().contains("digest mismatch"), wrong.getMessage());
    }
}
