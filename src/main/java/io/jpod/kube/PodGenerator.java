package io.jpod.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.jpod.error.Choices;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.ObjectMapper;

/**
 * jpod's pod model → Kubernetes objects (fabric8 model) → YAML: the way back of {@link PodTranslator}.
 * A pure function of its input; what had to be changed to make the YAML valid is returned as warnings.
 *
 * <p>A pod is written as the user gave it: its containers keep their YAML names, command, args,
 * env and workingDir as written (not merged with the image), labels and annotations in their order.
 * Fields that hold their default are left out (hostname equal to the pod name, the 10 s grace
 * period, shareProcessNamespace false), so that playing the YAML again gives the same pod.
 */
public final class PodGenerator {
    /** What each pod is written as: {@code kube generate --type}. */
    public enum Type {
        POD, DEPLOYMENT, DAEMONSET, JOB;

        /** {@code --type}'s spelling: pod, deployment, daemonset, job. */
        public String flagName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type parse(String value) {
            return Choices.parse(Type.class, value, "generate type", "--type", Type::flagName);
        }
    }

    /**
     * What to generate.
     *
     * @param type     what each pod is written as
     * @param service  whether a Service is written for each pod
     * @param replicas a Deployment's replicas
     * @param nodePort whether the Services are of type NodePort ({@code --service-type nodeport}) rather than ClusterIP
     */
    public record Options(Type type, boolean service, int replicas, boolean nodePort) {
        public Options {
            if (type == null) {
                throw new IllegalArgumentException("type");
            }
        }

        public Options(Type type, boolean service, int replicas) {
            this(type, service, replicas, false);
        }

        /** As {@link #of(String, boolean, Integer)}, with {@code --service-type} (clusterip or nodeport; null for clusterip). */
        public static Options of(String type, boolean service, Integer replicas, String serviceType) {
            Options o = of(type, service, replicas);
            if (serviceType == null || serviceType.equalsIgnoreCase("clusterip")) {
                return o;
            }
            if (!serviceType.equalsIgnoreCase("nodeport")) {
                throw new InvalidInputException("--service-type", Choices.unsupported(serviceType, "service type",
                        List.of("clusterip", "nodeport")));
            }
            if (!service) {
                throw new InvalidInputException("--service-type", "can only be used with --service");
            }
            return new Options(o.type(), true, o.replicas(), true);
        }

        /** {@code --type}, {@code --service} and {@code --replicas} (null when not given) checked together. */
        public static Options of(String type, boolean service, Integer replicas) {
            Type t = Type.parse(type);
            if (replicas != null && t != Type.DEPLOYMENT) {
                throw new InvalidInputException("--replicas", "can only be used with --type deployment");
            }
            if (replicas != null && replicas < 0) {
                throw new InvalidInputException("--replicas", "must not be negative, got " + replicas);
            }
            return new Options(t, service, replicas == null ? 1 : replicas);
        }
    }

    /** The objects, PersistentVolumeClaims first, then Services, and what the user should be warned about. */
    public record Result(List<HasMetadata> objects, List<String> warnings) {
        public Result {
            objects = List.copyOf(objects);
            warnings = List.copyOf(warnings);
        }
    }

    private final ObjectMapper mapper;

    public PodGenerator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The Kubernetes objects for {@code pods}: the Services (with {@code --service}) first, then one workload per pod. */
    public Result generate(List<PodSpec> pods, Options options) {
        return generate(pods, List.of(), options);
    }

    /** As {@link #generate(List, Options)}, with a PersistentVolumeClaim for each of {@code claims} first. */
    public Result generate(List<PodSpec> pods, List<VolumeClaim> claims, Options options) {
        List<String> warnings = new ArrayList<>();
        List<HasMetadata> all = new ArrayList<>();
        claims.forEach(c -> all.add(VolumeGenerator.claim(c, warnings)));
        List<HasMetadata> services = new ArrayList<>();
        List<HasMetadata> workloads = new ArrayList<>();
        for (PodSpec pod : pods) {
            Meta meta = Meta.of(pod, warnings);
            if (options.service() && meta.labels().isEmpty()) {
                meta = meta.withAppLabel(); // a Service selects its pods by label
            }
            workloads.add(workload(pod, meta, options, warnings));
            if (options.service()) {
                List<ServicePort> ports = ServiceGenerator.ports(pod, options.nodePort(), warnings);
                if (ports.isEmpty()) {
                    warnings.add("pod " + pod.name() + " has no ports: a Service needs at least one, so none is generated for it");
                } else {
                    services.add(service(meta.name(), selectorLabels(pod, meta, options.type()), ports,
                            options.nodePort() ? "NodePort" : "ClusterIP", warnings));
                }
            }
        }
        all.addAll(services);
        all.addAll(workloads);
        return new Result(all, warnings);
    }

