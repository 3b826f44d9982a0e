package io.jpod.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.pod.PodSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

class JsonTest {
    record Port(String name, int number, List<String> tags) {
    }

    record Checked(int positive) {
        Checked {
            if (positive <= 0) {
                throw new IllegalArgumentException("must be positive, was " + positive);
            }
        }
    }

    /** A bean read through its no-argument constructor and setters. */
    public static final class Bean {
        private String name;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    private final JsonMapper plain = JsonMapper.builder().build();

    @Test
    void recordsReadThroughTheirConstructorsAsJacksonReadsThem() {
        String json = "{\"name\":\"web\",\"number\":80,\"tags\":[\"a\",\"b\"]}";
        assertEquals(new Port("web", 80, List.of("a", "b")), Json.mapper().readValue(json, Port.class));
        assertEquals(plain.readValue(json, Port.class), Json.mapper().readValue(json, Port.class));
        assertEquals("x", Json.mapper().readValue("{\"name\":\"x\"}", Bean.class).getName());
        assertEquals(Map.of("k", List.of(1, 2)), Json.mapper().readValue("{\"k\":[1,2]}", Map.class));
    }

    @Test
    void aPodSpecOfTheStoreRoundTrips() {
        PodSpec spec = PodSpec.builder("web").labels(Map.of("app", "web")).build();
        String stored = Json.mapper().writeValueAsString(spec);
        assertEquals(spec, Json.mapper().readValue(stored, PodSpec.class));
        assertEquals(plain.readValue(stored, PodSpec.class), Json.mapper().readValue(stored, PodSpec.class));
    }

    @Test
    void whatAConstructorRefusesIsReportedAsJacksonReportsIt() {
        DatabindException e = assertThrows(DatabindException.class, () -> Json.mapper().readValue("{\"positive\":0}", Checked.class));
        assertTrue(e.getMessage().contains("must be positive, was 0"), e::getMessage);
    }
}
