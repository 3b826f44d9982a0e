package io.jpod.kube;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The YAML mapper used for Kubernetes documents (Jackson 3, reading through snakeyaml-engine). */
public final class KubeMapper {
    private KubeMapper() {
    }

    public static YAMLMapper yaml() {
        return YAMLMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