    /** Multi-document YAML: {@code header} (each line as a comment), then every object as its own document. */
    public String yaml(List<HasMetadata> objects, List<String> header) {
        StringBuilder sb = new StringBuilder();
        header.forEach(line -> sb.append("# ").append(line).append('\n'));
        for (HasMetadata o : objects) {
            sb.append("---\n").append(mapper.writeValueAsString(o));
        }
        return sb.toString();
    }

    private static HasMetadata workload(PodSpec pod, Meta meta, Options options, List<String> warnings) {
        return switch (options.type()) {
            case POD -> pod(pod, meta, !options.service(), warnings);
            case DEPLOYMENT -> new DeploymentBuilder().withApiVersion("apps/v1").withKind("Deployment")
                    .withMetadata(meta.objectMeta())
                    .withNewSpec()
                    .withReplicas(options.replicas())
                    .withNewSelector().withMatchLabels(selectorLabels(pod, meta, options.type())).endSelector()
                    .withTemplate(template(pod, meta, options, warnings))
                    .endSpec().build();
            case DAEMONSET -> new DaemonSetBuilder().withApiVersion("apps/v1").withKind("DaemonSet")
                    .withMetadata(meta.objectMeta())
                    .withNewSpec()
                    .withNewSelector().withMatchLabels(selectorLabels(pod, meta, options.type())).endSelector()
                    .withTemplate(template(pod, meta, options, warnings))
                    .endSpec().build();
            // a Job's selector is made by Kubernetes from the template (giving one needs manualSelector)
            case JOB -> new JobBuilder().withApiVersion("batch/v1").withKind("Job")
                    .withMetadata(meta.objectMeta())
                    .withNewSpec().withTemplate(template(pod, meta, options, warnings)).endSpec().build();
        };
    }

    /** The Pod of {@code pod}; its ports with their host ports when {@code hostPorts}. */
    static Pod pod(PodSpec pod, Meta meta, boolean hostPorts, List<String> warnings) {
        return new PodBuilder().withApiVersion("v1").withKind("Pod")
                .withMetadata(meta.objectMeta())
                .withSpec(podSpec(pod, meta.name(), pod.restartPolicy(), hostPorts, warnings))
                .build();
    }

    /** A workload's pod template: the pod's labels (or {@code app: NAME}) and annotations, and its spec with the restartPolicy the kind allows. */
    private static PodTemplateSpec template(PodSpec pod, Meta meta, Options options, List<String> warnings) {
        Type type = options.type();
        RestartPolicy restart = pod.restartPolicy();
        if (type == Type.JOB && restart == RestartPolicy.ALWAYS) {
            warnings.add("pod " + pod.name() + ": restartPolicy Always is not allowed in a Job: written as OnFailure");
            restart = RestartPolicy.ON_FAILURE;
        } else if (type != Type.JOB && restart != RestartPolicy.ALWAYS) {
            warnings.add("pod " + pod.name() + ": a " + kindName(type) + " only allows restartPolicy Always: "
                    + restart.kubeName() + " written as Always");
            restart = RestartPolicy.ALWAYS;
        }
        ObjectMetaBuilder m = new ObjectMetaBuilder().withLabels(selectorLabels(pod, meta, type));
        if (!meta.annotations().isEmpty()) {
            m.withAnnotations(meta.annotations());
        }
        return new PodTemplateSpecBuilder().withMetadata(m.build()).withSpec(podSpec(pod, meta.name(), restart, !options.service(), warnings)).build();
    }

