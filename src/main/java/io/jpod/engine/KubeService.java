package io.jpod.engine;

import io.jpod.events.Events;
import io.jpod.error.InvalidInputException;
import io.jpod.error.JpodException;
import io.jpod.kube.ConfigData;
import io.jpod.kube.DocumentValidator;
import io.jpod.kube.EnvSources;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.kube.KubeDocument;
import io.jpod.kube.KubeMapper;
import io.jpod.kube.KubeReader;
import io.jpod.kube.PodGenerator;
import io.jpod.kube.PodTranslator;
import io.jpod.kube.ServiceObject;
import io.jpod.error.NotFoundException;
import io.jpod.kube.VolumeClaim;
import io.jpod.kube.WorkloadTranslator;
import io.jpod.pod.Volume;
import io.jpod.state.VolumeRow;
import io.fabric8.kubernetes.api.model.Service;
import io.jpod.kube.ServicePorts;
import io.jpod.network.PortMapping;
import io.jpod.network.PublishOption;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.PodSpec;
import io.jpod.state.KubeObjectStore;
import io.jpod.state.PodRow;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code kube play}, {@code kube down}, {@code kube validate} and {@code kube generate}: Kubernetes YAML in, pods out, and back. The only user of the YAML model. */
public final class KubeService {
    /** Kinds Kubernetes has that jpod does not play yet: reported, and left out. */
    private static final Set<String> NOT_YET = Set.of("StatefulSet", "ReplicaSet",
            "CronJob", "Namespace", "Ingress", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
            "NetworkPolicy", "HorizontalPodAutoscaler", "PodDisruptionBudget", "PersistentVolume", "StorageClass");

    private final PodEngine pods;
    private final VolumeService volumes;
    private final KubeObjectStore objects;
    private final Events events;
    private final KubeReader reader;
    private final PodTranslator translator;
    private final PodGenerator generator;
    private final WorkloadTranslator workloads;
    private final DocumentValidator validator = new DocumentValidator();
    private final YAMLMapper mapper;

    KubeService(PodEngine pods, VolumeService volumes, KubeObjectStore objects, Events events) {
        YAMLMapper mapper = KubeMapper.yaml();
        this.mapper = mapper;
        this.pods = pods;
        this.volumes = volumes;
        this.objects = objects;
        this.events = events;
        this.reader = new KubeReader(mapper);
        this.translator = new PodTranslator(mapper, Runtime.getRuntime().availableProcessors() * 1000L, memoryBytes());
        this.generator = new PodGenerator(mapper);
        this.workloads = new WorkloadTranslator(translator);
    }

