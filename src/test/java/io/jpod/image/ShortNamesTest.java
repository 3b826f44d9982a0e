package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ImageException;
import io.jpod.image.registry.RegistriesConf;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShortNamesTest {
    private static RegistriesConf conf(List<String> search, Map<String, String> aliases, String mode) {
        return new RegistriesConf(search, aliases, Set.of(), mode);
    }

    private static List<String> candidates(String input, RegistriesConf conf) {
        return ShortNames.candidates(ImageReference.parse(input), conf).stream().map(ImageReference::toString).toList();
    }

    @Test
    void aQualifiedNameStands() {
        assertEquals(List.of("quay.io/x/app:1"), candidates("quay.io/x/app:1", conf(List.of("a.io", "b.io"), Map.of(), "enforcing")));
    }

    @Test
    void anAliasWinsAndKeepsTheTag() {
        RegistriesConf c = conf(List.of("a.io", "b.io"), Map.of("app", "registry.example.com/team/app"), "enforcing");
        assertEquals(List.of("registry.example.com/team/app:2.0"), candidates("app:2.0", c));
        assertEquals(List.of("registry.example.com/team/app:latest"), candidates("app", c));
    }

    @Test
    void oneSearchRegistryIsUsed() {
        assertEquals(List.of("quay.io/app:latest"), candidates("app", conf(List.of("quay.io"), Map.of(), "enforcing")));
        assertEquals(List.of("docker.io/library/app:latest"), candidates("app", RegistriesConf.EMPTY));
    }

    @Test
    void severalSearchRegistriesAreRefusedWhenEnforcingAndTriedInOrderOtherwise() {
        ImageException e = assertThrows(ImageException.class,
                () -> candidates("app", conf(List.of("docker.io", "quay.io"), Map.of(), "enforcing")));
        assertTrue(e.getMessage().startsWith("short-name resolution enforced but cannot prompt without a TTY"), e.getMessage());
        assertTrue(e.getMessage().contains("docker.io/library/app:latest, quay.io/app:latest"), e.getMessage());
        assertEquals(List.of("docker.io/library/app:latest", "quay.io/app:latest"),
                candidates("app", conf(List.of("docker.io", "quay.io"), Map.of(), "permissive")));
    }

    @Test
    void aChooserPicksOneOfSeveralCandidatesWhenEnforcing() {
        RegistriesConf c = conf(List.of("docker.io", "quay.io"), Map.of(), "enforcing");
        List<List<String>> asked = new java.util.ArrayList<>();
        List<ImageReference> chosen = ShortNames.candidates(ImageReference.parse("app:1"), c, (input, candidates) -> {
            asked.add(candidates);
            return java.util.Optional.of("quay.io/app:1");
        });
        assertEquals(List.of("quay.io/app:1"), chosen.stream().map(ImageReference::toString).toList());
        assertEquals(List.of(List.of("docker.io/library/app:1", "quay.io/app:1")), asked);
        assertThrows(ImageException.class, () -> ShortNames.candidates(ImageReference.parse("app"), c, (input, candidates) -> java.util.Optional.empty()));
        assertThrows(ImageException.class, () -> ShortNames.candidates(ImageReference.parse("app"), c, (input, candidates) -> java.util.Optional.of("evil.io/app")),
                "only a candidate can be chosen");
    }
}
