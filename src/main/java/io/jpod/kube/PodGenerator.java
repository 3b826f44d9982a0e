package io.jpod.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
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
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.jpod.error.Choices;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import io.jpod.pod.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
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
 * period, shareProcessNamespace false), so that playing the YAML again gives the same pod. A played
 * Deployment, DaemonSet or Job is written the same way: as its own kind with its own fields and its
 * template, not as the pods its controller made.
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
        return generate(pods, List.of(), claims, options);
    }

    /**
     * As {@link #generate(List, List, Options)}, with each of {@code workloads} written as played, as its own kind
     * with its own fields ({@code --type} and {@code --replicas} apply to the pods only): the claims, the Services
     * (the workloads', then the pods'), the workloads, then the pods.
     */
    public Result generate(List<PodSpec> pods, List<Workload> workloads, List<VolumeClaim> claims, Options options) {
        List<String> warnings = new ArrayList<>();
        List<HasMetadata> all = new ArrayList<>();
        claims.forEach(c -> all.add(VolumeGenerator.claim(c, warnings)));
        if (options.type() != Type.POD && !workloads.isEmpty()) {
            warnings.add("--type/--replicas apply to pods; " + String.join(", ", workloads.stream()
                    .map(w -> w.kind().kubeName() + " " + w.name()).toList()) + (workloads.size() == 1 ? " is" : " are")
                    + " written as played");
        }
        List<HasMetadata> services = new ArrayList<>();
        List<HasMetadata> written = new ArrayList<>();
        for (Workload w : workloads) {
            Meta meta = Meta.of(w.template(), warnings);
            if (options.service()) {
                meta = meta.labelled(); // a Service selects its pods by label
            }
            written.add(workload(w, meta, !options.service(), warnings));
            if (options.service()) {
                addService(services, w.kind().kubeName() + " " + w.name(), w.template(), meta, options, warnings);
            }
        }
        for (PodSpec pod : pods) {
            Meta meta = Meta.of(pod, warnings);
            if (options.service()) {
                meta = meta.labelled();
            }
            written.add(workload(pod, meta, options, warnings));
            if (options.service()) {
                addService(services, "pod " + pod.name(), pod, meta, options, warnings);
            }
        }
        all.addAll(services);
        all.addAll(written);
        return new Result(all, warnings);
    }

    /** Adds the Service of {@code pod} ({@code what}), named and selecting as {@code meta}; none (a warning) without ports. */
    private static void addService(List<HasMetadata> services, String what, PodSpec pod, Meta meta, Options options,
            List<String> warnings) {
        List<ServicePort> ports = ServiceGenerator.ports(pod, options.nodePort(), warnings);
        if (ports.isEmpty()) {
            warnings.add(what + " has no ports: a Service needs at least one, so none is generated for it");
            return;
        }
        services.add(service(meta.name(), meta.labels(), ports, options.nodePort() ? "NodePort" : "ClusterIP",
                warnings));
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

    /**
     * {@code pod} as {@code --type} asks: a Pod, or a workload of that kind around it (with {@code --replicas}), its
     * template labelled {@code app: NAME} when the pod has no labels (a Job's too).
     */
    private static HasMetadata workload(PodSpec pod, Meta meta, Options options, List<String> warnings) {
        if (options.type() == Type.POD) {
            return pod(pod, meta, !options.service(), warnings);
        }
        Workload w = new Workload(Workload.Kind.valueOf(options.type().name()), meta.name(), null, meta.labels(), meta.annotations(),
                pod, null, options.replicas(), null, 0, null);
        return workload(w, meta.labelled(), !options.service(), warnings);
    }

    /**
     * {@code w} as its kind: its own metadata and fields (those it has: a strategy, minReadySeconds above 0, a Job's
     * fields), and its template as {@code meta} names and labels it; a Deployment's or DaemonSet's selects the template's
     * labels ({@code app: NAME} when it has none), a Job's template keeps those it has (Kubernetes makes its selector).
     */
    private static HasMetadata workload(Workload w, Meta meta, boolean hostPorts, List<String> warnings) {
        Meta labelled = w.kind() == Workload.Kind.JOB ? meta : meta.labelled();
        ObjectMeta own = own(w, warnings);
        PodTemplateSpec template = template(w.template(), labelled, type(w.kind()), hostPorts, warnings);
        Map<String, String> selector = labelled.labels();
        Integer minReady = w.minReadySeconds() > 0 ? w.minReadySeconds() : null;
        return switch (w.kind()) {
            case DEPLOYMENT -> new DeploymentBuilder().withApiVersion(w.kind().apiVersion()).withKind(w.kind().kubeName())
                    .withMetadata(own)
                    .withNewSpec()
                    .withReplicas(w.replicas())
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withStrategy(w.strategy() == null ? null : new DeploymentStrategy(
                            rolling(w.strategy(), RollingUpdateDeployment::new), w.strategy().type().kubeName()))
                    .withMinReadySeconds(minReady)
                    .withTemplate(template)
                    .endSpec().build();
            case DAEMONSET -> new DaemonSetBuilder().withApiVersion(w.kind().apiVersion()).withKind(w.kind().kubeName())
                    .withMetadata(own)
                    .withNewSpec()
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withUpdateStrategy(w.strategy() == null ? null : new DaemonSetUpdateStrategy(
                            rolling(w.strategy(), RollingUpdateDaemonSet::new), w.strategy().type().kubeName()))
                    .withMinReadySeconds(minReady)
                    .withTemplate(template)
                    .endSpec().build();
            // a Job's selector is made by Kubernetes from the template (giving one needs manualSelector)
            case JOB -> new JobBuilder().withApiVersion(w.kind().apiVersion()).withKind(w.kind().kubeName())
                    .withMetadata(own)
                    .withSpec(jobSpec(w.job()).withTemplate(template).build())
                    .build();
        };
    }

    /** {@code w}'s own metadata, with its namespace unless the default. */
    private static ObjectMeta own(Workload w, List<String> warnings) {
        ObjectMeta m = Meta.of(w, warnings).objectMeta();
        return w.namespace().equals("default") ? m : new ObjectMetaBuilder(m).withNamespace(w.namespace()).build();
    }

    /** A strategy's rollingUpdate, made by {@code make} from its maxSurge and maxUnavailable; null unless RollingUpdate. */
    private static <T> T rolling(Workload.Strategy s, BiFunction<IntOrString, IntOrString, T> make) {
        if (s.type() != Workload.Strategy.Type.ROLLING_UPDATE) {
            return null;
        }
        return make.apply(intOrString(s.maxSurge()), intOrString(s.maxUnavailable()));
    }

    /** A number, or a percentage as a string ("25%"), as Kubernetes writes them. */
    private static IntOrString intOrString(Workload.IntOrPercent v) {
        return v.percent() ? new IntOrString(v.toString()) : new IntOrString(v.value());
    }

    /** A Job's fields (none when {@code job} is null): completions and the deadlines when set, completionMode when Indexed. */
    private static JobSpecBuilder jobSpec(Workload.JobSpec job) {
        JobSpecBuilder spec = new JobSpecBuilder();
        if (job == null) {
            return spec;
        }
        Long ttl = job.ttlSecondsAfterFinished();
        // ttlSecondsAfterFinished is an int32 in Kubernetes: more than 68 years is written as the most it holds
        return spec.withCompletions(job.completions())
                .withParallelism(job.parallelism())
                .withBackoffLimit(job.backoffLimit())
                .withActiveDeadlineSeconds(job.activeDeadlineSeconds())
                .withTtlSecondsAfterFinished(ttl == null ? null : (int) Math.min(ttl, Integer.MAX_VALUE))
                .withCompletionMode(job.indexed() ? "Indexed" : null);
    }

    /** The Pod of {@code pod}; its ports with their host ports when {@code hostPorts}. */
    static Pod pod(PodSpec pod, Meta meta, boolean hostPorts, List<String> warnings) {
        return new PodBuilder().withApiVersion("v1").withKind("Pod")
                .withMetadata(meta.objectMeta())
                .withSpec(podSpec(pod, meta.name(), pod.restartPolicy(), hostPorts, warnings))
                .build();
    }

    /** A workload's pod template: {@code meta}'s labels and annotations, and the pod's spec with the restartPolicy the kind allows. */
    private static PodTemplateSpec template(PodSpec pod, Meta meta, Type type, boolean hostPorts, List<String> warnings) {
        RestartPolicy restart = pod.restartPolicy();
        if (type == Type.JOB && restart == RestartPolicy.ALWAYS) {
            warnings.add("pod " + pod.name() + ": restartPolicy Always is not allowed in a Job: written as OnFailure");
            restart = RestartPolicy.ON_FAILURE;
        } else if (type != Type.JOB && restart != RestartPolicy.ALWAYS) {
            warnings.add("pod " + pod.name() + ": a " + kindName(type) + " only allows restartPolicy Always: "
                    + restart.kubeName() + " written as Always");
            restart = RestartPolicy.ALWAYS;
        }
        boolean bare = meta.labels().isEmpty() && meta.annotations().isEmpty();
        return new PodTemplateSpecBuilder().withMetadata(bare ? null : meta.templateMeta())
                .withSpec(podSpec(pod, meta.name(), restart, hostPorts, warnings)).build();
    }

    /** The {@code --type} that writes a workload of {@code kind}. */
    private static Type type(Workload.Kind kind) {
        return Type.valueOf(kind.name());
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
            return of("pod " + pod.name(), pod.name(), pod.labels(), pod.annotations(), warnings);
        }

        /** A workload's own name, labels and annotations (not its template's), made valid. */
        static Meta of(Workload w, List<String> warnings) {
            return of(w.kind().kubeName() + " " + w.name(), w.name(), w.labels(), w.annotations(), warnings);
        }

        /** The name {@code given}, {@code givenLabels} and {@code givenAnnotations} made valid; warnings name {@code what}. */
        private static Meta of(String what, String given, Map<String, String> givenLabels, Map<String, String> givenAnnotations,
                List<String> warnings) {
            String name = checked(given, KubeNames::isObjectName, KubeNames::toDns1123Label, what + ": name", warnings);
            Map<String, String> labels = new LinkedHashMap<>();
            givenLabels.forEach((k, v) -> {
                String key = key(k, labels, what + ": label", warnings);
                if (key != null) {
                    labels.put(key, checked(v == null ? "" : v, KubeNames::isLabelValue, KubeNames::toLabelValue,
                            what + ": value of label " + key, warnings));
                }
            });
            Map<String, String> annotations = new LinkedHashMap<>();
            givenAnnotations.forEach((k, v) -> {
                String key = key(k, annotations, what + ": annotation", warnings);
                if (key != null) {
                    annotations.put(key, v == null ? "" : v);
                }
            });
            return new Meta(name, labels, annotations);
        }

        /** These, labelled {@code app: NAME} when they have no labels (for pods a selector must select). */
        Meta labelled() {
            return !labels.isEmpty() ? this
                    : new Meta(name, Map.of("app", KubeNames.isLabelValue(name) ? name : KubeNames.toLabelValue(name)), annotations);
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
            return new ObjectMetaBuilder(templateMeta()).withName(name).build();
        }

        /** The labels and annotations without the name: a pod template's metadata. */
        ObjectMeta templateMeta() {
            ObjectMetaBuilder m = new ObjectMetaBuilder();
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