    /** The host's memory (MemTotal of /proc/meminfo): resourceFieldRef's limits.memory when no limit is set. */
    private static long memoryBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // below: Java's view of it
        }
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Options of {@code kube play}.
     *
     * @param configMaps files of ConfigMaps ({@code --configmap}) the pods may take their environment from
     * @param registry   how to reach registries for images to pull
     */
    public record PlayOptions(boolean replace, boolean start, List<String> configMaps, RegistryOptions registry,
            NetworkMode network, List<String> publish) {
        public PlayOptions {
            configMaps = configMaps == null ? List.of() : List.copyOf(configMaps);
            registry = registry == null ? new RegistryOptions(true, null, null) : registry;
            network = network == null ? NetworkMode.SLIRP4NETNS : network;
            publish = publish == null ? List.of() : List.copyOf(publish);
        }

        public PlayOptions(boolean replace, boolean start, List<String> configMaps, RegistryOptions registry) {
            this(replace, start, configMaps, registry, null, null);
        }

        public PlayOptions(boolean replace, boolean start, List<String> configMaps) {
            this(replace, start, configMaps, null);
        }

        /** {@code pod} with the network and the published ports of these options. */
        PodSpec applyTo(PodSpec pod) {
            PodSpec p = pod.withNetwork(network);
            for (String value : publish) {
                p = PublishOption.parse(value).applyTo(p);
            }
            return p;
        }

        public PlayOptions(boolean replace, boolean start) {
            this(replace, start, List.of(), null);
        }
    }

    /** One pod's outcome: created, or the error that stopped it. */
    public record PodOutcome(String name, PodEngine.CreatedPod created, JpodException error) {
    }

    /**
     * What a set of files would play, found without creating anything.
     *
     * @param pods     the pods, in the files' order
     * @param configs  the ConfigMaps and Secrets (their values are never printed)
     * @param claims   the PersistentVolumeClaims: named volumes
     * @param warnings what is ignored or approximated, one message each
     * @param problems what is wrong, one "file:line:col: path: message" each; nothing plays unless empty
     * @param services the Services (kept, without effect on networking yet)
     */
    public record Plan(List<PodSpec> pods, List<ConfigData> configs, List<VolumeClaim> claims, List<String> warnings,
            List<String> problems, List<ServiceObject> services) {
        public Plan {
            pods = List.copyOf(pods);
            configs = List.copyOf(configs);
            claims = List.copyOf(claims);
            warnings = List.copyOf(warnings);
            problems = List.copyOf(problems);
            services = services == null ? List.of() : List.copyOf(services);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * Reads and checks every document of every file, creating nothing. ConfigMaps and Secrets are
     * read first, whatever their place in the files, so that pods can use them.
     *
     * @param configMapFiles files holding only ConfigMaps ({@code --configmap})
     * @param lenient        when true, references to missing ConfigMaps and Secrets are not problems
     *                       (for {@code kube down}, which needs only the pods' names)
     */
    public Plan plan(List<String> files, List<String> configMapFiles, InputStream stdin, boolean lenient) {
        List<String> warnings = new ArrayList<>();
        Problems problems = new Problems();
        List<KubeDocument> docs = new ArrayList<>();
        List<KubeDocument> workloadDocs = new ArrayList<>();
        List<Service> serviceModels = new ArrayList<>(); // for the nodePorts they publish
        Map<String, ConfigData> configs = new LinkedHashMap<>();
        Map<String, VolumeClaim> claims = new LinkedHashMap<>();
        Map<String, ServiceObject> services = new LinkedHashMap<>();
        for (String file : configMapFiles) {
            for (KubeDocument doc : read(file, stdin, problems, docs.size())) {
                docs.add(doc);
                if (!ConfigData.CONFIG_MAP.equals(doc.kind())) {
                    problems.add(docs.size(), doc.locate("kind: --configmap " + file + " must hold ConfigMaps only, not " + doc.kind()));
                    continue;
                }
                if (invalid(doc, problems, docs.size())) {
                    continue;
                }
                int order = docs.size();
                config(doc, configs, warnings, m -> problems.add(order, m));
            }
        }
        for (String file : files) {
            for (KubeDocument doc : read(file, stdin, problems, docs.size())) {
                docs.add(doc);
                String kind = doc.kind();
                if (kind == null) {
                    problems.add(docs.size(), doc.locate("kind: a Kubernetes document needs a kind"));
                } else if (invalid(doc, problems, docs.size())) {
                    continue;
                } else if (kind.equals(ServiceObject.KIND)) {
                    ServiceObject svc = ServiceObject.of(doc);
                    ServiceObject before = services.putIfAbsent(svc.name(), svc);
                    if (before != null) {
                        problems.add(docs.size(), doc.locate("metadata.name: Service " + svc.name() + " is also defined at "
                                + before.where()));
                    } else {
                        int order = docs.size();
                        service(doc, serviceModels, m -> problems.add(order, m));
                    }
                } else if (kind.equals(ConfigData.CONFIG_MAP) || kind.equals(ConfigData.SECRET)) {
                    int order = docs.size();
                    config(doc, configs, warnings, m -> problems.add(order, m));
                } else if (kind.equals(VolumeClaim.KIND)) {
                    int order = docs.size();
                    claim(doc, claims, warnings, m -> problems.add(order, m));
                } else if (kind.equals("Pod") || WorkloadTranslator.KINDS.containsKey(kind)) {
                    String api = kind.equals("Pod") ? "v1" : WorkloadTranslator.KINDS.get(kind);
                    if (api.equals(doc.apiVersion())) {
                        workloadDocs.add(doc);
                    } else {
                        problems.add(docs.size(), doc.locate("apiVersion: a " + kind + " is apiVersion " + api + ", not \""
                                + doc.apiVersion() + "\""));
                    }
                } else if (NOT_YET.contains(kind)) {
                    warnings.add(doc.where() + ": kind " + kind + " is not supported yet: " + kind + " " + doc.name() + " is ignored");
                } else {
                    warnings.add(doc.where() + ": unknown kind \"" + kind + "\": " + doc.name() + " is ignored");
                }
            }
        }
        // ConfigMaps and Secrets are all known now: the pods can use them whatever the documents' order
        EnvSources sources = EnvSources.of(List.copyOf(configs.values()), lenient);
        List<PodSpec> specs = new ArrayList<>();
        Map<String, String> podWhere = new LinkedHashMap<>();
        for (KubeDocument doc : workloadDocs) {
            int order = docs.indexOf(doc) + 1;
            try {
                PodTranslator.Result r = doc.kind().equals("Pod") ? translator.translate(doc, sources) : workloads.translate(doc, sources);
                warnings.addAll(r.warnings());
                if (r.pod() == null) {
                    continue;
                }
                String before = podWhere.putIfAbsent(r.pod().name(), doc.where());
                if (before != null) {
                    problems.add(order, doc.locate("metadata.name: pod " + r.pod().name() + " is also made by " + before));
                    continue;
                }
                specs.add(r.pod());
            } catch (InvalidInputException e) {
                problems.add(order, located(doc, e));
            }
        }
        if (!serviceModels.isEmpty()) {
            ServicePorts.Result published = ServicePorts.apply(serviceModels, specs);
            specs = new ArrayList<>(published.pods());
            warnings.addAll(published.warnings());
        }
        String notEnforced = specs.stream().anyMatch(p -> p.containers().stream().anyMatch(c -> c.resources().any()))
                ? pods.resourcesNotEnforced() : null;
        if (notEnforced != null) {
            warnings.add("resources (limits and requests) are kept but not enforced: " + notEnforced);
        }
        if (problems.isEmpty() && specs.isEmpty() && configs.isEmpty() && claims.isEmpty() && services.isEmpty()) {
            problems.add(0, String.join(", ", files) + ": no Kubernetes objects to play");
        }
        return new Plan(specs, List.copyOf(configs.values()), List.copyOf(claims.values()), warnings, problems.inOrder(),
                List.copyOf(services.values()));
    }

    /** A translator's problem about {@code doc}, placed at the line:col of the field it names. */
    private static String located(KubeDocument doc, InvalidInputException e) {
        String prefix = doc.where() + ": ";
        return doc.where().equals(e.where()) && e.getMessage().startsWith(prefix)
                ? doc.locate(e.getMessage().substring(prefix.length())) : e.getMessage();
    }

    /**
     * Checks a document against its kind's schema and Kubernetes' rules before anything acts on it;
     * whether it has problems (all of them added).
     */
    private boolean invalid(KubeDocument doc, Problems problems, int order) {
        List<String> found = validator.problems(doc);
        found.forEach(p -> problems.add(order, p));
        return !found.isEmpty();
    }

    /** A Service, read for the ports it publishes (its nodePorts). */
    private void service(KubeDocument doc, List<Service> services, Consumer<String> problems) {
        try {
            services.add(mapper.treeToValue(doc.node(), Service.class));
        } catch (tools.jackson.core.JacksonException e) {
            problems.accept(doc.where() + ": Service " + doc.name() + ": " + e.getOriginalMessage().split("\n")[0]);
        }
    }

    /** Problems, each with the position of its document among all read, so that they are listed in the files' order. */
    private static final class Problems {
        private final List<Map.Entry<Integer, String>> found = new ArrayList<>();

        void add(int order, String message) {
            found.add(Map.entry(order, message));
        }

        boolean isEmpty() {
            return found.isEmpty();
        }

        List<String> inOrder() {
            return found.stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        }
    }

    private List<KubeDocument> read(String file, InputStream stdin, Problems problems, int order) {
        try {
            return reader.read(file, stdin);
        } catch (InvalidInputException e) {
            problems.add(order, e.getMessage());
            return List.of();
        }
    }

    private static void config(KubeDocument doc, Map<String, ConfigData> configs, List<String> warnings,
            Consumer<String> problems) {
        if (!"v1".equals(doc.apiVersion())) {
            problems.accept(doc.locate("apiVersion: a " + doc.kind() + " is apiVersion v1, not \"" + doc.apiVersion() + "\""));
            return;
        }
        try {
            ConfigData.Result r = ConfigData.of(doc);
            warnings.addAll(r.warnings());
            ConfigData before = configs.putIfAbsent(r.config().kind() + "/" + r.config().name(), r.config());
            if (before != null) {
                problems.accept(doc.locate("metadata.name: " + r.config().kind() + " " + r.config().name()
                        + " is also defined at " + before.where()));
            }
        } catch (InvalidInputException e) {
            problems.accept(located(doc, e));
        }
    }

    private static void claim(KubeDocument doc, Map<String, VolumeClaim> claims, List<String> warnings, Consumer<String> problems) {
        if (!"v1".equals(doc.apiVersion())) {
            problems.accept(doc.where() + ": apiVersion: a " + VolumeClaim.KIND + " is apiVersion v1, not \"" + doc.apiVersion() + "\"");
            return;
        }
        try {
            VolumeClaim.Result r = VolumeClaim.of(doc);
            warnings.addAll(r.warnings());
            VolumeClaim before = claims.putIfAbsent(r.claim().name(), r.claim());
            if (before != null) {
                problems.accept(doc.where() + ": metadata.name: " + VolumeClaim.KIND + " " + r.claim().name()
                        + " is also defined at " + before.where());
            }
        } catch (InvalidInputException e) {
            problems.accept(e.getMessage());
        }
    }

    /** The plan's warnings, emitted; its problems, thrown together (one per line). */
    private Plan checked(Plan plan) {
        plan.warnings().forEach(events::warning);
        if (!plan.valid()) {
            throw new InvalidInputException(null, String.join("\n", plan.problems()));
        }
        return plan;
    }

    /** Reads and validates every document of every file before anything is created; the pods to play. */
    public List<PodSpec> read(List<String> files, InputStream stdin) {
        return checked(plan(files, List.of(), stdin, false)).pods();
    }

    /** {@code kube play --dry-run}: what would be played, warnings emitted; problems thrown. Creates nothing. */
    public Plan dryRun(List<String> files, InputStream stdin, PlayOptions options) {
        options.publish().forEach(PublishOption::parse);
        Plan plan = checked(plan(files, options.configMaps(), stdin, false));
        return new Plan(plan.pods().stream().map(options::applyTo).toList(), plan.configs(), plan.claims(), plan.warnings(),
                plan.problems(), plan.services());
    }

    /**
     * What a play created.
     *
     * @param volumes the named volumes made for the files' PersistentVolumeClaims (existing ones are used as they are)
     * @param pods    each pod's outcome
     */
    public record PlayReport(List<String> volumes, List<PodOutcome> pods) {
        public PlayReport {
            volumes = List.copyOf(volumes);
            pods = List.copyOf(pods);
        }
    }

    /**
     * Plays every pod of the files; each pod succeeds or fails whole, and the outcome is reported per pod.
     * The ConfigMaps, Secrets and PersistentVolumeClaims are stored first; nothing is created when any
     * document has a problem. A claim a pod uses that no file defines is made as an empty volume, as podman does.
     */
    public PlayReport play(List<String> files, InputStream stdin, PlayOptions options) {
        options.publish().forEach(PublishOption::parse);
        Plan plan = checked(plan(files, options.configMaps(), stdin, false));
        Instant now = Instant.now();
        List<KubeObjectStore.KubeObject> kept = new ArrayList<>();
        plan.configs().forEach(c -> kept.add(new KubeObjectStore.KubeObject(c.kind(), c.name(), c.data(), c.where(), now)));
        plan.services().forEach(v -> kept.add(new KubeObjectStore.KubeObject(ServiceObject.KIND, v.name(), v.data(), v.where(), now)));
        objects.save(kept);
        List<String> made = new ArrayList<>();
        for (VolumeClaim c : plan.claims()) {
            if (volumes.ensure(new VolumeRow(c.name(), VolumeService.LOCAL, now, c.labels(), c.options(), c.annotations(), c.where()))) {
                made.add(c.name());
            }
        }
        for (PodSpec spec : plan.pods()) {
            for (Volume v : spec.volumes()) {
                if (v.claim() != null) {
                    volumes.ensure(new VolumeRow(v.claim().claimName(), VolumeService.LOCAL, now, Map.of(), Map.of(), Map.of(), ""));
                }
            }
        }
        List<PodOutcome> out = new ArrayList<>();
        for (PodSpec played : plan.pods()) {
            PodSpec spec = played;
            try {
                spec = options.applyTo(played);
                if (spec.network() != NetworkMode.SLIRP4NETNS && !PortMapping.of(spec).isEmpty()) {
                    events.warning("pod " + spec.name() + ": with --network " + spec.network().label() + " no port is published: "
                            + PortMapping.of(spec).stream().map(PortMapping::toString).collect(java.util.stream.Collectors.joining(", ")));
                }
                out.add(new PodOutcome(spec.name(), pods.create(spec, options.replace(), options.start(), options.registry()), null));
            } catch (JpodException e) {
                out.add(new PodOutcome(spec.name(), null, e));
            }
        }
        return new PlayReport(made, out);
    }

    /** One pod's outcome of {@code kube down}. */
    public record DownOutcome(String name, String id, JpodException error) {
    }

    /**
     * What {@code kube down} removed.
     *
     * @param pods    each pod's outcome
     * @param volumes with {@code force}, each PersistentVolumeClaim's volume's outcome (id: its name)
     */
    public record DownReport(List<DownOutcome> pods, List<DownOutcome> volumes) {
        public DownReport {
            pods = List.copyOf(pods);
            volumes = List.copyOf(volumes);
        }
    }

    /**
     * Stops and removes the pods the files describe, and forgets their ConfigMaps and Secrets; with
     * {@code force}, removes the volumes of their PersistentVolumeClaims too (kept otherwise, with their
     * data). No warnings: nothing is played.
     */
    public DownReport down(List<String> files, InputStream stdin, boolean force) {
        Plan plan = plan(files, List.of(), stdin, true);
        if (!plan.valid()) {
            throw new InvalidInputException(null, String.join("\n", plan.problems()));
        }
        List<DownOutcome> out = new ArrayList<>();
        for (PodSpec spec : plan.pods()) {
            try {
                out.add(new DownOutcome(spec.name(), pods.removePod(spec.name(), true).id(), null));
            } catch (JpodException e) {
                out.add(new DownOutcome(spec.name(), null, e));
            }
        }
        plan.configs().forEach(c -> objects.remove(c.kind(), c.name()));
        plan.services().forEach(v -> objects.remove(ServiceObject.KIND, v.name()));
        List<DownOutcome> removed = new ArrayList<>();
        if (force) {
            for (VolumeClaim c : plan.claims()) {
                if (!volumes.exists(c.name())) {
                    continue;
                }
                try {
                    removed.add(new DownOutcome(c.name(), volumes.remove(c.name(), false), null));
                } catch (JpodException e) {
                    removed.add(new DownOutcome(c.name(), null, e));
                }
            }
        }
        return new DownReport(out, removed);
    }

    /**
     * Options of {@code kube generate}.
     *
     * @param type     pod, deployment, daemonset or job
     * @param service  whether a Service is written for each pod
     * @param replicas a Deployment's replicas; null when not given
     * @param serviceType the Services' type: clusterip (null) or nodeport
     */
    public record GenerateOptions(String type, boolean service, Integer replicas, String serviceType) {
        public GenerateOptions(String type, boolean service, Integer replicas) {
            this(type, service, replicas, null);
        }
    }

    /**
     * Kubernetes YAML for the pods named (a container's name or id stands for its pod), as they
     * were played, and the named volumes named (as PersistentVolumeClaims): a header naming
     * {@code generatedBy} and {@code now}, then the claims, the Services and the workloads. Nothing is changed.
     */
    public String generate(List<String> namesOrIds, GenerateOptions options, String generatedBy, Instant now) {
        PodGenerator.Options opts = PodGenerator.Options.of(options.type(), options.service(), options.replicas(),
                options.serviceType());
        Map<String, PodSpec> specs = new LinkedHashMap<>();
        Map<String, VolumeClaim> claims = new LinkedHashMap<>();
        for (String nameOrId : namesOrIds) {
            VolumeRow volume = volumeOnly(nameOrId);
            if (volume != null) {
                claims.putIfAbsent(volume.name(), new VolumeClaim(volume.name(), volume.labels(), volume.annotations(),
                        volume.options(), volume.source()));
                continue;
            }
            PodEngine.PodInfo pod = podNamed(nameOrId);
            specs.computeIfAbsent(pod.pod().id(), id -> asPlayed(pod));
        }
        PodGenerator.Result r = generator.generate(List.copyOf(specs.values()), List.copyOf(claims.values()), opts);
        r.warnings().forEach(events::warning);
        return generator.yaml(r.objects(), List.of("Generated by " + generatedBy + " on " + now.truncatedTo(ChronoUnit.SECONDS),
                "Play it with jpod kube play (or podman kube play), or create it in a cluster with kubectl create -f."));
    }

    /** The volume {@code name} names when no pod or container has that name or id, else null. */
    private VolumeRow volumeOnly(String name) {
        if (volumes == null || !volumes.exists(name)) {
            return null;
        }
        try {
            pods.pod(name);
            return null;
        } catch (NotFoundException notPod) {
            try {
                pods.container(name);
                return null;
            } catch (NotFoundException notContainer) {
                return volumes.inspect(name).row();
            }
        }
    }

    /** The pod {@code nameOrId} names, or the pod of the container it names (with a warning: the whole pod is generated). */
    private PodEngine.PodInfo podNamed(String nameOrId) {
        try {
            return pods.pod(nameOrId);
        } catch (NotFoundException notPod) {
            PodEngine.ContainerInfo c;
            try {
                c = pods.container(nameOrId);
            } catch (NotFoundException notContainer) {
                throw new NotFoundException("pod, container or volume", nameOrId,
                        "no pod, container or volume with name or ID \"" + nameOrId + "\" found");
            }
            PodRow pod = pods.podOfContainer(c.row());
            events.warning("container " + c.row().name() + " is in pod " + pod.name()
                    + ": jpod runs every container in a pod, so the whole pod is generated");
            return pods.pod(pod.id());
        }
    }

    /** The pod's spec as played, without the containers removed since. */
    private PodSpec asPlayed(PodEngine.PodInfo info) {
        Set<String> present = new HashSet<>();
        info.containers().stream().filter(c -> !c.row().infra()).map(c -> c.row().config().kubeName())
                .filter(Objects::nonNull).forEach(present::add);
        return withContainers(info.pod().spec(), present, events);
    }

    /** {@code spec} with only the containers named in {@code present} (YAML names); a pod needs at least one left. */
    static PodSpec withContainers(PodSpec spec, Set<String> present, Events events) {
        List<ContainerSpec> kept = new ArrayList<>();
        for (ContainerSpec c : spec.containers()) {
            if (present.contains(c.name())) {
                kept.add(c);
            } else {
                events.warning("pod " + spec.name() + ": container " + spec.containerName(c) + " was removed: it is left out");
            }
        }
        if (kept.isEmpty()) {
            throw new InvalidInputException("pod " + spec.name(), "no containers left: Kubernetes needs at least one");
        }
        if (kept.size() == spec.containers().size()) {
            return spec;
        }
        return spec.withContainers(kept);
    }
}
