package io.jpod.image.registry;

import io.jpod.error.InvalidInputException;
import io.jpod.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registry credentials as podman keeps them: {@code ${XDG_RUNTIME_DIR}/containers/auth.json}
 * (mode 0600), {@code {"auths": {"registry": {"auth": "<base64 user:password>"}}}}; lookups also
 * read docker's {@code ~/.docker/config.json}. Other content of the file is kept on writes.
 */
public final class AuthFile {
    private static final JsonMapper JSON = Json.mapper();
    private final Path file;
    private final List<Path> fallbacks;

    /**
     * @param file      the file login writes and logout edits
     * @param fallbacks files also read for credentials (docker's config.json), after {@code file}
     */
    public AuthFile(Path file, List<Path> fallbacks) {
        this.file = file;
        this.fallbacks = List.copyOf(fallbacks);
    }

    /** The auth file podman uses: {@code --authfile}, else REGISTRY_AUTH_FILE, else under XDG_RUNTIME_DIR; docker's as fallback. */
    public static AuthFile of(String authfileOption, Map<String, String> env, boolean root) {
        Path docker = Path.of(env.getOrDefault("HOME", "/root"), ".docker", "config.json");
        if (authfileOption != null && !authfileOption.isEmpty()) {
            return new AuthFile(Path.of(authfileOption), List.of());
        }
        String fromEnv = env.get("REGISTRY_AUTH_FILE");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new AuthFile(Path.of(fromEnv), List.of(docker));
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        Path auth = xdg != null && !xdg.isEmpty() && !root ? Path.of(xdg, "containers", "auth.json")
                : Path.of("/run/containers/0/auth.json");
        return new AuthFile(auth, List.of(docker));
    }

    public Path file() {
        return file;
    }

    /** The credentials stored for {@code registry} (host[:port]), searching the auth file, then the fallbacks. */
    public Optional<Credentials> find(String registry) {
        for (Path p : fallbacksWithFile()) {
            JsonNode auths = read(p).path("auths");
            for (Map.Entry<String, JsonNode> e : auths.properties()) {
                if (registryOf(e.getKey()).equals(normalise(registry))) {
                    String auth = e.getValue().path("auth").asString("");
                    Credentials c = auth.isEmpty() ? null : Credentials.decode(auth);
                    if (c != null) {
                        return Optional.of(c);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<Path> fallbacksWithFile() {
        java.util.ArrayList<Path> all = new java.util.ArrayList<>();
        all.add(file);
        all.addAll(fallbacks);
        return all;
    }

    /** Stores {@code credentials} for {@code registry}, creating the file (0600) and its directory (0700). */
    public void store(String registry, Credentials credentials) {
        ObjectNode root = read(file);
        ObjectNode auths = root.path("auths").isObject() ? (ObjectNode) root.get("auths") : root.putObject("auths");
        auths.putObject(normalise(registry)).put("auth", credentials.encoded());
        write(root);
    }

    /** Removes the credentials of {@code registry}; false when the auth file had none. */
    public boolean remove(String registry) {
        ObjectNode root = read(file);
        if (!root.path("auths").isObject()) {
            return false;
        }
        ObjectNode auths = (ObjectNode) root.get("auths");
        List<String> keys = auths.propertyNames().stream().filter(k -> registryOf(k).equals(normalise(registry))).toList();
        if (keys.isEmpty()) {
            return false;
        }
        keys.forEach(auths::remove);
        write(root);
        return true;
    }

    /** {@code docker.io} for docker's {@code https://index.docker.io/v1/}; host[:port] for anything else. */
    static String registryOf(String key) {
        String k = key;
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        return normalise(k);
    }

    private static String normalise(String registry) {
        return registry.equals("index.docker.io") || registry.equals("registry-1.docker.io") ? "docker.io" : registry;
    }

    private static ObjectNode read(Path p) {
        if (!Files.exists(p)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(p));
            if (n == null || !n.isObject()) {
                throw new InvalidInputException(p.toString(), "not a JSON object");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new InvalidInputException(p.toString(), "cannot read: " + e.getMessage());
        } catch (JacksonException e) {
            throw new InvalidInputException(p.toString(), "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void write(ObjectNode root) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path tmp = Files.createTempFile(dir, ".auth", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot write the auth file: " + e.getMessage());
        }
    }
}
