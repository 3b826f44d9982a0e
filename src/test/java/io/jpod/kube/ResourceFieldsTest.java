package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.EnvVar;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** env valueFrom.resourceFieldRef, by Kubernetes' rules, on a node of 4 CPUs and 8 GiB. */
class ResourceFieldsTest {
    private static final PodTranslator translator = new PodTranslator(KubeMapper.yaml(), 4000, 8L << 30);

    private static List<EnvVar> env(String envLines) {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    resources:
                      requests: {cpu: 250m, memory: 64Mi}
                      limits: {cpu: 1500m, memory: 128Mi}
                    env:
                %s
                  - name: side
                    image: busybox
                """.formatted(envLines);
        List<KubeDocument> docs = new KubeReader().parse("pod.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        PodTranslator.Result r = translator.translate(docs.get(0));
        assertEquals(List.of(), r.warnings());
        return r.pod().containers().get(0).env();
    }

    private static String value(String ref) {
        return env("    - {name: V, valueFrom: {resourceFieldRef: " + ref + "}}").get(0).value();
    }

    @Test
    void valuesAreDividedAndRoundedUp() {
        assertEquals("2", value("{resource: limits.cpu}"), "1.5 CPUs rounded up");
        assertEquals("1500", value("{resource: limits.cpu, divisor: 1m}"));
        assertEquals("1", value("{resource: requests.cpu}"));
        assertEquals("250", value("{resource: requests.cpu, divisor: 1m}"));
        assertEquals(Long.toString(128L << 20), value("{resource: limits.memory}"));
        assertEquals("64", value("{resource: requests.memory, divisor: 1Mi}"));
    }

    @Test
    void withoutLimitsTheNodesAllocatable() {
        assertEquals("4", value("{containerName: side, resource: limits.cpu}"));
        assertEquals("8192", value("{containerName: side, resource: limits.memory, divisor: 1Mi}"));
        assertEquals("0", value("{containerName: side, resource: requests.cpu, divisor: 1m}"), "no request: 0");
    }

    @Test
    void badReferencesAreRefused() {
        String e = assertThrows(InvalidInputException.class, () -> value("{containerName: nope, resource: limits.cpu}")).getMessage();
        assertTrue(e.endsWith("spec.containers[0].env[0].valueFrom.resourceFieldRef.containerName: the pod has no container \"nope\""), e);
        assertTrue(assertThrows(InvalidInputException.class, () -> value("{resource: limits.ephemeral-storage}")).getMessage()
                .contains("resourceFieldRef.resource: \"limits.ephemeral-storage\" is not supported"));
        assertTrue(assertThrows(InvalidInputException.class, () -> value("{resource: limits.cpu, divisor: 2}")).getMessage()
                .contains("a cpu divisor is 1 or 1m"));
    }
}
