package io.jpod.engine;

import io.jpod.error.InvalidInputException;
import io.jpod.error.JpodException;
import io.jpod.kube.ConfigData;
import io.jpod.kube.EnvSources;
import io.jpod.kube.KubeDocument;
import io.jpod.kube.KubeMapper;
import io.jpod.kube.KubeReader;
import io.jpod.kube.PodTranslator;
import io.jpod.kube.WorkloadTranslator;
import io.jpod.pod.PodSpec;
import io.jpod.state.KubeObjectStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code kube play}, {@code kube down} and {@code kube validate}: Kubernetes YAML in, pods out. The only user of the YAML model. */
public final class KubeService {
    /** Kinds Kubernetes has that jpod does not play yet: reported, and left out. */
    private static final Set<String> NOT_YET = Set.of("PersistentVolumeClaim", "Service", "StatefulSet", "ReplicaSet",
            "CronJob", "Namespace", "Ingress", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
            "NetworkPolicy", "HorizontalPodAutoscaler", "PodDisruptionBudget", "PersistentVolume", "StorageClass");

    private final PodEngine pods;
    private final KubeObjectStore objects;
    private final Events events;
    private final KubeReader reader;
    private final PodTranslator translator;
    private final WorkloadTranslator workloads;

    KubeService(PodEngine pods, KubeObjectStore objects, Events events) {
        YAMLMapper mapper = KubeMapper.yaml();
        this.pods = pods;
        this.objects = objects;
        this.events = events;
        this.reader = new KubeReader(mapper);
        this.translator = new PodTranslator(mapper);
        this.workloads = new WorkloadTranslator(translator);
    }

    /**
     * Options of {@code kube play}.
     *
     * @param configMaps files of ConfigMaps ({@code --configmap}) the pods may take their environment from
     */
    public record PlayOptions(boolean replace, boolean start, List<String> configMaps) {
        public PlayOptions {
            configMaps = configMaps == null ? List.of() : List.copyOf(configMaps);
        }

        public PlayOptions(boolean replace, boolean start) {
            this(replace, start, List.of());
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
     * @param warnings what is ignored or approximated, one message each
     * @param problems what is wrong, one "file:line:col: path: message" each; nothing plays unless empty
     */
    public record Plan(List<PodSpec> pods, List<ConfigData> configs, List<String> warnings, List<String> problems) {
        public Plan {
            pods = List.copyOf(pods);
            configs = List.copyOf(configs);
            warnings = List.copyOf(warnings);
            problems = List.copyOf(problems);
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
        Map<String, ConfigData> configs = new LinkedHashMap<>();
        for (String file : configMapFiles) {
            for (KubeDocument doc : read(file, stdin, problems, docs.size())) {
                docs.add(doc);
                if (!ConfigData.CONFIG_MAP.equals(doc.kind())) {
                    problems.add(docs.size(), doc.where() + ": kind: --configmap " + file + " must hold ConfigMaps only, not " + doc.kind());
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
                    problems.add(docs.size(), doc.where() + ": kind: a Kubernetes document needs a kind");
                } else if (kind.equals(ConfigData.CONFIG_MAP) || kind.equals(ConfigData.SECRET)) {
                    int order = docs.size();
                    config(doc, configs, warnings, m -> problems.add(order, m));
                } else if (kind.equals("Pod") || WorkloadTranslator.KINDS.containsKey(kind)) {
                    String api = kind.equals("Pod") ? "v1" : WorkloadTranslator.KINDS.get(kind);
                    if (api.equals(doc.apiVersion())) {
                        workloadDocs.add(doc);
                    } else {
                        problems.add(docs.size(), doc.where() + ": apiVersion: a " + kind + " is apiVersion " + api + ", not \""
                                + doc.apiVersion() + "\"");
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
                    problems.add(order, doc.where() + ": metadata.name: pod " + r.pod().name() + " is also made by " + before);
                    continue;
                }
                specs.add(r.pod());
            } catch (InvalidInputException e) {
                problems.add(order, e.getMessage());
            }
        }
        if (problems.isEmpty() && specs.isEmpty() && configs.isEmpty()) {
            problems.add(0, String.join(", ", files) + ": no Kubernetes objects to play");
        }
        return new Plan(specs, List.copyOf(configs.values()), warnings, problems.inOrder());
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
            problems.accept(doc.where() + ": apiVersion: a " + doc.kind() + " is apiVersion v1, not \"" + doc.apiVersion() + "\"");
            return;
        }
        try {
            ConfigData.Result r = ConfigData.of(doc);
            warnings.addAll(r.warnings());
            ConfigData before = configs.putIfAbsent(r.config().kind() + "/" + r.config().name(), r.config());
            if (before != null) {
                problems.accept(doc.where() + ": metadata.name: " + r.config().kind() + " " + r.config().name()
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
        return checked(plan(files, options.configMaps(), stdin, false));
    }

    /**
     * Plays every pod of the files; each pod succeeds or fails whole, and the outcome is reported per pod.
     * The ConfigMaps and Secrets are stored first; nothing is created when any document has a problem.
     */
    public List<PodOutcome> play(List<String> files, InputStream stdin, PlayOptions options) {
        Plan plan = checked(plan(files, options.configMaps(), stdin, false));
        Instant now = Instant.now();
        objects.save(plan.configs().stream()
                .map(c -> new KubeObjectStore.KubeObject(c.kind(), c.name(), c.data(), c.where(), now)).toList());
        List<PodOutcome> out = new ArrayList<>();
        for (PodSpec spec : plan.pods()) {
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

    /** Stops and removes the pods the files describe, and forgets their ConfigMaps and Secrets. No warnings: nothing is played. */
    public List<DownOutcome> down(List<String> files, InputStream stdin) {
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
        return out;
    }
}
