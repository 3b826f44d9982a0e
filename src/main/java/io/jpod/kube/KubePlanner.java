package io.jpod.kube;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectMapper;

/**
 * What a set of Kubernetes files plays, decided without the host: every document checked, every
 * object read, every pod translated, every problem placed at its file:line:col. A pure function of
 * the documents and the node's facts; the engine reads the files before and acts on the plan after.
 */
public final class KubePlanner {
    private final ObjectMapper mapper;
    private final DocumentValidator validator;

    /** A planner whose validation asks {@code images} whether each container's image reference can be parsed. */
    public KubePlanner(ObjectMapper mapper, ImageCheck images) {
        this.mapper = mapper;
        this.validator = new DocumentValidator(images);
    }

    public KubePlanner(ObjectMapper mapper) {
        this(mapper, ImageCheck.ANY);
    }

    public KubePlanner() {
        this(KubeMapper.yaml());
    }

    /**
     * Checks every document of every file and plans what they play, in the files' order. Every
     * document of an accepted kind is validated first, and an invalid one goes no further.
     * ConfigMaps and Secrets are read before any pod is translated, whatever their place in the
     * files, so that pods can use them.
     *
     * @param files   the files as read, in the order given ({@code --configmap} files first)
     * @param node    the node's CPUs and memory, and whether resources are enforced on it
     * @param lenient when true, references to missing ConfigMaps and Secrets are not problems
     *                (for {@code kube down}, which needs only the pods' names)
     */
    public Plan plan(List<KubeFile> files, NodeFacts node, boolean lenient) {
        return plan(files, node, lenient, List.of());
    }

    /**
     * As {@link #plan(List, NodeFacts, boolean)}, the pods also taking their environment and files from {@code stored}:
     * the Secrets kept from earlier plays and {@code jpod secret create}, which a file's own object of that name overrides.
     */
    public Plan plan(List<KubeFile> files, NodeFacts node, boolean lenient, List<ConfigData> stored) {
        List<String> warnings = new ArrayList<>();
        Problems problems = new Problems();
        PlayObjects objects = new PlayObjects(mapper);
        List<Placed> workloads = new ArrayList<>();
        int order = 0;
        for (KubeFile file : files) {
            if (file.problem() != null) {
                problems.add(order, file.problem());
            }
            for (KubeDocument doc : file.documents()) {
                order++;
                Consumer<String> problem = problems.at(order);
                if (file.configMapsOnly() && !ConfigData.CONFIG_MAP.equals(doc.kind())) {
                    problem.accept(doc.locate("kind: --configmap " + file.name() + " must hold ConfigMaps only, not " + doc.kind()));
                } else if (doc.kind() == null) {
                    problem.accept(doc.locate("kind: a Kubernetes document needs a kind"));
                } else if (valid(doc, problem)) {
                    accept(new Placed(doc, order), objects, workloads, warnings, problem);
                }
            }
        }
        // ConfigMaps and Secrets are all known now: the pods can use them whatever the documents' order
        List<ConfigData> sources = new ArrayList<>(stored);
        sources.addAll(objects.configs());
        Translated t = pods(workloads, EnvSources.of(sources, lenient), node, warnings, problems);
        List<PodSpec> pods = t.pods();
        List<Workload> controlled = t.workloads();
        if (!objects.serviceModels().isEmpty()) {
            // a workload's pods are selected by the labels of its template
            List<PodSpec> all = new ArrayList<>(pods);
            all.addAll(controlled.stream().map(Workload::template).toList());
            ServicePorts.Result published = ServicePorts.apply(objects.serviceModels(), all);
            pods = published.pods().subList(0, pods.size());
            List<Workload> withPorts = new ArrayList<>();
            for (int i = 0; i < controlled.size(); i++) {
                withPorts.add(controlled.get(i).withTemplate(published.pods().get(pods.size() + i)));
            }
            controlled = withPorts;
            warnings.addAll(published.warnings());
        }
        if (node.resourcesNotEnforced() != null
                && java.util.stream.Stream.concat(pods.stream(), controlled.stream().map(Workload::template))
                        .anyMatch(p -> p.containers().stream().anyMatch(c -> c.resources().any()))) {
            warnings.add("resources (limits and requests) are kept but not enforced: " + node.resourcesNotEnforced());
        }
        if (problems.isEmpty() && pods.isEmpty() && controlled.isEmpty() && objects.isEmpty()) {
            List<String> played = files.stream().filter(f -> !f.configMapsOnly()).map(KubeFile::name).toList();
            problems.add(0, String.join(", ", played) + ": no Kubernetes objects to play");
        }
        return new Plan(pods, objects.configs(), objects.claims(), warnings, problems.inOrder(), objects.services(), controlled);
    }

