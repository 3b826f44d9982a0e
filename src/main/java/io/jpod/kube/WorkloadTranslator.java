package io.jpod.kube;

import io.jpod.error.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deployment, DaemonSet and Job → one pod from their {@code spec.template}, named {@code <name>-pod}
 * as podman names it. Locally one pod runs whatever the replica count.
 */
public final class WorkloadTranslator {
    /** The kinds this translator plays, with their apiVersion. */
    public static final Map<String, String> KINDS = Map.of("Deployment", "apps/v1", "DaemonSet", "apps/v1", "Job", "batch/v1");

    private static final Map<String, Set<String>> OWN_FIELDS = Map.of(
            "Deployment", Set.of("spec.replicas", "spec.selector.*", "spec.strategy.*", "spec.revisionHistoryLimit",
                    "spec.minReadySeconds", "spec.progressDeadlineSeconds"),
            "DaemonSet", Set.of("spec.selector.*", "spec.updateStrategy.*", "spec.revisionHistoryLimit", "spec.minReadySeconds"),
            "Job", Set.of("spec.selector.*", "spec.manualSelector", "spec.completions", "spec.parallelism"));
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

    /** The pod of a Deployment, DaemonSet or Job; its pod is null when it asks for no replicas. */
    public PodTranslator.Result translate(KubeDocument doc, EnvSources sources) {
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
        String podName = name + "-pod";
        PodTranslator.checkName(doc, "metadata.name", podName);
        PodTranslator.Result r = pods.translate(new PodTranslator.Source(doc, podNode, "spec.template.", what,
                FIELDS.get(kind), podName), sources);
        JsonNode replicas = spec.path("replicas");
        if (kind.equals("Deployment") && !replicas.isMissingNode() && !replicas.isNull()) {
            if (!replicas.isIntegralNumber() || replicas.asLong() < 0) {
                throw new InvalidInputException(doc.where(), "spec.replicas: must be a number, 0 or more");
            }
            if (replicas.asLong() == 0) {
                r.warnings().add(doc.where() + ": " + what + ": replicas is 0: no pod is created");
                return new PodTranslator.Result(null, r.warnings());
            }
            if (replicas.asLong() > 1) {
                r.warnings().add(doc.where() + ": " + what + ": replicas is " + replicas.asLong()
                        + ": one pod runs locally (" + podName + ")");
            }
        }
        return r;
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
