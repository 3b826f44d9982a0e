package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Variables from ConfigMaps and Secrets are generated as references again, never as values. */
class PodGeneratorEnvTest {
    private static final EnvVar PLAIN = new EnvVar("MODE", "fast");
    private static final EnvVar FROM_CONFIG = new EnvVar("LEVEL", "debug", false, new EnvVar.Source(false, "settings", "level"));
    private static final EnvVar FROM_SECRET = new EnvVar("TOKEN", "s3cr3t", true, new EnvVar.Source(true, "creds", "token"));
    private static final ContainerSpec C = ContainerSpec.builder("app", "busybox").command("sh").env(PLAIN, FROM_CONFIG, FROM_SECRET).build();
    private static final PodSpec POD = PodSpec.builder("web").containers(C).build();

    @Test
    void plainValuesStayValues() {
        var e = PodGenerator.env(POD, C, PLAIN, new ArrayList<>());
        assertEquals("fast", e.getValue());
        assertNull(e.getValueFrom());
    }

    @Test
    void configMapValuesBecomeConfigMapKeyRefs() {
        var e = PodGenerator.env(POD, C, FROM_CONFIG, new ArrayList<>());
        assertNull(e.getValue());
        assertEquals("settings", e.getValueFrom().getConfigMapKeyRef().getName());
        assertEquals("level", e.getValueFrom().getConfigMapKeyRef().getKey());
        assertNull(e.getValueFrom().getSecretKeyRef());
    }

    @Test
    void secretValuesBecomeSecretKeyRefsAndNeverAppearInTheYaml() {
        var e = PodGenerator.env(POD, C, FROM_SECRET, new ArrayList<>());
        assertNull(e.getValue());
        assertEquals("creds", e.getValueFrom().getSecretKeyRef().getName());
        assertEquals("token", e.getValueFrom().getSecretKeyRef().getKey());
        PodGenerator generator = new PodGenerator(KubeMapper.yaml());
        PodGenerator.Result r = generator.generate(List.of(POD), PodGenerator.Options.of("pod", false, null));
        String yaml = generator.yaml(r.objects(), List.of("test"));
        assertFalse(yaml.contains("s3cr3t"), yaml);
        assertTrue(yaml.contains("secretKeyRef"), yaml);
    }

    @Test
    void volumesAndMountsAreGeneratedWithoutWarnings() {
        PodSpec withVolume = PodSpec.builder("web")
                .containers(ContainerSpec.builder("app", "busybox").command("sh")
                        .volumeMounts(new io.jpod.pod.VolumeMount("data", "/data", false, null)).build())
                .volumes(List.of(io.jpod.pod.Volume.emptyDir("data", false, null))).build();
        PodGenerator.Result r = new PodGenerator(KubeMapper.yaml()).generate(List.of(withVolume), PodGenerator.Options.of("pod", false, null));
        assertEquals(List.of(), r.warnings());
    }
}
