package io.jpod.kube;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ConfigMaps and Secrets a play knows, by name: where {@code valueFrom} and {@code envFrom} look.
 *
 * @param lenient when true a missing reference is not an error (the variable is left out): for
 *                {@code kube down}, which only needs the pods' names
 */
public record EnvSources(Map<String, ConfigData> configMaps, Map<String, ConfigData> secrets, boolean lenient) {
    public static final EnvSources NONE = new EnvSources(Map.of(), Map.of(), false);

    public EnvSources {
        configMaps = Map.copyOf(configMaps);
        secrets = Map.copyOf(secrets);
    }

    /** The sources of {@code configs}; a later object of the same kind and name wins. */
    public static EnvSources of(List<ConfigData> configs, boolean lenient) {
        Map<String, ConfigData> maps = new LinkedHashMap<>();
        Map<String, ConfigData> secrets = new LinkedHashMap<>();
        for (ConfigData c : configs) {
            (c.secret() ? secrets : maps).put(c.name(), c);
        }
        return new EnvSources(maps, secrets, lenient);
    }

    public Optional<ConfigData> find(boolean secret, String name) {
        return Optional.ofNullable((secret ? secrets : configMaps).get(name));
    }
}
