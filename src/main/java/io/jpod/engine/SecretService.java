package io.jpod.engine;

import io.jpod.error.ConflictException;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.kube.ConfigData;
import io.jpod.kube.KubeDocument;
import io.jpod.kube.KubeReader;
import io.jpod.state.KubeObjectStore;
import io.jpod.state.KubeObjectStore.KubeObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Secrets ({@code jpod secret}): those {@code kube play} keeps and those {@code secret create} adds, one store
 * ({@link KubeObjectStore}, in the state database, which is 0600), so that a pod refers to either by name. What this
 * returns carries a Secret's keys, never its values.
 */
public final class SecretService {
    /** podman's rule for a secret's name. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,252}");
    private static final String DRIVER = "file";

    private final KubeObjectStore store;

    SecretService(KubeObjectStore store) {
        this.store = store;
    }

    /**
     * A Secret as {@code secret ls} and {@code inspect} show it.
     *
     * @param id     25 hex digits, as podman's secret ids, from the name
     * @param keys   its data's keys
     * @param source where it came from: a YAML file's file:line:col, or {@code secret create}
     */
    public record SecretInfo(String id, String name, String driver, Instant created, Instant updated, List<String> keys, String source) {
        public SecretInfo {
            keys = List.copyOf(keys);
        }
    }

    public List<SecretInfo> list() {
        return store.list(ConfigData.SECRET).stream().map(SecretService::info).toList();
    }

    /** The Secret named {@code nameOrId}, or whose id starts so. */
    public SecretInfo inspect(String nameOrId) {
        List<SecretInfo> all = list();
        for (SecretInfo s : all) {
            if (s.name().equals(nameOrId)) {
                return s;
            }
        }
        List<SecretInfo> byId = nameOrId.matches("[0-9a-f]{1,25}") ? all.stream().filter(s -> s.id().startsWith(nameOrId)).toList() : List.of();
        if (byId.size() == 1) {
            return byId.get(0);
        }
        throw new NotFoundException("secret", nameOrId, "no secret with name or id \"" + nameOrId + "\": no such secret");
    }

    public boolean exists(String nameOrId) {
        try {
            inspect(nameOrId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Adds the Secret {@code name} from {@code content}: a Kubernetes Secret's YAML gives its keys (as podman's kube
     * play reads a secret), anything else is the value of the one key {@code name}. Returns its id.
     */
    public String create(String name, byte[] content) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(name, "invalid secret name: it must match " + NAME.pattern());
        }
        if (exists(name)) {
            throw new ConflictException("secret", name, ConflictException.Reason.EXISTS, name + ": secret name in use");
        }
        if (content.length == 0) {
            throw new InvalidInputException(name, "secret data must be larger than 0 bytes");
        }
        store.save(List.of(new KubeObject(ConfigData.SECRET, name, data(name, content), "secret create", Instant.now())));
        return id(name);
    }

    /** Removes the Secret; its id. */
    public String remove(String nameOrId) {
        SecretInfo s = inspect(nameOrId);
        store.remove(ConfigData.SECRET, s.name());
        return s.id();
    }

    private static Map<String, String> data(String name, byte[] content) {
        try {
            List<KubeDocument> docs = new KubeReader().parse("secret " + name, new ByteArrayInputStream(content));
            if (docs.size() == 1 && ConfigData.SECRET.equals(docs.get(0).kind())) {
                return ConfigData.of(docs.get(0)).config().data();
            }
        } catch (RuntimeException e) { // JpodException included
            // not a Kubernetes Secret: the content is the value
        }
        return Map.of(name, new String(content, StandardCharsets.UTF_8));
    }

    private static SecretInfo info(KubeObject o) {
        return new SecretInfo(id(o.name()), o.name(), DRIVER, o.updated(), o.updated(), List.copyOf(o.data().keySet()), o.source());
    }

    private static String id(String name) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(("secret:" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha).substring(0, 25);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
