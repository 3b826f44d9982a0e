package io.jpod.json;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON mapper of jpod's own documents (the store's rows, OCI configs, image configs and manifests,
 * registry and slirp4netns replies): one instance, so that a command builds the (de)serializer of a type
 * once, whoever reads it, and made to start cheaply ({@link CreatorsByReflection}).
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().addModule(module()).build();

    private Json() {
    }

    /** The shared mapper (Jackson's defaults). */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** What every jpod mapper has, for mappers of other formats (YAML). */
    public static JacksonModule module() {
        return new SimpleModule("jpod-json") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addValueInstantiators(new CreatorsByReflection());
            }
        };
    }
}
