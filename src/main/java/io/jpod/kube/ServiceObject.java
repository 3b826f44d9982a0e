package io.jpod.kube;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Service of a play: accepted, validated and kept (with the ConfigMaps and Secrets), removed by
 * {@code kube down}. It has no effect on networking yet; what a Service means locally is the
 * network part's to add, from the spec kept here.
 *
 * @param name  metadata.name
 * @param spec  the Service's spec, as JSON ("{}" when it has none)
 * @param where where the document starts (file:line:col)
 */
public record ServiceObject(String name, String spec, String where) {
    public static final String KIND = "Service";

    /** The Service of a document that has passed validation. */
    public static ServiceObject of(KubeDocument doc) {
        JsonNode spec = doc.node().path("spec");
        return new ServiceObject(doc.name(), spec.isObject() ? spec.toString() : "{}", doc.where());
    }

    /** What is stored of it: {@code spec} → the spec's JSON. */
    public Map<String, String> data() {
        return Map.of("spec", spec);
    }
}
