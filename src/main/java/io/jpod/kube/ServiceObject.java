package io.jpod.kube;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Service of a play: accepted, validated and kept (with the ConfigMaps and Secrets), removed by
 * {@code kube down}. Its nodePorts are published on the pods it selects ({@link ServicePorts}); on the
 * shared network its names and ClusterIP reach them ({@code engine.NetServices} reads it back).
 *
 * @param name  metadata.name
 * @param spec  the Service's spec, as JSON ("{}" when it has none)
 * @param where where the document starts (file:line:col)
 * @param namespace metadata.namespace (default)
 */
public record ServiceObject(String name, String spec, String where, String namespace) {
    public static final String KIND = "Service";

    /** The Service of a document that has passed validation. */
    public static ServiceObject of(KubeDocument doc) {
        JsonNode spec = doc.node().path("spec");
        String namespace = doc.node().path("metadata").path("namespace").asString("");
        return new ServiceObject(doc.name(), spec.isObject() ? spec.toString() : "{}", doc.where(), namespace.isEmpty() ? "default" : namespace);
    }

    /** What is stored of it: {@code spec} → the spec's JSON, {@code namespace}. */
    public Map<String, String> data() {
        return Map.of("spec", spec, "namespace", namespace);
    }
}
