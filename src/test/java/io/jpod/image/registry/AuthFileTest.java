package io.jpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuthFileTest {
    @TempDir
    Path dir;

    @Test
    void storeWritesPodmansFormatWithMode0600() throws Exception {
        Path file = dir.resolve("containers/auth.json");
        new AuthFile(file, List.of()).store("127.0.0.1:5000", new Credentials("user", "pw"));
        JsonNode root = JsonMapper.builder().build().readTree(Files.readAllBytes(file));
        assertEquals("dXNlcjpwdw==", root.path("auths").path("127.0.0.1:5000").path("auth").asString(""));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void storeKeepsOtherEntriesAndRemoveDropsOne() throws Exception {
        Path file = dir.resolve("auth.json");
        Files.writeString(file, "{\"auths\":{\"quay.io\":{\"auth\":\"YTpi\"}},\"credHelpers\":{\"x\":\"y\"}}");
        AuthFile auth = new AuthFile(file, List.of());
        auth.store("docker.io", new Credentials("me", "pw"));
        assertEquals(Optional.of(new Credentials("a", "b")), auth.find("quay.io"));
        assertEquals(Optional.of(new Credentials("me", "pw")), auth.find("docker.io"));
        assertTrue(Files.readString(file).contains("credHelpers"));
        assertTrue(auth.remove("docker.io"));
        assertEquals(Optional.empty(), auth.find("docker.io"));
        assertFalse(auth.remove("docker.io"));
        assertEquals(Optional.of(new Credentials("a", "b")), auth.find("quay.io"));
    }

    @Test
    void findReadsDockerConfigAsFallbackWithItsUrlKeys() throws Exception {
        Path docker = dir.resolve("config.json");
        Files.writeString(docker, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + new Credentials("d", "x").encoded()
                + "\"},\"reg.example:5000/ns\":{\"auth\":\"" + new Credentials("r", "y").encoded() + "\"}}}");
        AuthFile auth = new AuthFile(dir.resolve("missing/auth.json"), List.of(docker));
        assertEquals(Optional.of(new Credentials("d", "x")), auth.find("docker.io"));
        assertEquals(Optional.of(new Credentials("r", "y")), auth.find("reg.example:5000"));
        assertEquals(Optional.empty(), auth.find("quay.io"));
    }

    @Test
    void ownFileWinsOverDockers() throws Exception {
        Path docker = dir.resolve("config.json");
        Files.writeString(docker, "{\"auths\":{\"quay.io\":{\"auth\":\"" + new Credentials("docker", "1").encoded() + "\"}}}");
        AuthFile auth = new AuthFile(dir.resolve("auth.json"), List.of(docker));
        auth.store("quay.io", new Credentials("podman", "2"));
        assertEquals("podman", auth.find("quay.io").orElseThrow().username());
    }

    @Test
    void badJsonNamesTheFile() throws Exception {
        Path file = dir.resolve("auth.json");
        Files.writeString(file, "{not json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new AuthFile(file, List.of()).find("x"));
        assertTrue(e.getMessage().contains("auth.json"), e.getMessage());
    }

    @Test
    void defaultPathFollowsPodman() {
        assertEquals(Path.of("/run/user/1000/containers/auth.json"),
                AuthFile.of(null, Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "HOME", "/home/u"), false).file());
        assertEquals(Path.of("/run/containers/0/auth.json"), AuthFile.of(null, Map.of("HOME", "/root"), true).file());
        assertEquals(Path.of("/x/a.json"), AuthFile.of(null, Map.of("REGISTRY_AUTH_FILE", "/x/a.json"), false).file());
        assertEquals(Path.of("/y.json"), AuthFile.of("/y.json", Map.of("REGISTRY_AUTH_FILE", "/x/a.json"), false).file());
        assertEquals("docker.io", AuthFile.registryOf("https://index.docker.io/v1/"));
    }
}
