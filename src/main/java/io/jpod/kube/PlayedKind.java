package io.jpod.kube;

import java.util.Set;

/** What a play does with a document, by its kind. */
enum PlayedKind {
    /** ConfigMap or Secret: read first, for the pods' environment and volumes; kept. */
    CONFIG,
    /** PersistentVolumeClaim: a named volume. */
    CLAIM,
    /** Service: kept; its nodePorts are published on the pods it selects. */
    SERVICE,
    /** Pod, Deployment, DaemonSet or Job: one pod. */
    WORKLOAD,
    /** A kind of Kubernetes that jpod does not play yet: a warning, and left out. */
    NOT_YET,
    /** Any other kind: a warning, and left out. */
    UNKNOWN;

    static final String POD = "Pod";

    private static final Set<String> NOT_YET_KINDS = Set.of("StatefulSet", "ReplicaSet",
            "CronJob", "Namespace", "Ingress", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
            "NetworkPolicy", "HorizontalPodAutoscaler", "PodDisruptionBudget", "PersistentVolume", "StorageClass");

    /** The kind of {@code kind}, not null. */
    static PlayedKind of(String kind) {
        if (kind.equals(ServiceObject.KIND)) {
            return SERVICE;
        }
        if (kind.equals(ConfigData.CONFIG_MAP) || kind.equals(ConfigData.SECRET)) {
            return CONFIG;
        }
        if (kind.equals(VolumeClaim.KIND)) {
            return CLAIM;
        }
        if (kind.equals(POD) || WorkloadTranslator.KINDS.containsKey(kind)) {
            return WORKLOAD;
        }
        return NOT_YET_KINDS.contains(kind) ? NOT_YET : UNKNOWN;
    }

    /** The apiVersion a Pod, Deployment, DaemonSet or Job must have. */
    static String workloadApiVersion(String kind) {
        return kind.equals(POD) ? "v1" : WorkloadTranslator.KINDS.get(kind);
    }
}