    /** A document with its place among all documents read (1-based). */
    private record Placed(KubeDocument doc, int order) {
    }

    /**
     * Checks a document against its kind's schema and Kubernetes' rules before anything acts on it;
     * whether it has no problems (all of them reported).
     */
    private boolean valid(KubeDocument doc, Consumer<String> problem) {
        List<String> found = validator.problems(doc);
        found.forEach(problem);
        return found.isEmpty();
    }

    /** A valid document, by its kind: an object kept, a workload to translate once all objects are known, or a warning. */
    private static void accept(Placed placed, PlayObjects objects, List<Placed> workloads, List<String> warnings,
            Consumer<String> problem) {
        KubeDocument doc = placed.doc();
        String kind = doc.kind();
        switch (PlayedKind.of(kind)) {
            case SERVICE -> objects.service(doc, problem);
            case CONFIG -> objects.config(doc, warnings, problem);
            case CLAIM -> objects.claim(doc, warnings, problem);
            case WORKLOAD -> {
                String api = PlayedKind.workloadApiVersion(kind);
                if (api.equals(doc.apiVersion())) {
                    workloads.add(placed);
                } else {
                    problem.accept(doc.locate("apiVersion: a " + kind + " is apiVersion " + api + ", not \"" + doc.apiVersion() + "\""));
                }
            }
            case NOT_YET -> warnings.add(doc.where() + ": kind " + kind + " is not supported yet: " + kind + " " + doc.name()
                    + " is ignored");
            case UNKNOWN -> warnings.add(doc.where() + ": unknown kind \"" + kind + "\": " + doc.name() + " is ignored");
        }
    }

    /** The Pods' pods and the workloads translated. */
    private record Translated(List<PodSpec> pods, List<Workload> workloads) {
    }

    /**
     * The pods of the Pods, and the Deployments, DaemonSets and Jobs, each name made once (a pod's
     * among pods, a workload's among its kind); a translator's problem placed at its field.
     */
    private Translated pods(List<Placed> workloads, EnvSources sources, NodeFacts node, List<String> warnings,
            Problems problems) {
        PodTranslator translator = new PodTranslator(mapper, node.cpuMillis(), node.memoryBytes());
        WorkloadTranslator workloadTranslator = new WorkloadTranslator(translator);
        List<PodSpec> pods = new ArrayList<>();
        List<Workload> controlled = new ArrayList<>();
        Map<String, String> madeBy = new LinkedHashMap<>();
        for (Placed w : workloads) {
            KubeDocument doc = w.doc();
            try {
                boolean pod = doc.kind().equals(PlayedKind.POD);
                String key = pod ? "pod " + doc.name() : doc.kind() + " " + doc.name();
                String before = madeBy.putIfAbsent(key, doc.where());
                if (before != null) {
                    problems.add(w.order(), doc.locate("metadata.name: " + key + " is also defined at " + before));
                    continue;
                }
                if (pod) {
                    PodTranslator.Result r = translator.translate(doc, sources);
                    warnings.addAll(r.warnings());
                    pods.add(r.pod());
                } else {
                    WorkloadTranslator.Result r = workloadTranslator.translate(doc, sources);
                    warnings.addAll(r.warnings());
                    controlled.add(r.workload());
                }
            } catch (InvalidInputException e) {
                problems.add(w.order(), doc.locate(e));
            }
        }
        return new Translated(pods, controlled);
    }

    /** Problems, each with the place of its document among all read, so that they are listed in the files' order. */
    private static final class Problems {
        private final List<Map.Entry<Integer, String>> found = new ArrayList<>();

        void add(int order, String message) {
            found.add(Map.entry(order, message));
        }

        Consumer<String> at(int order) {
            return m -> add(order, m);
        }

        boolean isEmpty() {
            return found.isEmpty();
        }

        List<String> inOrder() {
            return found.stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        }
    }
}
