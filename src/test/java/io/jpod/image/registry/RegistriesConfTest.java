package io.jpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistriesConfTest {
    @TempDir
    Path dir;

    @Test
    void readsSearchRegistriesAliasesAndInsecureRegistries() {
        RegistriesConf c = RegistriesConf.parse("""
                # comment
                unqualified-search-registries = ["docker.io", 'quay.io'] # trailing comment
                short-name-mode = "permissive"

                [aliases]
                "app" = "registry.example.com/team/app"
                tool = "quay.io/x/tool#1"

                [[registry]]
                location = "localhost:5000"
                insecure = true

                [[registry.mirror]]
                location = "mirror.example.com"
                insecure = true

                [[registry]]
                location = "secure.example.com/ns"
                insecure = false
                """, "test.conf");
        assertEquals(List.of("docker.io", "quay.io"), c.searchRegistries());
        assertEquals(Map.of("app", "registry.example.com/team/app", "tool", "quay.io/x/tool#1"), c.aliases());
        assertEquals(Set.of("localhost:5000", "mirror.example.com"), c.insecure(), "a mirror insecure of its own");
        assertEquals("permissive", c.shortNameMode());
        assertTrue(c.isInsecure("localhost:5000"));
        assertFalse(c.isInsecure("secure.example.com"));
    }

    @Test
    void readsMultiLineArraysAndTheV1Format() {
        RegistriesConf c = RegistriesConf.parse("""
                [registries.search]
                registries = [
                  "registry.fedoraproject.org",   # one
                  "docker.io",
                ]
                [registries.insecure]
                registries = ["10.0.0.1:5000"]
                """, "v1.conf");
        assertEquals(List.of("registry.fedoraproject.org", "docker.io"), c.searchRegistries());
        assertEquals(Set.of("10.0.0.1:5000"), c.insecure());
        assertEquals("enforcing", c.shortNameMode());
    }

    @Test
    void badSyntaxNamesTheFileAndLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RegistriesConf.parse("unqualified-search-registries = [\"a\"]\nthis is not toml\n", "bad.conf"));
        assertTrue(e.getMessage().contains("bad.conf:2"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> RegistriesConf.parse("unqualified-search-registries = \"docker.io\"", "s.conf"));
        assertTrue(e.getMessage().contains("must be an array"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> RegistriesConf.parse("short-name-mode = \"sometimes\"", "m.conf"));
    }

    @Test
    void theUserFileReplacesTheSystemFileAndDropInsAddAliases() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc/containers"));
        Path system = Files.writeString(etc.resolve("registries.conf"), "unqualified-search-registries = [\"system.example.com\"]\n");
        Files.createDirectories(etc.resolve("registries.conf.d"));
        Files.writeString(etc.resolve("registries.conf.d/shortnames.conf"), "[aliases]\n\"busybox\" = \"docker.io/library/busybox\"\n");
        Path home = dir.resolve("home");
        RegistriesConf c = RegistriesConf.forUser(Map.of("HOME", home.toString()), system);
        assertEquals(List.of("system.example.com"), c.searchRegistries());
        assertEquals("docker.io/library/busybox", c.aliases().get("busybox"));
        Files.createDirectories(home.resolve(".config/containers"));
        Files.writeString(home.resolve(".config/containers/registries.conf"), "unqualified-search-registries = [\"user.example.com\"]\n");
        assertEquals(List.of("user.example.com"), RegistriesConf.forUser(Map.of("HOME", home.toString()), system).searchRegistries());
        Path override = Files.writeString(dir.resolve("o.conf"), "unqualified-search-registries = []\n");
        RegistriesConf o = RegistriesConf.forUser(Map.of("HOME", home.toString(), "CONTAINERS_REGISTRIES_CONF", override.toString()), system);
        assertEquals(List.of(), o.searchRegistries());
        assertEquals(Map.of(), o.aliases());
    }

    @Test
    void missingFilesGiveTheEmptyConfiguration() {
        assertEquals(RegistriesConf.EMPTY, RegistriesConf.read(List.of(dir.resolve("none.conf"))));
    }

    @Test
    void aBlockedEntryRefusesWhatItsPrefixMatchesLongestAsPodmanMatchesIt() {
        RegistriesConf c = RegistriesConf.parse("""
                [[registry]]
                location = "blocked.example.com"
                blocked = true

                [[registry]]
                prefix = "blocked.example.com/allowed"
                location = "blocked.example.com/allowed"

                [[registry]]
                prefix = "*.evil.test"
                location = "mirror.evil.test"
                blocked = true

                [[registry]]
                location = "localhost:5000"
                insecure = true
                """, "registries.conf");
        RegistriesConf.Entry blocked = c.blocking("blocked.example.com/team/app:v1").orElseThrow();
        assertEquals("blocked.example.com", blocked.prefix());
        assertEquals("registries.conf:1", blocked.where(), "where the entry starts");
        assertTrue(c.blocking("blocked.example.com/allowed/app:v1").isEmpty(), "a longer entry that does not block decides");
        assertTrue(c.blocking("blocked.example.com.other.org/app").isEmpty(), "a prefix matches at a component's end only");
        assertTrue(c.blocking("a.evil.test/x/y:1").isPresent(), "a wildcard matches subdomains");
        assertTrue(c.blocking("a.evil.test:5000/x").isPresent());
        assertTrue(c.blocking("evil.test/x").isEmpty(), "but not the domain itself");
        assertTrue(c.blocking("localhost:5000/app:v1").isEmpty());
        assertTrue(c.isInsecure("localhost:5000"));
        assertThrows(InvalidInputException.class, () -> RegistriesConf.parse("[[registry]]\nlocation = \"x\"\nblocked = \"yes\"\n", "f"));
    }

    @Test
    void pullAndPushAreRefusedForABlockedRegistryNamingTheEntry() {
        RegistriesConf c = RegistriesConf.parse("[[registry]]\nlocation = \"registry.example.com\"\nblocked = true\n", "/etc/containers/registries.conf");
        RegistryOptions options = new RegistryOptions(true, null, null, c);
        io.jpod.error.ImageException e = assertThrows(io.jpod.error.ImageException.class,
                () -> options.client("registry.example.com", "registry.example.com/app:v1"));
        assertEquals("registry registry.example.com is blocked in registries.conf (/etc/containers/registries.conf:1: blocked = true)",
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertNotNull(options.client("localhost:5000", "localhost:5000/app:v1"), "another registry is reached");
    }

    @Test
    void mirrorsAreTriedInOrderBeforeTheLocationAsPullFromMirrorSays() {
        RegistriesConf c = RegistriesConf.parse("""
                [[registry]]
                prefix = "docker.io"
                location = "registry-1.docker.io"

                [[registry.mirror]]
                location = "127.0.0.1:5001"
                insecure = true

                [[registry.mirror]]
                location = "mirror.example.com/hub"
                pull-from-mirror = "digest-only"

                [[registry.mirror]]
                location = "tags.example.com"
                pull-from-mirror = "tag-only"

                [[registry]]
                prefix = "example.com/team"
                location = "internal.example.com:5000/mirrored/team"

                [[registry]]
                location = "quay.io"
                mirror-by-digest-only = true
                [[registry.mirror]]
                location = "quay-mirror.example.com"

                [[registry]]
                prefix = "*.corp.test"
                [[registry.mirror]]
                location = "cache.corp.test"
                """, "registries.conf");
        assertEquals(List.of("127.0.0.1:5001/library/busybox:1.36", "tags.example.com/library/busybox:1.36",
                "registry-1.docker.io/library/busybox:1.36"), c.pullSources("docker.io/library/busybox:1.36"));
        String digest = "@sha256:" + "a".repeat(64);
        assertEquals(List.of("127.0.0.1:5001/library/busybox" + digest, "mirror.example.com/hub/library/busybox" + digest,
                "registry-1.docker.io/library/busybox" + digest), c.pullSources("docker.io/library/busybox" + digest));
        assertEquals(List.of("internal.example.com:5000/mirrored/team/app:v1"), c.pullSources("example.com/team/app:v1"),
                "a prefix is replaced by its location");
        assertEquals(List.of("example.com/teams/app:v1"), c.pullSources("example.com/teams/app:v1"), "at a component's end only");
        assertEquals(List.of("quay.io/a/b:1"), c.pullSources("quay.io/a/b:1"), "mirror-by-digest-only: a tag from the registry");
        assertEquals(List.of("quay-mirror.example.com/a/b" + digest, "quay.io/a/b" + digest), c.pullSources("quay.io/a/b" + digest));
        assertEquals(List.of("cache.corp.test/x/y:1", "a.corp.test/x/y:1"), c.pullSources("a.corp.test/x/y:1"),
                "a wildcard entry's mirrors stand for the host it matched");
        assertEquals(List.of("ghcr.io/o/r:1"), c.pullSources("ghcr.io/o/r:1"));
        assertTrue(c.isInsecure("127.0.0.1:5001"), "insecure per mirror");
        assertTrue(!c.isInsecure("mirror.example.com"));
        assertEquals("registries.conf:5", c.registries().get(0).mirrors().get(0).where());
    }

    @Test
    void aMirrorOutsideARegistryOrWithoutLocationOrWithAnUnknownModeIsRefused() {
        assertEquals("f:1: [[registry.mirror]] must follow the [[registry]] it belongs to", assertThrows(InvalidInputException.class,
                () -> RegistriesConf.parse("[[registry.mirror]]\nlocation = \"m\"\n", "f")).getMessage());
        assertEquals("f:3: a [[registry.mirror]] needs a location", assertThrows(InvalidInputException.class,
                () -> RegistriesConf.parse("[[registry]]\nlocation = \"r\"\n[[registry.mirror]]\ninsecure = true\n", "f")).getMessage());
        assertEquals("f:4: unsupported pull-from-mirror \"sometimes\": must be one of all, digest-only, tag-only",
                assertThrows(InvalidInputException.class, () -> RegistriesConf.parse(
                        "[[registry]]\nlocation = \"r\"\n[[registry.mirror]]\npull-from-mirror = \"sometimes\"\n", "f")).getMessage());
    }
}
