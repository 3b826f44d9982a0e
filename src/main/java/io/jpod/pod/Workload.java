package io.jpod.pod;

import io.jpod.error.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Deployment, DaemonSet or Job as played: what its controller keeps running. Its pods are made from
 * {@code template} (a pod named after the workload, renamed for each replica).
 *
 * @param kind           what it is
 * @param name           metadata.name
 * @param namespace      metadata.namespace ("default" when not given)
 * @param labels         metadata.labels, in order
 * @param annotations    metadata.annotations, in order
 * @param template       the pod of spec.template, named {@code name}
 * @param templateHash   a digest of spec.template as written: pods made from another template are out of date
 * @param replicas       how many pods a Deployment keeps (a DaemonSet: 1, this node; a Job: unused)
 * @param strategy       how pods of an older template are replaced (a Job: null)
 * @param minReadySeconds how long a new pod must be ready before it counts as available
 * @param job            a Job's fields; null for the other kinds
 */
public record Workload(Kind kind, String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
        PodSpec template, String templateHash, int replicas, Strategy strategy, int minReadySeconds, JobSpec job) {

    public Workload {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    /** This workload with {@code t} as its template's pod. */
    public Workload withTemplate(PodSpec t) {
        return new Workload(kind, name, namespace, labels, annotations, t, templateHash, replicas, strategy, minReadySeconds, job);
    }

    /** This workload with {@code t} as its template's pod, whose hash is {@code hash}. */
    public Workload withTemplate(PodSpec t, String hash) {
        return new Workload(kind, name, namespace, labels, annotations, t, hash, replicas, strategy, minReadySeconds, job);
    }

    /** This workload replaced by {@code s}. */
    public Workload withStrategy(Strategy s) {
        return new Workload(kind, name, namespace, labels, annotations, template, templateHash, replicas, s, minReadySeconds, job);
    }

    /** This workload with {@code n} replicas. */
    public Workload withReplicas(int n) {
        return new Workload(kind, name, namespace, labels, annotations, template, templateHash, n, strategy, minReadySeconds, job);
    }

    /** The workload kinds jpod plays, with Kubernetes' kind and the resource name kubectl shows. */
    public enum Kind {
        DEPLOYMENT("Deployment", "apps/v1", "deployment.apps"),
        DAEMONSET("DaemonSet", "apps/v1", "daemonset.apps"),
        JOB("Job", "batch/v1", "job.batch");

        private final String kubeName;
        private final String apiVersion;
        private final String resource;

        Kind(String kubeName, String apiVersion, String resource) {
            this.kubeName = kubeName;
            this.apiVersion = apiVersion;
            this.resource = resource;
        }

        /** Kubernetes' kind: Deployment, DaemonSet, Job. */
        public String kubeName() {
            return kubeName;
        }

        public String apiVersion() {
            return apiVersion;
        }

        /** How kubectl names the resource: deployment.apps, daemonset.apps, job.batch. */
        public String resource() {
            return resource;
        }

        /** The kind named {@code kubeName}, or null. */
        public static Kind of(String kubeName) {
            for (Kind k : values()) {
                if (k.kubeName.equals(kubeName)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * A count given as a number or a percentage of a total ({@code maxSurge: 1}, {@code maxUnavailable: 25%}).
     *
     * @param value   the number, or the percentage
     * @param percent whether {@code value} is a percentage
     */
    public record IntOrPercent(int value, boolean percent) {
        public IntOrPercent {
            if (value < 0) {
                throw new IllegalArgumentException("negative: " + value);
            }
        }

        public static IntOrPercent of(int value) {
            return new IntOrPercent(value, false);
        }

        public static IntOrPercent percent(int value) {
            return new IntOrPercent(value, true);
        }

        /** A number ("1") or a percentage ("25%"), as Kubernetes writes them; {@code field} names it in the error. */
        public static IntOrPercent parse(String text, String where, String field) {
            String t = text.strip();
            boolean p = t.endsWith("%");
            String digits = p ? t.substring(0, t.length() - 1) : t;
            if (!digits.matches("\\d{1,9}")) {
                throw new InvalidInputException(where, field + ": \"" + text + "\" is neither a number (0 or more) nor a percentage (\"25%\")");
            }
            return new IntOrPercent(Integer.parseInt(digits), p);
        }

        /** The count for {@code total}: a percentage rounded up or down, as the Deployment controller rounds it. */
        public int resolve(int total, boolean roundUp) {
            if (!percent) {
                return value;
            }
            long scaled = (long) value * total;
            return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
        }

        /** As Kubernetes writes it: {@code 1} or {@code 25%}. */
        @Override
        public String toString() {
            return percent ? value + "%" : Integer.toString(value);
        }
    }

    /**
     * How a Deployment or DaemonSet replaces the pods of an older template.
     *
     * @param type           RollingUpdate, Recreate (Deployment) or OnDelete (DaemonSet)
     * @param maxSurge       with RollingUpdate: how many pods above the desired count may exist
     * @param maxUnavailable with RollingUpdate: how many of the desired count may be unavailable
     */
    public record Strategy(Type type, IntOrPercent maxSurge, IntOrPercent maxUnavailable) {
        /** A Deployment's default: RollingUpdate, 25% surge, 25% unavailable. */
        public static final Strategy DEPLOYMENT_DEFAULT = new Strategy(Type.ROLLING_UPDATE, IntOrPercent.percent(25), IntOrPercent.percent(25));
        /** A DaemonSet's default: RollingUpdate, no surge, 1 unavailable. */
        public static final Strategy DAEMONSET_DEFAULT = new Strategy(Type.ROLLING_UPDATE, IntOrPercent.of(0), IntOrPercent.of(1));

        /** The strategy types, with Kubernetes' names. */
        public enum Type {
            ROLLING_UPDATE("RollingUpdate"), RECREATE("Recreate"), ON_DELETE("OnDelete");

            private final String kubeName;

            Type(String kubeName) {
                this.kubeName = kubeName;
            }

            public String kubeName() {
                return kubeName;
            }
        }
    }

    /**
     * A Job's own fields.
     *
     * @param completions             how many pods must succeed; null: the first success ends the Job (a work queue)
     * @param parallelism             how many pods may run at once
     * @param backoffLimit            how many failures (failed pods, or restarts with OnFailure) end the Job as failed
     * @param activeDeadlineSeconds   how long the Job may run before it fails; null for no limit
     * @param ttlSecondsAfterFinished how long a finished Job (and its pods) is kept; null: kept until removed
     * @param indexed                 completionMode Indexed: each index 0..completions-1 succeeds once (JOB_COMPLETION_INDEX)
     */
    public record JobSpec(Integer completions, int parallelism, int backoffLimit, Long activeDeadlineSeconds,
            Long ttlSecondsAfterFinished, boolean indexed) {
        /** Kubernetes' default backoffLimit. */
        public static final int DEFAULT_BACKOFF_LIMIT = 6;
    }
}
