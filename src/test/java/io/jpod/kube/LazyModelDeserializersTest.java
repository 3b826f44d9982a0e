package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

class LazyModelDeserializersTest {
    private static final Map<String, Class<?>> KINDS = Map.of("Pod", Pod.class, "Service", Service.class, "ConfigMap", ConfigMap.class,
            "Secret", Secret.class, "PersistentVolumeClaim", PersistentVolumeClaim.class, "Deployment", Deployment.class,
            "DaemonSet", DaemonSet.class, "Job", Job.class);
    private final YAMLMapper lazy = KubeMapper.yaml();
    private final YAMLMapper eager = YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Every object of examples/kube reads the same with deserializers built on demand as with Jackson's own. */
    @Test
    void everyExampleReadsAsJacksonReadsIt() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("examples/kube"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = lazy.readerFor(JsonNode.class).readValues(Files.readString(f))) {
                    docs.forEachRemaining(d -> {
                        if ("List".equals(d.path("kind").asString(""))) {
                            d.path("items").forEach(objects::add);
                        } else {
                            objects.add(d);
                        }
                    });
                }
            }
        }
        assertTrue(objects.size() > 10, "the examples have objects of every kind");
        for (JsonNode o : objects) {
            Class<?> type = KINDS.get(o.path("kind").asString());
            assertEquals(eager.treeToValue(o, type), lazy.treeToValue(o, type), () -> "the same " + o.path("kind") + " " + o.path("metadata"));
        }
    }

    @Test
    void nullsAbsentValuesAndIntOrStringReadAsBefore() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  volumes: null
                  securityContext: null
                  containers:
                    - name: c
                      image: i
                      ports: [{containerPort: 80, name: web}]
                      livenessProbe: {httpGet: {port: web, path: /}, periodSeconds: 3}
                      readinessProbe: {tcpSocket: {port: 8080}}
                      resources: {limits: {memory: 64Mi, cpu: "0.5"}}
                """;
        Pod read = lazy.readValue(yaml, Pod.class);
        assertEquals(eager.readValue(yaml, Pod.class), read);
        assertNull(read.getSpec().getSecurityContext());
        assertEquals("web", read.getSpec().getContainers().get(0).getLivenessProbe().getHttpGet().getPort().getStrVal());
        assertEquals(8080, read.getSpec().getContainers().get(0).getReadinessProbe().getTcpSocket().getPort().getIntVal());
        assertEquals("64Mi", read.getSpec().getContainers().get(0).getResources().getLimits().get("memory").toString());
        assertFalse(read.getSpec().getContainers().get(0).getPorts().isEmpty());
    }

    @Test
    void aWrongTypeDeepInsideStillFailsWithItsPath() {
        String yaml = "kind: Pod\nspec:\n  containers:\n    - name: c\n      ports: [{containerPort: {a: 1}}]\n";
        JacksonException e = assertThrows(JacksonException.class, () -> lazy.readValue(yaml, Pod.class));
        assertTrue(e.getMessage().contains("containerPort"), e::getMessage);
    }
}
