package io.jpod.engine;

import io.jpod.error.InvalidInputException;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.events.Events;
import io.jpod.image.ImageReference;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.kube.ConfigData;
import io.jpod.kube.DownTargets;
import io.jpod.kube.KubeFile;
import io.jpod.kube.KubeMapper;
import io.jpod.kube.KubePlanner;
import io.jpod.kube.Plan;
import io.jpod.kube.KubeReader;
import io.jpod.kube.NodeFacts;
import io.jpod.kube.PodGenerator;
import io.jpod.kube.ServiceObject;
import io.jpod.kube.VolumeClaim;
import io.jpod.network.PodNetwork;
import io.jpod.network.PortMapping;
import io.jpod.network.PublishOption;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Volume;
import io.jpod.pod.Workload;
import io.jpod.state.KubeObjectStore;
import io.jpod.state.PodRow;
import io.jpod.state.VolumeRow;
import io.jpod.workload.ReplicaSpecs;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code kube play}, {@code kube down}, {@code kube validate} and {@code kube generate}: reads the
 * files, asks {@link KubePlanner} what they play, then stores the kept objects and volumes and
 * creates the pods through {@link PodService}; and back ({@code generate}).
 */
public final class KubeService {
    private final PodService pods;
    private final VolumeService volumes;
    private final KubeObjectStore objects;
    private final Events events;
    private final NodeFacts node;
    private final KubeReader reader;
    private final KubePlanner planner;
    private final PodGenerator generator;
    private final Workloads workloads;
    private final UpdateHolds holds;

    /** {@code node}: what the planner needs of the host, discovered once by the engine ({@link NodeProbe}). */
    KubeService(PodService pods, VolumeService volumes, KubeObjectStore objects, Events events, NodeFacts node) {
        this(pods, volumes, objects, events, node, null, null);
    }

    /** {@code holds}: the pods' auto-update locks, held while a play replaces a pod or a down removes it (null: none). */
    KubeService(PodService pods, VolumeService volumes, KubeObjectStore objects, Events events, NodeFacts node, Workloads workloads,
            UpdateHolds holds) {
        this.workloads = workloads;
        this.holds = holds;
        YAMLMapper mapper = KubeMapper.yaml();
        this.pods = pods;
        this.volumes = volumes;
        this.objects = objects;
        this.events = events;
        this.node = node;
        this.reader = new KubeReader(mapper);
        this.planner = new KubePlanner(mapper, ImageReference::problem);
        this.generator = new PodGenerator(mapper);
    }

    /**
     * Options of {@code kube play}.
     *
     * @param configMaps files of ConfigMaps ({@code --configmap}) the pods may take their environment from
     * @param registry   how to reach registries for images to pull
     * @param network    the {@code --network} asked for (the default network when null)
     * @param publish    the {@code --publish} ports, parsed
     */
    public record PlayOptions(boolean replace, boolean start, List<String> configMaps, RegistryOptions registry,
            NetworkMode.Choice network, List<PublishOption> publish) {
        public PlayOptions {
            configMaps = configMaps == null ? List.of() : List.copyOf(configMaps);
            registry = registry == null ? new RegistryOptions(true, null, null) : registry;
            network = network == null ? new NetworkMode.Choice(NetworkMode.BRIDGE, null) : network;
            publish = publish == null ? List.of() : List.copyOf(publish);
        }

        public PlayOptions(boolean replace, boolean start, List<String> configMaps, RegistryOptions registry) {
            this(replace, start, configMaps, registry, null, null);
        }

        public PlayOptions(boolean replace, boolean start, List<String> configMaps) {
            this(replace, start, configMaps, null);
        }

        /**
         * {@code pod} with the network and the published ports of these options; status.podIP (a fieldRef)
         * follows the network the pod has now, and status.hostIP is {@code hostIp}, the node's address (the pod's
         * own on the host's network, as Kubernetes gives it).
         */
        PodSpec applyTo(PodSpec pod, String hostIp) {
            PodSpec p = pod.toBuilder().network(network.mode()).networkName(network.networkName()).build();
            // on the shared network: the address it is given when it is created
            p = p.withPodIp(p.network() == NetworkMode.HOST ? hostIp : p.network().podIp()).withHostIp(hostIp);
            for (PublishOption port : publish) {
                p = port.applyTo(p);
            }
            return p;
        }

        public PlayOptions(boolean replace, boolean start) {
            this(replace, start, List.of(), null);
        }
    }

    /** One pod's outcome: created, or the error that stopped it. */
    public record PodOutcome(String name, PodService.CreatedPod created, JpodException error) {
    }

