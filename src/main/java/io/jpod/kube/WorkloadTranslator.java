package io.jpod.kube;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.Workload;
import io.jpod.workload.ReplicaNames;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deployment, DaemonSet and Job → a {@link Workload}: its own fields (replicas, strategy,
 * minReadySeconds; a Job's completions, parallelism, backoffLimit, deadlines, completionMode) and
 * the pod of its {@code spec.template}, from which its controller makes its pods.
 */
public final class WorkloadTranslator {
    /** The kinds this translator plays, with their apiVersion. */
    public static final Map<String, String> KINDS = Map.of("Deployment", "apps/v1", "DaemonSet", "apps/v1", "Job", "batch/v1");

    private static final Map<String, Set<String>> OWN_FIELDS = Map.of(
            "Deployment", Set.of("spec.replicas", "spec.selector.*", "spec.strategy.*", "spec.revisionHistoryLimit",
                    "spec.minReadySeconds", "spec.progressDeadlineSeconds"),
            "DaemonSet", Set.of("spec.selector.*", "spec.updateStrategy.*", "spec.revisionHistoryLimit", "spec.minReadySeconds"),
            "Job", Set.of("spec.selector.*", "spec.manualSelector", "spec.completions", "spec.parallelism", "spec.backoffLimit",
                    "spec.activeDeadlineSeconds", "spec.ttlSecondsAfterFinished", "spec.completionMode"));
    private static final Map<String, FieldCheck> FIELDS = Map.of(
            "Deployment", fields("Deployment"), "DaemonSet", fields("DaemonSet"), "Job", fields("Job"));

    private final PodTranslator pods;

    public WorkloadTranslator(PodTranslator pods) {
        this.pods = pods;
    }

    /** The supported fields of a kind: its own, and a Pod's below spec.template. */
    private static FieldCheck fields(String kind) {
        Set<String> s = new HashSet<>(OWN_FIELDS.get(kind));
        s.addAll(List.of("apiVersion", "kind", "status.*", "metadata.*", "spec", "spec.template"));
        for (String p : PodTranslator.FIELDS.patterns()) {
            if (p.startsWith("metadata") || p.startsWith("spec")) {
                s.add("spec.template." + p);
            }
        }
        return new FieldCheck(s);
    }

    /** A workload translated, and what the user should be warned about. */
    public record Result(Workload workload, List<String> warnings) {
    }

    /** A Deployment, DaemonSet or Job: its own fields checked as the API server checks them, and its template's pod. */
    public Result translate(KubeDocument doc, EnvSources sources) {
        String kind = doc.kind();
        String name = doc.name();
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(doc.where(), "metadata.name: a " + kind + " needs a name");
        }
        PodTranslator.checkName(doc, "metadata.name", name);
        String what = kind + " " + name;
        JsonNode spec = doc.node().path("spec");
        JsonNode template = spec.path("template");
        if (!template.isObject() || !template.path("spec").isObject()) {
            throw new InvalidInputException(doc.where(), "spec.template.spec: " + what + " has no pod template");
        }
        JsonNode templateMeta = template.path("metadata");
        checkSelector(doc, spec.path("selector"), templateMeta.path("labels"));
        String restart = template.path("spec").path("restartPolicy").asString("");
        if (kind.equals("Job")) {
            if (!restart.equals("Never") && !restart.equals("OnFailure")) {
                throw new InvalidInputException(doc.where(), "spec.template.spec.restartPolicy: " + what
                        + ": a Job's pod needs restartPolicy Never or OnFailure" + (restart.isEmpty() ? "" : ", not " + restart));
            }
        } else if (!restart.isEmpty() && !restart.equals("Always")) {
            throw new InvalidInputException(doc.where(), "spec.template.spec.restartPolicy: " + what
                    + ": a " + kind + "'s pod restarts Always, not " + restart);
        }
        ObjectNode podNode = JsonNodeFactory.instance.objectNode();
        if (templateMeta.isObject()) {
            podNode.set("metadata", templateMeta);
        }
        podNode.set("spec", template.path("spec"));
        PodTranslator.Result r = pods.translate(new PodTranslator.Source(doc, podNode, "spec.template.", what,
                FIELDS.get(kind), name), sources);
        Workload.Kind k = Workload.Kind.of(kind);
        JsonNode meta = doc.node().path("metadata");
        String hash = ReplicaNames.templateHash(template.toString());
        WorkloadFields f = new WorkloadFields(doc, spec);
        Workload w = switch (k) {
            case DEPLOYMENT -> new Workload(k, name, meta.path("namespace").asString(""), strings(meta.path("labels")),
                    strings(meta.path("annotations")), r.pod(), hash, f.count("spec.replicas", spec.path("replicas"), 1),
                    f.strategy("spec.strategy", Workload.Strategy.DEPLOYMENT_DEFAULT, "Recreate"),
                    f.count("spec.minReadySeconds", spec.path("minReadySeconds"), 0), null);
            case DAEMONSET -> new Workload(k, name, meta.path("namespace").asString(""), strings(meta.path("labels")),
                    strings(meta.path("annotations")), r.pod(), hash, 1,
                    f.strategy("spec.updateStrategy", Workload.Strategy.DAEMONSET_DEFAULT, "OnDelete"),
                    f.count("spec.minReadySeconds", spec.path("minReadySeconds"), 0), null);
            case JOB -> new Workload(k, name, meta.path("namespace").asString(""), strings(meta.path("labels")),
                    strings(meta.path("annotations")), r.pod(), hash, 0, null, 0, f.job());
        };
        if (k == Workload.Kind.DEPLOYMENT && w.replicas() == 0) {
            r.warnings().add(doc.where() + ": " + what + ": replicas is 0: no pod runs until it is scaled up");
        }
        return new Result(w, r.warnings());
    }

    /** A mapping of strings (labels, annotations), in order. */
    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (node.isObject()) {
            node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString("")));
        }
        return out;
    }

    /** apps/v1 and batch/v1 refuse a selector that does not select the template's pods. */
    private static void checkSelector(KubeDocument doc, JsonNode selector, JsonNode labels) {
        JsonNode match = selector.path("matchLabels");
        if (!match.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : match.properties()) {
            JsonNode l = labels.path(e.getKey());
            if (!l.isString() || !l.asString().equals(e.getValue().asString())) {
                throw new InvalidInputException(doc.where(), "spec.selector.matchLabels." + e.getKey()
                        + ": does not match spec.template.metadata.labels (the selector must select the template's pods)");
            }
        }
    }
}
