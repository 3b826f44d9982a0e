package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The checked-in schemas/ are what {@link SchemaGenerator} makes of the model. To regenerate them:
 * {@code mvn -B -o test -Dtest=SchemaFilesTest -Djpod.schemas.write=true}.
 */
class SchemaFilesTest {
    private static final Path DIR = Path.of("schemas");

    @Test
    void checkedInSchemasAreTheGeneratedOnes() throws IOException {
        Map<String, String> generated = SchemaGenerator.generate();
        if (Boolean.getBoolean("jpod.schemas.write")) {
            SchemaGenerator.write(DIR);
        }
        try (Stream<Path> s = Files.list(DIR)) {
            assertEquals(generated.keySet().stream().sorted().toList(),
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList(),
                    "one schema per accepted kind, no other");
        }
        for (Map.Entry<String, String> e : generated.entrySet()) {
            assertEquals(e.getValue(), Files.readString(DIR.resolve(e.getKey())),
                    "schemas/" + e.getKey() + " differs from the generator's: run mvn -B -o test -Dtest=SchemaFilesTest"
                            + " -Djpod.schemas.write=true and check the difference in");
        }
    }

    @Test
    void everyAcceptedKindHasASchemaThatSaysWhatKubernetesRequires() {
        assertEquals(List.of("Pod", "Deployment", "DaemonSet", "Job", "ConfigMap", "Secret", "PersistentVolumeClaim", "Service",
                "List"), List.copyOf(SchemaGenerator.KINDS.keySet()));
        JsonNode pod = SchemaGenerator.parse(SchemaGenerator.generate().get("pod.json"));
        assertEquals(SchemaGenerator.DIALECT, pod.get("$schema").asString());
        JsonNode container = pod.at("/$defs/Container");
        assertEquals("[\"name\",\"image\"]", container.get("required").toString());
        assertEquals("[\"Always\",\"IfNotPresent\",\"Never\"]", container.at("/properties/imagePullPolicy/enum").toString());
        assertEquals("integer", pod.at("/$defs/ContainerPort/properties/containerPort/type").asString());
        assertEquals("int32", pod.at("/$defs/ContainerPort/properties/containerPort/format").asString());
        assertEquals("[\"TCP\",\"UDP\",\"SCTP\"]", pod.at("/$defs/ContainerPort/properties/protocol/enum").toString());
        assertEquals("[\"ClusterFirstWithHostNet\",\"ClusterFirst\",\"Default\",\"None\"]",
                pod.at("/$defs/PodSpec/properties/dnsPolicy/enum").toString());
        assertTrue(pod.at("/$defs/HTTPGetAction/properties/port/x-kubernetes-int-or-string").asBoolean());
        assertEquals("#/$defs/Container", pod.at("/$defs/PodSpec/properties/initContainers/items/$ref").asString());
        JsonNode service = SchemaGenerator.parse(SchemaGenerator.generate().get("service.json"));
        assertEquals("[\"v1\"]", service.at("/properties/apiVersion/enum").toString());
        assertEquals("[\"port\"]", service.at("/$defs/ServicePort/required").toString());
    }
}