    /** The labels a workload's selector and template carry: the pod's, or {@code app: NAME} when it has none. */
    private static Map<String, String> selectorLabels(PodSpec pod, Meta meta, Type type) {
        if (!meta.labels().isEmpty() || type == Type.POD) {
            return meta.labels();
        }
        return Map.of("app", KubeNames.isLabelValue(meta.name()) ? meta.name() : KubeNames.toLabelValue(meta.name()));
    }

    private static String kindName(Type type) {
        return switch (type) {
            case POD -> "Pod";
            case DEPLOYMENT -> "Deployment";
            case DAEMONSET -> "DaemonSet";
            case JOB -> "Job";
        };
    }

    private static io.fabric8.kubernetes.api.model.PodSpec podSpec(PodSpec pod, String name, RestartPolicy restart,
            boolean hostPorts, List<String> warnings) {
        PodSpecBuilder spec = new PodSpecBuilder();
        String hostname = pod.hostname();
        if (hostname != null && !hostname.equals(name)) {
            spec.withHostname(checked(hostname, KubeNames::isDns1123Label, KubeNames::toDns1123Label,
                    "pod " + pod.name() + ": hostname", warnings));
        }
        spec.withRestartPolicy(restart.kubeName());
        if (pod.shareProcessNamespace()) {
            spec.withShareProcessNamespace(true);
        }
        if (pod.stopTimeoutSeconds() != PodSpec.DEFAULT_STOP_TIMEOUT) {
            spec.withTerminationGracePeriodSeconds(pod.stopTimeoutSeconds());
        }
        PodFieldsGenerator.pod(pod, spec);
        for (ContainerSpec c : pod.initContainers()) {
            spec.addToInitContainers(container(pod, c, hostPorts, warnings));
        }
        for (ContainerSpec c : pod.containers()) {
            spec.addToContainers(container(pod, c, hostPorts, warnings));
        }
        spec.withVolumes(VolumeGenerator.volumes(pod));
        if (VolumeGenerator.fsGroup(pod) != null) {
            spec.editOrNewSecurityContext().withFsGroup(VolumeGenerator.fsGroup(pod)).endSecurityContext();
        }
        return spec.build();
    }

    /**
     * A variable as it was given: a value, or again a reference to the ConfigMap or Secret key or the
     * pod field it came from, so that a Secret's value never appears in generated YAML.
     */
    static io.fabric8.kubernetes.api.model.EnvVar env(PodSpec pod, ContainerSpec c, EnvVar e, List<String> warnings) {
        EnvVarBuilder b = new EnvVarBuilder().withName(e.name());
        EnvVar.Source from = e.source();
        if (from == null && e.secret()) {
            warnings.add("pod " + pod.name() + ": container " + c.name() + ": variable " + e.name()
                    + " came from a Secret by an unknown key: written without its value");
            return b.withValue("").build();
        }
        if (from == null && e.fieldPath() != null) {
            return b.withNewValueFrom().withNewFieldRef().withFieldPath(e.fieldPath()).endFieldRef().endValueFrom().build();
        }
        if (from == null) {
            return b.withValue(e.value() == null ? "" : e.value()).build();
        }
        return b.withNewValueFrom()
                .withConfigMapKeyRef(from.secret() ? null
                        : new io.fabric8.kubernetes.api.model.ConfigMapKeySelector(from.key(), from.name(), null))
                .withSecretKeyRef(from.secret()
                        ? new io.fabric8.kubernetes.api.model.SecretKeySelector(from.key(), from.name(), null) : null)
                .endValueFrom().build();
    }

    /** A container as the user wrote it: nothing of its image is merged in. */
    static Container container(PodSpec pod, ContainerSpec c, List<String> warnings) {
        return container(pod, c, true, warnings);
    }

