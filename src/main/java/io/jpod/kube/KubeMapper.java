package io.jpod.kube;

import io.jpod.json.Json;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The YAML mapper used for Kubernetes documents (Jackson 3, reading and writing through snakeyaml-engine). */
public final class KubeMapper {
    private KubeMapper() {
    }

    public static YAMLMapper yaml() {
        return YAMLMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(LazyModelDeserializers.module())
                .addModule(Json.module())
                // writing (kube generate): plain scalars where YAML allows, "1" and "true" stay strings,
                // multi-line strings (scripts) as literal blocks; documents are separated by the generator
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS,
                        YAMLWriteFeature.LITERAL_BLOCK_STYLE)
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .build();
    }
}
