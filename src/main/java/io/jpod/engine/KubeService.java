package io.jpod.engine;

import io.jpod.error.InvalidInputException;
import io.jpod.error.JpodException;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.kube.KubeDocument;
import io.jpod.kube.KubeMapper;
import io.jpod.kube.KubeReader;
import io.jpod.kube.PodTranslator;
import io.jpod.pod.PodSpec;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code kube play} and {@code kube down}: Kubernetes YAML in, pods out. The only user of the YAML model. */
public final class KubeService {
    /** Kinds Kubernetes has that jpod does not play yet (a later issue adds them). */
    private static final Set<String> NOT_YET = Set.of("Deployment", "DaemonSet", "Job", "ConfigMap", "Secret",
            "PersistentVolumeClaim", "Service", "List", "StatefulSet", "ReplicaSet", "CronJob", "Namespace");

    private final PodEngine pods;
    private final Events events;
    private final KubeReader reader;
    private final PodTranslator translator;

    KubeService(PodEngine pods, Events events) {
        YAMLMapper mapper = KubeMapper.yaml();
        this.pods = pods;
        this.events = events;
        this.reader = new KubeReader(mapper);
        this.translator = new PodTranslator(mapper);
    }

    /** Options of {@code kube play}; {@code registry} says how to reach registries for images to pull. */
    public record PlayOptions(boolean replace, boolean start, RegistryOptions registry) {
        public PlayOptions(boolean replace, boolean start) {
            this(replace, start, new RegistryOptions(true, null, null));
        }
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
                out.add(new PodOutcome(spec.name(), pods.create(spec, options.replace(), options.start(), options.registry()), null));
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
}
