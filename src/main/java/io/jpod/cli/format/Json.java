package io.jpod.cli.format;

import java.time.Instant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * JSON as Go's encoding/json writes it: fields in declaration (map insertion) order, records by
 * their components, Instants as RFC 3339 with nanoseconds; pretty output like
 * {@code json.MarshalIndent} ({@code "key": value}, {@code []} and {@code {}} when empty). Like
 * podman's inspect and {@code json} template function, {@code <>&} are not escaped.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addModule(new SimpleModule("go-time").addSerializer(Instant.class, new InstantSerializer()))
            .build();
    private Json() {
    }

    /** Indented by {@code indent} spaces per level. */
    static String pretty(Object value, int indent) {
        DefaultIndenter indenter = new DefaultIndenter(" ".repeat(indent), "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withArrayIndenter(indenter)
                .withObjectIndenter(indenter);
        return MAPPER.writer().with(printer).writeValueAsString(value);
    }

    static String compact(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(GoValues.rfc3339(value));
        }
    }
}
