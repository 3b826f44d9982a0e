package io.jpod.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.jpod.error.InvalidInputException;
import io.jpod.kubelet.BackOff;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PullPolicy;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Kubernetes Pod (fabric8 model) → jpod's pod model. A pure function of the document. */
public final class PodTranslator {

    /** Fields honoured so far; everything else is reported. */
    static final FieldCheck FIELDS = withInitContainers(new FieldCheck(Set.of(
            "apiVersion", "kind", "status.*",
            "metadata", "metadata.name", "metadata.namespace", "metadata.labels.*", "metadata.annotations.*",
            "metadata.creationTimestamp", "metadata.uid", "metadata.resourceVersion", "metadata.generation",
            "spec", "spec.hostname", "spec.terminationGracePeriodSeconds", "spec.restartPolicy", "spec.shareProcessNamespace",
            "spec.containers", "spec.containers[]", "spec.containers[].name", "spec.containers[].image",
            "spec.containers[].command.*", "spec.containers[].args.*", "spec.containers[].workingDir",
            "spec.containers[].env", "spec.containers[].env[]", "spec.containers[].env[].name",
            "spec.containers[].env[].value", "spec.containers[].imagePullPolicy",
            "spec.containers[].env[].valueFrom", "spec.containers[].env[].valueFrom.configMapKeyRef.*",
            "spec.containers[].env[].valueFrom.secretKeyRef.*", "spec.containers[].env[].valueFrom.fieldRef.*",
            "spec.containers[].env[].valueFrom.resourceFieldRef.*",
            "spec.containers[].envFrom", "spec.containers[].envFrom[]", "spec.containers[].envFrom[].prefix",
            "spec.containers[].envFrom[].configMapRef.*", "spec.containers[].envFrom[].secretRef.*",
            "spec.containers[].terminationMessagePath", "spec.containers[].terminationMessagePolicy"), VolumeTranslator.fields(""),
            PodFieldsTranslator.fields(""), PortTranslator.FIELDS, ProbeTranslator.FIELDS));

    /** Every container field honoured is honoured for init containers too, and so is their restartPolicy (sidecars). */
    private static FieldCheck withInitContainers(FieldCheck fields) {
        Set<String> all = new HashSet<>(fields.patterns());
        for (String p : fields.patterns()) {
            if (p.startsWith("spec.containers")) {
                all.add("spec.initContainers" + p.substring("spec.containers".length()));
            }
        }
        all.add("spec.initContainers[].restartPolicy");
        return new FieldCheck(all);
    }

    private final ObjectMapper mapper;
    private final ResourceFields.Node node;

    public PodTranslator(ObjectMapper mapper) {
        this(mapper, ResourceFields.Node.UNKNOWN.cpuMillis(), ResourceFields.Node.UNKNOWN.memoryBytes());
    }

    /**
     * A translator for a node of {@code cpuMillis} and {@code memoryBytes}: what resourceFieldRef
     * gives for a limit that is not set (Kubernetes' node allocatable).
     */
    public PodTranslator(ObjectMapper mapper, long cpuMillis, long memoryBytes) {
        this.mapper = mapper;
        this.node = new ResourceFields.Node(cpuMillis, memoryBytes);
    }

    /** The result of translating one document: the pod and what the user should be warned about. */
    public record Result(PodSpec pod, List<String> warnings) {
    }

    public Result translate(KubeDocument doc) {
        return translate(doc, EnvSources.NONE);
    }

