package io.jpod.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container's environment as Kubernetes builds it: {@code envFrom} first (ConfigMaps and Secrets,
 * with a prefix), then {@code env} ({@code value}, or {@code valueFrom} a ConfigMap key, a Secret
 * key, a field of the pod or a container's resources). A missing reference that is not optional is refused, naming it;
 * values that come from a Secret are marked so that they are never shown.
 */
final class EnvTranslator {
    /** Names envFrom may produce (Kubernetes skips other keys). */
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    /**
     * status.hostIP, and status.podIP of a pod on the host's network, until the engine gives them the node's address
     * ({@code PodSpec.withHostIp}, {@code withPodIp}): the host's loopback.
     */
    static final String HOST_IP = io.jpod.pod.NetworkMode.HOST.podIp();
    /** status.podIP of a pod with a network of its own: slirp4netns gives every pod's eth0 this address. */
    static final String SLIRP_POD_IP = io.jpod.pod.NetworkMode.SLIRP4NETNS.podIp();
    static final String DEFAULT_NAMESPACE = "default";

    /** The pod's fields that fieldRef and resourceFieldRef can read. */
    record PodFields(String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
            ResourceFields resources, String podIp) {
        PodFields(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
            this(name, namespace, labels, annotations, new ResourceFields(Map.of(), ResourceFields.Node.UNKNOWN), SLIRP_POD_IP);
        }

        /** The metadata fieldRef and downwardAPI volumes read. */
        io.jpod.pod.PodMetadata metadata() {
            return new io.jpod.pod.PodMetadata(name, namespace, labels, annotations);
        }

        /** metadata.uid as {@link io.jpod.pod.PodMetadata#uid()} gives it. */
        String uid() {
            return metadata().uid();
        }

        /** The value of a metadata field ({@link io.jpod.pod.PodMetadata#field}), null for others. */
        String metadata(String fieldPath) {
            return metadata().field(fieldPath);
        }
    }

    private final KubeDocument doc;
    private final String what;
    private final EnvSources sources;
    private final PodFields pod;
    private final List<String> warnings;

    /**
     * @param what how messages name the document, e.g. "Pod web" or "Deployment web"
     */
    EnvTranslator(KubeDocument doc, String what, EnvSources sources, PodFields pod, List<String> warnings) {
        this.doc = doc;
        this.what = what;
        this.sources = sources;
        this.pod = pod;
        this.warnings = warnings;
    }

    /** The environment of container {@code c}, found at {@code path} (e.g. spec.containers[0]). */
    List<EnvVar> env(Container c, String path) {
        List<EnvVar> env = new ArrayList<>();
        if (c.getEnvFrom() != null) {
            for (int j = 0; j < c.getEnvFrom().size(); j++) {
                envFrom(c.getEnvFrom().get(j), path + ".envFrom[" + j + "]", env);
            }
        }
        if (c.getEnv() != null) {
            for (int j = 0; j < c.getEnv().size(); j++) {
                var e = c.getEnv().get(j);
                String at = path + ".env[" + j + "]";
                if (e.getName() == null || e.getName().isEmpty()) {
                    throw problem(at + ".name", "an environment variable needs a name");
                }
                if (e.getValueFrom() == null) {
                    env.add(new EnvVar(e.getName(), e.getValue() == null ? "" : e.getValue()));
                } else {
                    valueFrom(c.getName(), e.getName(), e.getValueFrom(), at + ".valueFrom").ifPresent(env::add);
                }
            }
        }
        return env;
    }

    private void envFrom(EnvFromSource from, String at, List<EnvVar> env) {
        boolean secret = from.getSecretRef() != null;
        if (secret == (from.getConfigMapRef() != null)) {
            throw problem(at, "give exactly one of configMapRef and secretRef");
        }
        String name = secret ? from.getSecretRef().getName() : from.getConfigMapRef().getName();
        Boolean optional = secret ? from.getSecretRef().getOptional() : from.getConfigMapRef().getOptional();
        String ref = at + (secret ? ".secretRef" : ".configMapRef");
        Optional<ConfigData> data = lookup(secret, name, Boolean.TRUE.equals(optional), ref);
        if (data.isEmpty()) {
            return;
        }
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        for (Map.Entry<String, String> e : data.get().data().entrySet()) {
            String var = prefix + e.getKey();
            if (!ENV_NAME.matcher(var).matches()) {
                warnings.add(doc.where() + ": " + ref + ": " + what + ": key \"" + e.getKey() + "\" of " + kind(secret) + " "
                        + name + " is not a valid variable name and is skipped");
                continue;
            }
            env.add(new EnvVar(var, e.getValue(), secret, new EnvVar.Source(secret, name, e.getKey())));
        }
    }

    private Optional<EnvVar> valueFrom(String container, String var, EnvVarSource from, String at) {
        int given = (from.getConfigMapKeyRef() != null ? 1 : 0) + (from.getSecretKeyRef() != null ? 1 : 0)
                + (from.getFieldRef() != null ? 1 : 0) + (from.getResourceFieldRef() != null ? 1 : 0);
        if (given != 1) {
            throw problem(at, "give exactly one of configMapKeyRef, secretKeyRef, fieldRef and resourceFieldRef");
        }
        if (from.getConfigMapKeyRef() != null) {
            var r = from.getConfigMapKeyRef();
            return key(var, false, r.getName(), r.getKey(), Boolean.TRUE.equals(r.getOptional()), at + ".configMapKeyRef");
        }
        if (from.getSecretKeyRef() != null) {
            var r = from.getSecretKeyRef();
            return key(var, true, r.getName(), r.getKey(), Boolean.TRUE.equals(r.getOptional()), at + ".secretKeyRef");
        }
        if (from.getFieldRef() != null) {
            String fieldPath = from.getFieldRef().getFieldPath();
            return Optional.of(EnvVar.ofField(var, field(fieldPath, at + ".fieldRef.fieldPath"), fieldPath));
        }
        String ref = at + ".resourceFieldRef";
        return Optional.of(new EnvVar(var, pod.resources().value(from.getResourceFieldRef(), container,
                (field, message) -> problem(ref + field, message))));
    }

    private Optional<EnvVar> key(String var, boolean secret, String name, String key, boolean optional, String at) {
        if (key == null || key.isEmpty()) {
            throw problem(at + ".key", "a " + kind(secret) + " key reference needs a key");
        }
        Optional<ConfigData> data = lookup(secret, name, optional, at);
        if (data.isEmpty()) {
            return Optional.empty();
        }
        String value = data.get().data().get(key);
        if (value == null) {
            if (optional || sources.lenient()) {
                return Optional.empty();
            }
            throw problem(at + ".key", what + ": " + kind(secret) + " " + name + " has no key \"" + key + "\"");
        }
        return Optional.of(new EnvVar(var, value, secret, new EnvVar.Source(secret, name, key)));
    }

    private Optional<ConfigData> lookup(boolean secret, String name, boolean optional, String at) {
        if (name == null || name.isEmpty()) {
            throw problem(at + ".name", "a " + kind(secret) + " reference needs a name");
        }
        Optional<ConfigData> data = sources.find(secret, name);
        if (data.isEmpty() && !optional && !sources.lenient()) {
            throw problem(at, what + ": " + kind(secret) + " \"" + name + "\" not found: put it in the played files"
                    + (secret ? "" : " or a --configmap file") + ", or mark the reference optional: true");
        }
        return data;
    }

    private String field(String fieldPath, String at) {
        if (fieldPath == null || fieldPath.isEmpty()) {
            throw problem(at, "a fieldRef needs a fieldPath");
        }
        if (fieldPath.equals("status.podIP")) {
            return pod.podIp();
        }
        if (fieldPath.equals("status.hostIP")) {
            return HOST_IP;
        }
        String value = pod.metadata(fieldPath);
        if (value != null) {
            return value;
        }
        throw problem(at, "fieldPath \"" + fieldPath + "\" is not supported: jpod knows metadata.name, metadata.namespace,"
                + " metadata.uid, metadata.labels['KEY'], metadata.annotations['KEY'], status.podIP and status.hostIP");
    }

    private static String kind(boolean secret) {
        return secret ? ConfigData.SECRET : ConfigData.CONFIG_MAP;
    }

    private InvalidInputException problem(String path, String message) {
        return new InvalidInputException(doc.where(), path + ": " + message);
    }
}
