package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.engine.VolumeService.VolumeInfo;
import io.jpod.error.InvalidInputException;
import io.jpod.state.VolumeRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeFilterTest {
    private static final VolumeInfo DB = info("db-data", Map.of("app", "db", "tier", "back"), List.of("web"));
    private static final VolumeInfo CACHE = info("cache", Map.of("app", "web"), List.of());
    private static final List<VolumeInfo> ALL = List.of(DB, CACHE);

    private static VolumeInfo info(String name, Map<String, String> labels, List<String> pods) {
        return new VolumeInfo(new VolumeRow(name, "local", Instant.EPOCH, labels, Map.of("uid", "1"), Map.of(), ""),
                Path.of("/v", name, "_data"), pods, List.of());
    }

    private static List<String> names(String... filters) {
        return ALL.stream().filter(VolumeFilter.parse(List.of(filters))).map(v -> v.row().name()).toList();
    }

    @Test
    void filtersAsPodman() {
        assertEquals(List.of("db-data", "cache"), names());
        assertEquals(List.of("db-data"), names("name=^db"));
        assertEquals(List.of("db-data", "cache"), names("label=app"));
        assertEquals(List.of("cache"), names("label=app=web"));
        assertEquals(List.of("db-data", "cache"), names("label=app=web", "label=tier"), "one key: any value");
        assertEquals(List.of("db-data"), names("label=app", "dangling=false"), "keys: all");
        assertEquals(List.of("cache"), names("dangling=true"));
        assertEquals(List.of("db-data", "cache"), names("driver=local", "scope=local", "opt=uid=1"));
        assertEquals(List.of(), names("driver=nfs"));
    }

    @Test
    void badFiltersAreRefused() {
        assertEquals("--filter: \"colour=red\" is not a volume filter (KEY=VALUE, KEY one of name, label, driver, scope, dangling, opt)",
                assertThrows(InvalidInputException.class, () -> names("colour=red")).getMessage());
        assertThrows(InvalidInputException.class, () -> names("dangling=maybe"));
        assertThrows(InvalidInputException.class, () -> names("name=("));
    }
}