    /** Translates a Pod document; env references are looked up in {@code sources}. */
    public Result translate(KubeDocument doc, EnvSources sources) {
        String name = doc.name();
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(doc.where(), "metadata.name: a Pod needs a name");
        }
        checkName(doc, "metadata.name", name);
        return translate(new Source(doc, doc.node(), "", "Pod " + name, FIELDS, name), sources);
    }

    static void checkName(KubeDocument doc, String path, String name) {
        if (!KubeNames.isObjectName(name)) {
            throw new InvalidInputException(doc.where(), path + ": \"" + name + "\" is not a valid name: " + KubeNames.SUBDOMAIN_RULE);
        }
    }

    /**
     * Where a pod comes from: a Pod document, or the template of a Deployment, DaemonSet or Job.
     *
     * @param doc     the document, for messages and the field check
     * @param podNode the pod's metadata and spec (the document itself, or its spec.template)
     * @param prefix  the path of {@code podNode} in the document ("" or "spec.template.")
     * @param what    how messages name the document ("Pod web", "Deployment web")
     * @param fields  the fields of the document honoured
     * @param name    the pod's name
     */
    record Source(KubeDocument doc, JsonNode podNode, String prefix, String what, FieldCheck fields, String name) {
    }

    Result translate(Source src, EnvSources sources) {
        KubeDocument doc = src.doc();
        String prefix = src.prefix();
        Pod pod;
        try {
            pod = mapper.treeToValue(src.podNode(), Pod.class);
        } catch (DatabindException e) {
            throw new InvalidInputException(doc.where(), prefix + fieldPath(e) + ": " + e.getOriginalMessage().split("\n")[0], e);
        } catch (JacksonException e) {
            throw new InvalidInputException(doc.where(), e.getOriginalMessage().split("\n")[0], e);
        }
        List<String> warnings = new ArrayList<>();
        for (String field : src.fields().unsupported(doc.node())) {
            warnings.add(doc.where() + ": " + src.what() + ": field " + field + " is not supported yet and is ignored");
        }
        ObjectMeta meta = pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata();
        String name = src.name();
        var spec = pod.getSpec();
        if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
            throw new InvalidInputException(doc.where(), prefix + "spec.containers: " + src.what() + " has no containers");
        }
        String namespace = doc.node().path("metadata").path("namespace").asString("");
        PodFieldsTranslator podFields = new PodFieldsTranslator(doc, src.what(), prefix, warnings);
        Map<String, io.jpod.pod.Resources> resources = new LinkedHashMap<>();
        List<Container> initContainers = spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
        for (int i = 0; i < spec.getContainers().size(); i++) {
            Container c = spec.getContainers().get(i);
            resources.putIfAbsent(c.getName() == null ? "" : c.getName(), podFields.resources(c, prefix + "spec.containers[" + i + "]"));
        }
        for (int i = 0; i < initContainers.size(); i++) {
            Container c = initContainers.get(i);
            resources.putIfAbsent(c.getName() == null ? "" : c.getName(), podFields.resources(c, prefix + "spec.initContainers[" + i + "]"));
        }
        EnvTranslator.PodFields fields = new EnvTranslator.PodFields(name,
                namespace.isEmpty() ? EnvTranslator.DEFAULT_NAMESPACE : namespace, ordered(meta.getLabels()),
                ordered(meta.getAnnotations()), new ResourceFields(resources, node),
                Boolean.TRUE.equals(spec.getHostNetwork()) ? EnvTranslator.HOST_IP : EnvTranslator.SLIRP_POD_IP);
        EnvTranslator envs = new EnvTranslator(doc, src.what(), sources, fields, warnings);
        VolumeTranslator vols = new VolumeTranslator(doc, src.what(), prefix, sources, fields, warnings);
        List<io.jpod.pod.Volume> volumes = vols.volumes(spec.getVolumes(), spec.getSecurityContext());
        io.jpod.pod.PodOptions options = podFields.options(spec, ordered(meta.getAnnotations()), fields.namespace());
        podFields.podSecurityWarnings(spec.getSecurityContext());
        List<ContainerSpec> containers = new ArrayList<>();
        List<ContainerSpec> inits = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        PortTranslator ports = new PortTranslator(doc);
        ProbeTranslator probes = new ProbeTranslator(doc);
        int count = initContainers.size() + spec.getContainers().size();
        for (int k = 0; k < count; k++) {
            boolean init = k < initContainers.size();
            int i = init ? k : k - initContainers.size();
            Container c = init ? initContainers.get(i) : spec.getContainers().get(i);
            String path = prefix + (init ? "spec.initContainers[" : "spec.containers[") + i + "]";
            if (c.getName() == null || c.getName().isEmpty()) {
                throw new InvalidInputException(doc.where(), path + ".name: a container needs a name");
            }
            if (!KubeNames.isDns1123Label(c.getName())) {
                throw new InvalidInputException(doc.where(), path + ".name: \"" + c.getName()
                        + "\" is not a valid container name: " + KubeNames.LABEL_RULE);
            }
            if (!seen.add(c.getName())) {
                throw new InvalidInputException(doc.where(), path + ".name: duplicate container name \"" + c.getName() + "\"");
            }
            if (c.getImage() == null || c.getImage().isBlank()) {
                throw new InvalidInputException(doc.where(), path + ".image: container " + c.getName() + " has no image");
            }
            PullPolicy pull = null;
            if (c.getImagePullPolicy() != null && !c.getImagePullPolicy().isEmpty()) {
                pull = PullPolicy.parse(c.getImagePullPolicy(), doc.where(), path + ".imagePullPolicy");
            }
            RestartPolicy own = null;
            if (c.getRestartPolicy() != null && !c.getRestartPolicy().isEmpty()) {
                if (!init || !c.getRestartPolicy().equals("Always")) {
                    throw new InvalidInputException(doc.where(), path + ".restartPolicy: " + (init
                            ? "an init container's restartPolicy may only be Always (a sidecar), not " + c.getRestartPolicy()
                            : "only init containers may set their own restartPolicy"));
                }
                own = RestartPolicy.ALWAYS;
            }
            List<io.jpod.pod.ContainerPort> containerPorts = ports.ports(c, path);
            ContainerSpec.Builder built = ContainerSpec.builder(c.getName(), c.getImage())
                    .restartPolicy(own)
                    .command(orEmpty(c.getCommand()))
                    .args(orEmpty(c.getArgs()))
                    .env(envs.env(c, path))
                    .workingDir(emptyToNull(c.getWorkingDir()))
                    .pullPolicy(pull)
                    .volumeMounts(vols.mounts(c, path, volumes))
                    .securityContext(podFields.security(vols.security(c, spec.getSecurityContext(), path), c,
                            spec.getSecurityContext(), path))
                    .stopSignal(podFields.stopSignal(c, path))
                    .resources(resources.get(c.getName()))
                    .ports(containerPorts);
            probes.translate(c, path, init, own == RestartPolicy.ALWAYS, containerPorts, spec.getTerminationGracePeriodSeconds(), built);
            (init ? inits : containers).add(built.build());
        }
        String hostname = spec.getHostname() == null || spec.getHostname().isEmpty() ? name : spec.getHostname();
        if (!KubeNames.isDns1123Label(hostname)) {
            if (spec.getHostname() != null && !spec.getHostname().isEmpty()) {
                throw new InvalidInputException(doc.where(), prefix + "spec.hostname: \"" + hostname + "\" is not a valid DNS-1123 label");
            }
            // as the kubelet does: cut to 63 characters, then drop trailing '-' and '.' so that it stays a valid label
            hostname = (hostname.length() > 63 ? hostname.substring(0, 63) : hostname).replaceAll("[-.]+$", "");
        }
        RestartPolicy restart = RestartPolicy.parse(spec.getRestartPolicy(), doc.where(), prefix + "spec.restartPolicy");
        try {
            BackOff.of(ordered(meta.getAnnotations()));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(doc.where(), prefix + e.getMessage(), e);
        }
        PodSpec translated = PodSpec.builder(name)
                .labels(ordered(meta.getLabels()))
                .annotations(ordered(meta.getAnnotations()))
                .hostname(hostname)
                .restartPolicy(restart)
                .shareProcessNamespace(Boolean.TRUE.equals(spec.getShareProcessNamespace()))
                .containers(containers)
                .initContainers(inits)
                .stopTimeoutSeconds(grace(spec.getTerminationGracePeriodSeconds(), doc, prefix))
                .volumes(volumes)
                .options(options)
                .build();
        return new Result(translated, warnings);
    }

    private static long grace(Long seconds, KubeDocument doc, String prefix) {
        if (seconds == null) {
            return PodSpec.DEFAULT_STOP_TIMEOUT;
        }
        if (seconds < 0) {
            throw new InvalidInputException(doc.where(), prefix + "spec.terminationGracePeriodSeconds: must not be negative");
        }
        return seconds;
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