    /** A container as the user wrote it; its ports' host ports only when {@code hostPorts} (not with a Service). */
    static Container container(PodSpec pod, ContainerSpec c, boolean hostPorts, List<String> warnings) {
        ContainerBuilder b = new ContainerBuilder()
                .withName(checked(c.name(), KubeNames::isDns1123Label, KubeNames::toDns1123Label,
                        "pod " + pod.name() + ": container name", warnings))
                .withImage(c.image());
        if (c.pullPolicy() != null) {
            b.withImagePullPolicy(c.pullPolicy().yamlName());
        }
        if (!c.command().isEmpty()) {
            b.withCommand(c.command());
        }
        if (!c.args().isEmpty()) {
            b.withArgs(c.args());
        }
        for (EnvVar e : c.env()) {
            b.addToEnv(env(pod, c, e, warnings));
        }
        if (c.workingDir() != null) {
            b.withWorkingDir(c.workingDir());
        }
        b.withVolumeMounts(VolumeGenerator.mounts(c));
        if (c.restartPolicy() != null) {
            b.withRestartPolicy(c.restartPolicy().kubeName());
        }
        PodFieldsGenerator.container(c, b);
        ProbeGenerator.container(c, b);
        for (var p : c.ports()) {
            b.addToPorts(ServiceGenerator.containerPort(p, hostPorts));
        }
        return b.build();
    }

    /** A Service of {@code type} named {@code name}, selecting {@code selector}, with {@code ports} (Kubernetes needs at least one). */
    static Service service(String name, Map<String, String> selector, List<ServicePort> ports, String type, List<String> warnings) {
        return new ServiceBuilder().withApiVersion("v1").withKind("Service")
                .withNewMetadata()
                .withName(checked(name, KubeNames::isServiceName, KubeNames::toServiceName, "Service name", warnings))
                .endMetadata()
                .withNewSpec().withType(type).withSelector(selector).withPorts(ports).endSpec()
                .build();
    }

    /** {@code value} when {@code valid}, else converted, with a warning naming {@code what}. */
    static String checked(String value, Predicate<String> valid, UnaryOperator<String> convert, String what,
            List<String> warnings) {
        if (valid.test(value)) {
            return value;
        }
        String converted = convert.apply(value);
        warnings.add(what + " \"" + value + "\" is not valid in Kubernetes: written as \"" + converted + "\"");
        return converted;
    }

    /** A pod's name, labels and annotations, made valid. */
    record Meta(String name, Map<String, String> labels, Map<String, String> annotations) {
        static Meta of(PodSpec pod, List<String> warnings) {
            String what = "pod " + pod.name();
            String name = checked(pod.name(), KubeNames::isObjectName, KubeNames::toDns1123Label, what + ": name", warnings);
            Map<String, String> labels = new LinkedHashMap<>();
            pod.labels().forEach((k, v) -> {
                String key = key(k, labels, what + ": label", warnings);
                if (key != null) {
                    labels.put(key, checked(v == null ? "" : v, KubeNames::isLabelValue, KubeNames::toLabelValue,
                            what + ": value of label " + key, warnings));
                }
            });
            Map<String, String> annotations = new LinkedHashMap<>();
            pod.annotations().forEach((k, v) -> {
                String key = key(k, annotations, what + ": annotation", warnings);
                if (key != null) {
                    annotations.put(key, v == null ? "" : v);
                }
            });
            return new Meta(name, labels, annotations);
        }

        /** These, labelled {@code app: NAME} (for a pod without labels that a Service must select). */
        Meta withAppLabel() {
            return new Meta(name, Map.of("app", KubeNames.isLabelValue(name) ? name : KubeNames.toLabelValue(name)), annotations);
        }

        /** {@code key} made valid; null (and a warning) when nothing is left of it or it clashes with one already there. */
        private static String key(String key, Map<String, String> seen, String what, List<String> warnings) {
            String k = key;
            if (!KubeNames.isKey(key)) {
                k = KubeNames.toKey(key);
                if (k.isEmpty()) {
                    warnings.add(what + " key \"" + key + "\" is not valid in Kubernetes and is left out");
                    return null;
                }
                warnings.add(what + " key \"" + key + "\" is not valid in Kubernetes: written as \"" + k + "\"");
            }
            if (seen.containsKey(k)) {
                warnings.add(what + " key \"" + key + "\" is written as \"" + k + "\", which is already there: it is left out");
                return null;
            }
            return k;
        }

        ObjectMeta objectMeta() {
            ObjectMetaBuilder m = new ObjectMetaBuilder().withName(name);
            if (!labels.isEmpty()) {
                m.withLabels(labels);
            }
            if (!annotations.isEmpty()) {
                m.withAnnotations(annotations);
            }
            return m.build();
        }
    }
}
