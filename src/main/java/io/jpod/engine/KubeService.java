package io.jpod.engine;

import io.jpod.error.InvalidInputException;
import io.jpod.error.JpodException;
import io.jpod.kube.KubeDocument;
import io.jpod.kube.KubeMapper;
import io.jpod.kube.KubeReader;
import io.jpod.kube.PodGenerator;
import io.jpod.kube.PodTranslator;
import io.jpod.error.NotFoundException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
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
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code kube play}, {@code kube down} and {@code kube generate}: Kubernetes YAML in, pods out, and back. The only user of the YAML model. */
public final class KubeService {
    /** Kinds Kubernetes has that jpod does not play yet (a later issue adds them). */
    private static final Set<String> NOT_YET = Set.of("Deployment", "DaemonSet", "Job", "ConfigMap", "Secret",
            "PersistentVolumeClaim", "Service", "List", "StatefulSet", "ReplicaSet", "CronJob", "Namespace");

    private final PodEngine pods;
    private final Events events;
    private final KubeReader reader;
    private final PodTranslator translator;
    private final PodGenerator generator;

    KubeService(PodEngine pods, Events events) {
        YAMLMapper mapper = KubeMapper.yaml();
        this.pods = pods;
        this.events = events;
        this.reader = new KubeReader(mapper);
        this.translator = new PodTranslator(mapper);
        this.generator = new PodGenerator(mapper);
    }

    /** Options of {@code kube play}. */
    public record PlayOptions(boolean replace, boolean start) {
    }

    /** One pod's outcome: created, or the error that stopped it. */
    public record PodOutcome(String name, PodEngine.CreatedPod created, JpodException error) {
    }

    /** Reads and validates every document of every file before anything is created. */
    public List<PodSpec> read(List<String> files, InputStream stdin) {
        List<PodSpec> specs = new ArrayList<>();
        for (String file : files) {
            for (KubeDocument doc : reader.read(file, stdin)) {
                String kind = doc.kind();
                if (kind == null) {
                    throw new InvalidInputException(doc.where(), "kind: a Kubernetes document needs a kind");
                }
                if (!kind.equals("Pod")) {
                    if (NOT_YET.contains(kind)) {
                        throw new InvalidInputException(doc.where(), "kind " + kind + " is not supported yet: jpod plays Pods");
                    }
                    throw new InvalidInputException(doc.where(), "unknown kind \"" + kind + "\"");
                }
                if (!"v1".equals(doc.apiVersion())) {
                    throw new InvalidInputException(doc.where(), "apiVersion: a Pod is apiVersion v1, not \"" + doc.apiVersion() + "\"");
                }
                PodTranslator.Result r = translator.translate(doc);
                r.warnings().forEach(events::warning);
                specs.add(r.pod());
            }
        }
        if (specs.isEmpty()) {
            throw new InvalidInputException(String.join(", ", files), "no Kubernetes objects found");
        }
        return specs;
    }

    /** Plays every pod of the files; each pod succeeds or fails whole, and the outcome is reported per pod. */
    public List<PodOutcome> play(List<String> files, InputStream stdin, PlayOptions options) {
        List<PodOutcome> out = new ArrayList<>();
        for (PodSpec spec : read(files, stdin)) {
            try {
                out.add(new PodOutcome(spec.name(), pods.create(spec, options.replace(), options.start()), null));
            } catch (JpodException e) {
                out.add(new PodOutcome(spec.name(), null, e));
            }
        }
        return out;
    }

    /** One pod's outcome of {@code kube down}. */
    public record DownOutcome(String name, String id, JpodException error) {
    }

    /** Stops and removes the pods the files describe. */
    public List<DownOutcome> down(List<String> files, InputStream stdin) {
        List<DownOutcome> out = new ArrayList<>();
        for (PodSpec spec : read(files, stdin)) {
            try {
                out.add(new DownOutcome(spec.name(), pods.removePod(spec.name(), true).id(), null));
            } catch (JpodException e) {
                out.add(new DownOutcome(spec.name(), null, e));
            }
        }
        return out;
    }

    /**
     * Options of {@code kube generate}.
     *
     * @param type     pod, deployment, daemonset or job
     * @param service  whether a Service is written for each pod
     * @param replicas a Deployment's replicas; null when not given
     */
    public record GenerateOptions(String type, boolean service, Integer replicas) {
    }

    /**
     * Kubernetes YAML for the pods named (a container's name or id stands for its pod), as they
     * were played: a header naming {@code generatedBy} and {@code now}, then the Services and the
     * workloads. Nothing is changed.
     */
    public String generate(List<String> namesOrIds, GenerateOptions options, String generatedBy, Instant now) {
        PodGenerator.Options opts = PodGenerator.Options.of(options.type(), options.service(), options.replicas());
        Map<String, PodSpec> specs = new LinkedHashMap<>();
        for (String nameOrId : namesOrIds) {
            PodEngine.PodInfo pod = podNamed(nameOrId);
            specs.computeIfAbsent(pod.pod().id(), id -> asPlayed(pod));
        }
        PodGenerator.Result r = generator.generate(List.copyOf(specs.values()), opts);
        r.warnings().forEach(events::warning);
        return generator.yaml(r.objects(), List.of("Generated by " + generatedBy + " on " + now.truncatedTo(ChronoUnit.SECONDS),
                "Play it with jpod kube play (or podman kube play), or create it in a cluster with kubectl create -f."));
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
                throw new NotFoundException("pod or container", nameOrId,
                        "no pod or container with name or ID \"" + nameOrId + "\" found");
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
        return new PodSpec(spec.name(), spec.labels(), spec.annotations(), spec.hostname(), spec.restartPolicy(),
                spec.shareProcessNamespace(), kept, spec.stopTimeoutSeconds());
    }
}
