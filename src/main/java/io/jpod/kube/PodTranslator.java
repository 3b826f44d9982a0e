package io.jpod.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PullPolicy;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;

/** Kubernetes Pod (fabric8 model) → jpod's pod model. A pure function of the document. */
public final class PodTranslator {
    static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** Fields honoured so far; everything else is reported. */
    static final FieldCheck FIELDS = new FieldCheck(Set.of(
            "apiVersion", "kind", "status.*",
            "metadata", "metadata.name", "metadata.namespace", "metadata.labels.*", "metadata.annotations.*",
            "metadata.creationTimestamp", "metadata.uid", "metadata.resourceVersion", "metadata.generation",
            "spec", "spec.hostname", "spec.terminationGracePeriodSeconds", "spec.restartPolicy", "spec.shareProcessNamespace",
            "spec.containers", "spec.containers[]", "spec.containers[].name", "spec.containers[].image",
            "spec.containers[].command.*", "spec.containers[].args.*", "spec.containers[].workingDir",
            "spec.containers[].env", "spec.containers[].env[]", "spec.containers[].env[].name",
            "spec.containers[].env[].value", "spec.containers[].imagePullPolicy",
            "spec.containers[].terminationMessagePath", "spec.containers[].terminationMessagePolicy"));

    private final ObjectMapper mapper;

    public PodTranslator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The result of translating one document: the pod and what the user should be warned about. */
    public record Result(PodSpec pod, List<String> warnings) {
    }

    public Result translate(KubeDocument doc) {
        Pod pod;
        try {
            pod = mapper.treeToValue(doc.node(), Pod.class);
        } catch (DatabindException e) {
            throw new InvalidInputException(doc.where(), fieldPath(e) + ": " + e.getOriginalMessage().split("\n")[0], e);
        } catch (JacksonException e) {
            throw new InvalidInputException(doc.where(), e.getOriginalMessage().split("\n")[0], e);
        }
        List<String> warnings = new ArrayList<>();
        for (String field : FIELDS.unsupported(doc.node())) {
            warnings.add(doc.where() + ": Pod " + doc.name() + ": field " + field + " is not supported yet and is ignored");
        }
        ObjectMeta meta = pod.getMetadata();
        String name = meta == null ? null : meta.getName();
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(doc.where(), "metadata.name: a Pod needs a name");
        }
        if (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
            throw new InvalidInputException(doc.where(), "metadata.name: \"" + name
                    + "\" is not a valid name: lower case letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
        var spec = pod.getSpec();
        if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
            throw new InvalidInputException(doc.where(), "spec.containers: Pod " + name + " has no containers");
        }
        List<ContainerSpec> containers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.getContainers().size(); i++) {
            Container c = spec.getContainers().get(i);
            String path = "spec.containers[" + i + "]";
            if (c.getName() == null || c.getName().isEmpty()) {
                throw new InvalidInputException(doc.where(), path + ".name: a container needs a name");
            }
            if (c.getName().length() > 63 || !DNS1123_LABEL.matcher(c.getName()).matches()) {
                throw new InvalidInputException(doc.where(), path + ".name: \"" + c.getName()
                        + "\" is not a valid container name: lower case letters, digits and '-', at most 63");
            }
            if (!seen.add(c.getName())) {
                throw new InvalidInputException(doc.where(), path + ".name: duplicate container name \"" + c.getName() + "\"");
            }
            if (c.getImage() == null || c.getImage().isBlank()) {
                throw new InvalidInputException(doc.where(), path + ".image: container " + c.getName() + " has no image");
            }
            PullPolicy pull = null;
            if (c.getImagePullPolicy() != null && !c.getImagePullPolicy().isEmpty()) {
                pull = PullPolicy.parse(c.getImagePullPolicy());
                if (pull == null) {
                    throw new InvalidInputException(doc.where(), path + ".imagePullPolicy: \"" + c.getImagePullPolicy()
                            + "\" is not a pull policy (Always, IfNotPresent or Never)");
                }
            }
            containers.add(new ContainerSpec(c.getName(), c.getImage(), orEmpty(c.getCommand()), orEmpty(c.getArgs()),
                    env(c, path, doc, warnings), emptyToNull(c.getWorkingDir()), pull));
        }
        String hostname = spec.getHostname() == null || spec.getHostname().isEmpty() ? name : spec.getHostname();
        if (hostname.length() > 63 || !DNS1123_LABEL.matcher(hostname).matches()) {
            if (spec.getHostname() != null && !spec.getHostname().isEmpty()) {
                throw new InvalidInputException(doc.where(), "spec.hostname: \"" + hostname + "\" is not a valid DNS-1123 label");
            }
            // as the kubelet does: cut to 63 characters, then drop trailing '-' and '.' so that it stays a valid label
            hostname = (hostname.length() > 63 ? hostname.substring(0, 63) : hostname).replaceAll("[-.]+$", "");
        }
        RestartPolicy restart = RestartPolicy.parse(spec.getRestartPolicy(), doc.where() + ": spec.restartPolicy");
        return new Result(new PodSpec(name, ordered(meta.getLabels()), ordered(meta.getAnnotations()), hostname, restart,
                Boolean.TRUE.equals(spec.getShareProcessNamespace()), containers, grace(spec.getTerminationGracePeriodSeconds(), doc)),
                warnings);
    }

    private static long grace(Long seconds, KubeDocument doc) {
        if (seconds == null) {
            return PodSpec.DEFAULT_STOP_TIMEOUT;
        }
        if (seconds < 0) {
            throw new InvalidInputException(doc.where(), "spec.terminationGracePeriodSeconds: must not be negative");
        }
        return seconds;
    }

    private static List<EnvVar> env(Container c, String path, KubeDocument doc, List<String> warnings) {
        List<EnvVar> env = new ArrayList<>();
        if (c.getEnv() == null) {
            return env;
        }
        for (int j = 0; j < c.getEnv().size(); j++) {
            var e = c.getEnv().get(j);
            if (e.getName() == null || e.getName().isEmpty()) {
                throw new InvalidInputException(doc.where(), path + ".env[" + j + "].name: an environment variable needs a name");
            }
            if (e.getValueFrom() != null) {
                continue; // reported by the field check; the variable is left out
            }
            env.add(new EnvVar(e.getName(), e.getValue() == null ? "" : e.getValue()));
        }
        return env;
    }

    private static String fieldPath(DatabindException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "document" : sb.toString();
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Map<String, String> ordered(Map<String, String> m) {
        return m == null ? Map.of() : new LinkedHashMap<>(m);
    }
}
