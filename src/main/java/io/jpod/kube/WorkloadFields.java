package io.jpod.kube;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.Workload;
import io.jpod.pod.Workload.IntOrPercent;
import io.jpod.pod.Workload.Strategy;
import tools.jackson.databind.JsonNode;

/**
 * A workload's own fields read from its document and checked as the API server checks them:
 * counts, a strategy's type and its maxSurge and maxUnavailable, a Job's fields. A problem names
 * the field, so that it is shown at its line and column.
 */
final class WorkloadFields {
    private final KubeDocument doc;
    private final JsonNode spec;

    WorkloadFields(KubeDocument doc, JsonNode spec) {
        this.doc = doc;
        this.spec = spec;
    }

    private InvalidInputException problem(String field, String message) {
        return new InvalidInputException(doc.where(), field + ": " + message);
    }

    /** A count, 0 or more; {@code otherwise} when it is not given. */
    int count(String field, JsonNode node, int otherwise) {
        Long n = number(field, node);
        if (n == null) {
            return otherwise;
        }
        if (n > Integer.MAX_VALUE) {
            throw problem(field, "must be at most " + Integer.MAX_VALUE + ", not " + n);
        }
        return n.intValue();
    }

    /** A number, 0 or more, or null when not given. */
    private Long number(String field, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < 0) {
            throw problem(field, "must be a whole number, 0 or more, not " + node);
        }
        return node.asLong();
    }

    /** A number of seconds, more than 0, or null when not given. */
    private Long positive(String field, JsonNode node) {
        Long n = number(field, node);
        if (n != null && n == 0) {
            throw problem(field, "must be greater than 0");
        }
        return n;
    }

    /**
     * A Deployment's {@code strategy} or a DaemonSet's {@code updateStrategy} at {@code field}: RollingUpdate (with its
     * maxSurge and maxUnavailable, defaults as {@code defaults}) or {@code other} (Recreate, OnDelete).
     */
    Strategy strategy(String field, Strategy defaults, String other) {
        JsonNode s = spec.path(field.substring("spec.".length()));
        String type = s.path("type").asString("RollingUpdate");
        JsonNode rolling = s.path("rollingUpdate");
        if (type.equals(other)) {
            if (!rolling.isMissingNode() && !rolling.isNull()) {
                throw problem(field + ".rollingUpdate", "may not be given when the type is " + other);
            }
            return new Strategy(other.equals("Recreate") ? Strategy.Type.RECREATE : Strategy.Type.ON_DELETE, null, null);
        }
        if (!type.equals("RollingUpdate")) {
            throw problem(field + ".type", "unsupported value \"" + type + "\": must be RollingUpdate or " + other);
        }
        IntOrPercent surge = intOrPercent(field + ".rollingUpdate.maxSurge", rolling.path("maxSurge"), defaults.maxSurge());
        IntOrPercent unavailable = intOrPercent(field + ".rollingUpdate.maxUnavailable", rolling.path("maxUnavailable"),
                defaults.maxUnavailable());
        if (surge.value() == 0 && unavailable.value() == 0) {
            throw problem(field + ".rollingUpdate.maxUnavailable", "may not be 0 when maxSurge is 0 (the update could never start)");
        }
        for (IntOrPercent v : new IntOrPercent[] {surge, unavailable}) {
            if (v.percent() && v.value() > 100) {
                throw problem(field + ".rollingUpdate", "a percentage may not be above 100%, not " + v);
            }
        }
        return new Strategy(Strategy.Type.ROLLING_UPDATE, surge, unavailable);
    }

    private IntOrPercent intOrPercent(String field, JsonNode node, IntOrPercent otherwise) {
        if (node.isMissingNode() || node.isNull()) {
            return otherwise;
        }
        if (node.isIntegralNumber()) {
            if (node.asLong() < 0 || node.asLong() > Integer.MAX_VALUE) {
                throw problem(field, "must be 0 or more, not " + node);
            }
            return IntOrPercent.of(node.asInt());
        }
        if (node.isString()) {
            return IntOrPercent.parse(node.asString(), doc.where(), field);
        }
        throw problem(field, "must be a number or a percentage (\"25%\"), not " + node);
    }

    /** A Job's fields, with Kubernetes' defaults. */
    Workload.JobSpec job() {
        Long completions = number("spec.completions", spec.path("completions"));
        int parallelism = count("spec.parallelism", spec.path("parallelism"), 1);
        int backoffLimit = count("spec.backoffLimit", spec.path("backoffLimit"), Workload.JobSpec.DEFAULT_BACKOFF_LIMIT);
        Long deadline = positive("spec.activeDeadlineSeconds", spec.path("activeDeadlineSeconds"));
        Long ttl = number("spec.ttlSecondsAfterFinished", spec.path("ttlSecondsAfterFinished"));
        String mode = spec.path("completionMode").asString("NonIndexed");
        if (!mode.equals("NonIndexed") && !mode.equals("Indexed")) {
            throw problem("spec.completionMode", "unsupported value \"" + mode + "\": must be NonIndexed or Indexed");
        }
        boolean indexed = mode.equals("Indexed");
        if (indexed && completions == null) {
            throw problem("spec.completions", "an Indexed Job needs completions (each index 0..completions-1 runs once)");
        }
        if (completions != null && completions > 100_000) {
            throw problem("spec.completions", "must be at most 100000 on one node, not " + completions);
        }
        return new Workload.JobSpec(completions == null ? null : completions.intValue(), parallelism, backoffLimit, deadline, ttl,
                indexed);
    }
}