    /**
     * Reads every document of every file and plans them ({@link KubePlanner#plan}), creating nothing.
     * A file that cannot be read or parsed is a problem of the plan.
     *
     * @param configMapFiles files holding only ConfigMaps ({@code --configmap}), read first
     * @param lenient        when true, references to missing ConfigMaps and Secrets are not problems
     *                       (for {@code kube down}, which needs only the pods' names)
     */
    public Plan plan(List<String> files, List<String> configMapFiles, io.jpod.kube.Inputs inputs, boolean lenient) {
        List<KubeFile> read = new ArrayList<>();
        configMapFiles.forEach(f -> read.add(read(f, true, inputs)));
        files.forEach(f -> read.add(read(f, false, inputs)));
        List<ConfigData> stored = objects == null ? List.of() : objects.list(ConfigData.SECRET).stream()
                .map(o -> new ConfigData(o.kind(), o.name(), o.data(), o.source())).toList();
        return planner.plan(read, node, lenient, stored);
    }

    private KubeFile read(String file, boolean configMapsOnly, io.jpod.kube.Inputs inputs) {
        try {
            return KubeFile.of(file, configMapsOnly, reader.read(file, inputs));
        } catch (InvalidInputException e) {
            return KubeFile.unreadable(file, configMapsOnly, e.getMessage());
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
    public List<PodSpec> read(List<String> files, io.jpod.kube.Inputs inputs) {
        return checked(plan(files, List.of(), inputs, false)).pods();
    }

    /** {@code kube play --dry-run}: what would be played, warnings emitted; problems thrown. Creates nothing. */
    public Plan dryRun(List<String> files, io.jpod.kube.Inputs inputs, PlayOptions options) {
        Plan plan = checked(plan(files, options.configMaps(), inputs, false));
        return plan.withPods(plan.pods().stream().map(p -> options.applyTo(p, node.hostIp())).toList(),
                plan.workloads().stream().map(w -> w.withTemplate(options.applyTo(w.template(), node.hostIp()))).toList());
    }

    /** One workload's outcome: what its first step did, or the error that stopped it. */
    public record WorkloadOutcome(String kind, String name, Workloads.Applied applied, JpodException error) {
    }

    /**
     * What a play created.
     *
     * @param volumes   the named volumes made for the files' PersistentVolumeClaims (existing ones are used as they are)
     * @param pods      each pod's outcome
     * @param workloads each Deployment's, DaemonSet's and Job's outcome, with the pods its first step made
     */
    public record PlayReport(List<String> volumes, List<PodOutcome> pods, List<WorkloadOutcome> workloads) {
        public PlayReport {
            volumes = List.copyOf(volumes);
            pods = List.copyOf(pods);
            workloads = workloads == null ? List.of() : List.copyOf(workloads);
        }

        public PlayReport(List<String> volumes, List<PodOutcome> pods) {
            this(volumes, pods, List.of());
        }

        /** The ids of every pod the play made, its own and its workloads'. */
        public List<String> podIds() {
            List<String> ids = new ArrayList<>();
            pods.stream().filter(o -> o.created() != null).forEach(o -> ids.add(o.created().id()));
            workloads.stream().filter(o -> o.applied() != null).forEach(o -> o.applied().pods().forEach(p -> ids.add(p.id())));
            return ids;
        }
    }

    /** Holds pod {@code name}'s auto-update lock (see {@link UpdateHolds}). */
    private UpdateHolds.Hold holdPod(String name) {
        return holds == null ? UpdateHolds.NONE : holds.pod(name);
    }

    private UpdateHolds.Hold holdWorkload(Workload.Kind kind, String name) {
        return holds == null ? UpdateHolds.NONE : holds.workload(kind.kubeName(), name);
    }

    /** Has the shared network serve the Services as stored now; a failure is a warning (no pod is at fault). */
    private void servicesChanged() {
        if (pods == null) { // a service of the kube files alone (validation, dry runs in tests): no network to tell
            return;
        }
        try {
            pods.servicesChanged();
        } catch (JpodException e) {
            events.warning("the shared network does not serve the Services as played: " + e.getMessage());
        }
    }

    /**
     * Plays every pod of the files; each pod succeeds or fails whole, and the outcome is reported per pod.
     * The ConfigMaps, Secrets and PersistentVolumeClaims are stored first; nothing is created when any
     * document has a problem. A claim a pod uses that no file defines is made as an empty volume, as podman does.
     */
    public PlayReport play(List<String> files, io.jpod.kube.Inputs inputs, PlayOptions options) {
        long t0 = System.nanoTime();
        Plan plan = checked(plan(files, options.configMaps(), inputs, false));
        long t1 = System.nanoTime();
        if (pods != null && options.network().networkName() != null) {
            pods.requireNetwork(options.network().networkName()); // before anything is stored
        }
        Instant now = Instant.now();
        List<KubeObjectStore.KubeObject> kept = new ArrayList<>();
        plan.configs().forEach(c -> kept.add(new KubeObjectStore.KubeObject(c.kind(), c.name(), c.data(), c.where(), now)));
        plan.services().forEach(v -> kept.add(new KubeObjectStore.KubeObject(ServiceObject.KIND, v.name(), v.data(), v.where(), now)));
        objects.save(kept);
        if (!plan.services().isEmpty()) {
            servicesChanged();
        }
        List<String> made = new ArrayList<>();
        for (VolumeClaim c : plan.claims()) {
            if (volumes.ensure(new VolumeRow(c.name(), VolumeService.LOCAL, now, c.labels(), c.options(), c.annotations(), c.where(), c.spec()))) {
                made.add(c.name());
            }
        }
        for (PodSpec spec : java.util.stream.Stream.concat(plan.pods().stream(), plan.templates().stream()).toList()) {
            for (Volume v : spec.volumes()) {
                if (v.claim() != null) {
                    volumes.ensure(new VolumeRow(v.claim().claimName(), VolumeService.LOCAL, now, Map.of(), Map.of(), Map.of(), ""));
                }
            }
        }
        long t2 = System.nanoTime();
        // The pods of the files are created and started together, each reporting its own outcome; their networks are made meanwhile.
        List<PodOutcome> out;
        try (PodNetwork.Hold ahead = networksAhead(plan.pods(), options)) {
            out = play(plan.pods(), options);
        }
        List<WorkloadOutcome> played = Parallel.map(plan.workloads(), w -> {
            try (UpdateHolds.Hold held = options.replace() ? holdWorkload(w.kind(), w.name()) : UpdateHolds.NONE) {
                return new WorkloadOutcome(w.kind().kubeName(), w.name(),
                        workloads.apply(w.withTemplate(options.applyTo(w.template(), node.hostIp())), options.replace(), options.start(), options.registry()),
                        null);
            } catch (JpodException e) {
                return new WorkloadOutcome(w.kind().kubeName(), w.name(), null, e);
            }
        });
        events.debug("kube play: planned " + (t1 - t0) / 1_000_000 + " ms, objects stored " + (t2 - t1) / 1_000_000 + " ms, "
                + plan.pods().size() + " pod(s) and " + plan.workloads().size() + " workload(s) played " + (System.nanoTime() - t2) / 1_000_000 + " ms");
        return new PlayReport(made, out, played);
    }

    /** Creates (and starts, as {@code options} say) the pods {@code specs} together, each reporting its own outcome. */
    private List<PodOutcome> play(List<PodSpec> specs, PlayOptions options) {
        return Parallel.map(specs, played -> {
            PodSpec spec = played;
            try {
                spec = options.applyTo(played, node.hostIp());
                if (!PodNetwork.publishes(spec.network()) && !PortMapping.of(spec).isEmpty()) {
                    events.warning("pod " + spec.name() + ": with --network " + spec.network().label() + " no port is published: "
                            + PortMapping.of(spec).stream().map(PortMapping::toString).collect(java.util.stream.Collectors.joining(", ")));
                }
                try (UpdateHolds.Hold held = options.replace() ? holdPod(spec.name()) : UpdateHolds.NONE) {
                    return new PodOutcome(spec.name(), pods.create(spec, options.replace(), options.start(), options.registry()), null);
                }
            } catch (JpodException e) {
                return new PodOutcome(spec.name(), null, e);
            }
        });
    }

    /**
     * The user's networks the pods {@code specs} join when started, made while they are created ({@link PodNetwork#ahead});
     * closing the hold waits for them, and ends one no pod joined.
     */
    private PodNetwork.Hold networksAhead(List<PodSpec> specs, PlayOptions options) {
        if (pods == null || !options.start()) {
            return PodNetwork.Hold.NONE;
        }
        Map<String, PodSpec> byNetwork = new LinkedHashMap<>();
        for (PodSpec spec : specs) {
            try {
                PodSpec applied = options.applyTo(spec, node.hostIp());
                if (applied.network() == NetworkMode.BRIDGE) {
                    byNetwork.putIfAbsent(String.valueOf(applied.networkName()), applied);
                }
            } catch (JpodException e) {
                // that pod's own play reports it
            }
        }
        List<PodNetwork.Hold> holds = byNetwork.values().stream().map(pods::networkAhead).toList();
        return () -> holds.forEach(PodNetwork.Hold::close);
    }

    /**
     * {@code kube play --wait}: the pods {@code report} created, to follow until they end
     * ({@link PlayWatch#follow}); the pods that failed to play are not waited for.
     */
    public PlayWatch watch(PlayReport report) {
        return new PlayWatch(pods, report.pods().stream().filter(o -> o.created() != null).map(o -> o.created().id()).toList(),
                report.workloads().stream().filter(o -> o.applied() != null).map(o -> o.applied().workload()).toList(), workloads,
                java.time.Clock.systemUTC());
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
     * Stops and removes the pods the files describe (and the pods of their workloads), and forgets their
     * ConfigMaps, Secrets and Services; with {@code force}, removes the volumes of their PersistentVolumeClaims
     * too (kept otherwise, with their data). The files are read for their objects' kinds and names only
     * ({@link DownTargets}): nothing is validated or translated. No warnings: nothing is played.
     */
    public DownReport down(List<String> files, io.jpod.kube.Inputs inputs, boolean force) {
        DownTargets targets = DownTargets.of(files.stream().map(f -> read(f, false, inputs)).toList());
        if (!targets.problems().isEmpty()) {
            throw new InvalidInputException(null, String.join("\n", targets.problems()));
        }
        List<DownOutcome> all = new ArrayList<>(Parallel.map(targets.pods(), name -> { // the pods stop together, their grace periods overlapping
            try (UpdateHolds.Hold held = holdPod(name)) {
                return new DownOutcome(name, pods.removePod(name, true).id(), null);
            } catch (JpodException e) {
                return new DownOutcome(name, null, e);
            }
        }));
        for (DownTargets.WorkloadName w : targets.workloads()) {
            java.util.Optional<List<Workloads.Removed>> removed;
            try (UpdateHolds.Hold held = holdWorkload(w.kind(), w.name())) {
                removed = workloads.remove(w.kind(), w.name());
            } catch (JpodException e) {
                all.add(new DownOutcome(w.name(), null, e));
                continue;
            }
            if (removed.isEmpty()) {
                all.add(new DownOutcome(w.name(), null, new NotFoundException(w.kind().kubeName().toLowerCase(java.util.Locale.ROOT), w.name(),
                        "no " + w.kind().kubeName() + " named \"" + w.name() + "\" is played")));
            } else {
                removed.get().forEach(r -> all.add(new DownOutcome(r.pod(), r.id(), r.error())));
            }
        }
        targets.configs().forEach(c -> objects.remove(c.kind(), c.name()));
        targets.services().forEach(name -> objects.remove(ServiceObject.KIND, name));
        if (!targets.services().isEmpty()) {
            servicesChanged();
        }
        List<DownOutcome> removed = new ArrayList<>();
        if (force) {
            for (String claim : targets.claims()) {
                if (!volumes.exists(claim)) {
                    continue;
                }
                try {
                    removed.add(new DownOutcome(claim, volumes.remove(claim, false), null));
                } catch (JpodException e) {
                    removed.add(new DownOutcome(claim, null, e));
                }
            }
        }
        return new DownReport(all, removed);
    }

    /**
     * Options of {@code kube generate}.
     *
     * @param type     pod, deployment, daemonset or job; null: pod, and a workload's pod as its workload
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
     * were played, the named volumes named (as PersistentVolumeClaims), and the workloads named
     * ({@code deployment/web}, or a bare name no pod, container or volume has) or owning a pod named,
     * each once and as played: a header naming {@code generatedBy} and {@code now}, then the claims,
     * the Services, the workloads and the pods. Nothing is changed.
     */
    public String generate(List<String> namesOrIds, GenerateOptions options, String generatedBy, Instant now) {
        boolean typeGiven = options.type() != null;
        PodGenerator.Options opts = PodGenerator.Options.of(typeGiven ? options.type() : "pod", options.service(), options.replicas(),
                options.serviceType());
        Map<String, PodSpec> specs = new LinkedHashMap<>();
        Map<String, Workload> played = new LinkedHashMap<>();
        Map<String, VolumeClaim> claims = new LinkedHashMap<>();
        for (String nameOrId : namesOrIds) {
            if (nameOrId.contains("/")) {
                Workload w = workloadNamed(nameOrId);
                played.putIfAbsent(owner(w), w);
                continue;
            }
            VolumeRow volume = volumeOnly(nameOrId);
            if (volume != null) {
                claims.putIfAbsent(volume.name(), new VolumeClaim(volume.name(), volume.labels(), volume.annotations(),
                        volume.options(), volume.claim(), volume.source()));
                continue;
            }
            PodService.PodInfo pod;
            try {
                pod = podNamed(nameOrId);
            } catch (NotFoundException notPod) {
                Workload w = workloadOnly(nameOrId).orElseThrow(() -> notPod);
                played.putIfAbsent(owner(w), w);
                continue;
            }
            Optional<Workload> owner = workload(ReplicaSpecs.owner(pod.pod().spec()));
            if (owner.isPresent() && !typeGiven) {
                played.putIfAbsent(owner(owner.get()), owner.get());
            } else {
                // with --type, a workload's pod is written as that type on its own, no longer owned by the workload
                specs.computeIfAbsent(pod.pod().id(), id -> ownerless(asPlayed(pod)));
            }
        }
        PodGenerator.Result r = generator.generate(List.copyOf(specs.values()), List.copyOf(played.values()),
                List.copyOf(claims.values()), opts);
        r.warnings().forEach(events::warning);
        return generator.yaml(r.objects(), List.of("Generated by " + generatedBy + " on " + now.truncatedTo(ChronoUnit.SECONDS),
                "Play it with jpod kube play (or podman kube play), or create it in a cluster with kubectl create -f."));
    }

    /** {@code spec} without the annotation that makes it a workload's pod. */
    private static PodSpec ownerless(PodSpec spec) {
        if (ReplicaSpecs.owner(spec) == null) {
            return spec;
        }
        Map<String, String> annotations = new LinkedHashMap<>(spec.annotations());
        annotations.remove(ReplicaSpecs.OWNER);
        return spec.toBuilder().annotations(annotations).build();
    }

    /** {@code Kind/name}, as a workload's pods' owner annotation names it. */
    private static String owner(Workload w) {
        return w.kind().kubeName() + "/" + w.name();
    }

    /** The workload {@code owner} ({@code Kind/name}) names, if played; none without an owner or without workloads. */
    private Optional<Workload> workload(String owner) {
        return owner == null || workloads == null ? Optional.empty() : workloads.find(owner);
    }

    /** The played workload {@code ref} names as kubectl does: {@code deployment/web}, {@code job.batch/migrate}. */
    private Workload workloadNamed(String ref) {
        int slash = ref.indexOf('/');
        Workload.Kind kind = Workloads.kindOf(ref.substring(0, slash));
        String name = ref.substring(slash + 1);
        return workload(kind.kubeName() + "/" + name).orElseThrow(() -> new NotFoundException(
                kind.kubeName().toLowerCase(Locale.ROOT), name, "no " + kind.kubeName() + " named \"" + name + "\" is played"));
    }

    /** The played workload named {@code name}, of whichever kind; an error when workloads of several kinds have that name. */
    private Optional<Workload> workloadOnly(String name) {
        List<Workload> found = Stream.of(Workload.Kind.values()).map(k -> workload(k.kubeName() + "/" + name))
                .flatMap(Optional::stream).toList();
        if (found.size() > 1) {
            throw new InvalidInputException(name, "workloads of " + found.size() + " kinds are named \"" + name + "\": name one as "
                    + found.stream().map(w -> w.kind().kubeName().toLowerCase(Locale.ROOT) + "/" + name).collect(Collectors.joining(" or ")));
        }
        return found.stream().findFirst();
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
    private PodService.PodInfo podNamed(String nameOrId) {
        try {
            return pods.pod(nameOrId);
        } catch (NotFoundException notPod) {
            PodService.ContainerInfo c;
            try {
                c = pods.container(nameOrId);
            } catch (NotFoundException notContainer) {
                throw new NotFoundException("pod, container, volume or workload", nameOrId,
                        "no pod, container, volume or workload with name or ID \"" + nameOrId + "\" found");
            }
            PodRow pod = pods.podOfContainer(c.row());
            String owner = io.jpod.workload.ReplicaSpecs.owner(pod.spec());
            events.warning("container " + c.row().name() + " is in pod " + pod.name()
                    + (owner == null ? ": jpod runs every container in a pod, so the whole pod is generated"
                            : " of " + owner.replace('/', ' ') + ": the whole workload is generated"));
            return pods.pod(pod.id());
        }
    }

    /** The pod's spec as played, without the containers removed since. */
    private PodSpec asPlayed(PodService.PodInfo info) {
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
        return spec.toBuilder().containers(kept).build();
    }
}
