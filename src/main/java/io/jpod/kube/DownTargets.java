package io.jpod.kube;

import io.jpod.pod.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code kube down} removes: the kind and name of each object of the files, read without
 * validating or translating the documents, as podman's kube down reads them. Taking down needs no
 * more, and reading no more is most of what makes it quick (no schemas, no Kubernetes model).
 * Kinds that play ignores are ignored here too; a document without a kind or a name is a problem
 * at its file:line:col.
 *
 * @param pods      the Pods' names
 * @param workloads the Deployments, DaemonSets and Jobs
 * @param configs   the ConfigMaps and Secrets (kind, name)
 * @param services  the Services' names
 * @param claims    the PersistentVolumeClaims' names (their volumes' names)
 * @param problems  what could not be read, each "file:line:col: message"
 */
public record DownTargets(List<String> pods, List<WorkloadName> workloads, List<Named> configs, List<String> services,
        List<String> claims, List<String> problems) {

    /** A kept object of the files: its kind as Kubernetes names it, and its name. */
    public record Named(String kind, String name) {
    }

    /** A workload of the files. */
    public record WorkloadName(Workload.Kind kind, String name) {
    }

    /** The targets of {@code files}, in their order. */
    public static DownTargets of(List<KubeFile> files) {
        List<String> pods = new ArrayList<>();
        List<WorkloadName> workloads = new ArrayList<>();
        List<Named> configs = new ArrayList<>();
        List<String> services = new ArrayList<>();
        List<String> claims = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KubeFile file : files) {
            if (file.problem() != null) {
                problems.add(file.problem());
            }
            for (KubeDocument doc : file.documents()) {
                String kind = doc.kind();
                String name = doc.name();
                if (kind == null) {
                    problems.add(doc.locate("kind: a Kubernetes document needs a kind"));
                } else if (name == null || name.isEmpty()) {
                    problems.add(doc.locate("metadata.name: a " + kind + " needs a name"));
                } else {
                    switch (PlayedKind.of(kind)) { // as play sorts them
                        case WORKLOAD -> {
                            if (kind.equals(PlayedKind.POD)) {
                                pods.add(name);
                            } else {
                                workloads.add(new WorkloadName(Workload.Kind.of(kind), name));
                            }
                        }
                        case CONFIG -> configs.add(new Named(kind, name));
                        case SERVICE -> services.add(name);
                        case CLAIM -> claims.add(name);
                        case NOT_YET, UNKNOWN -> { } // play leaves them out too
                    }
                }
            }
        }
        if (problems.isEmpty() && pods.isEmpty() && workloads.isEmpty() && configs.isEmpty() && services.isEmpty() && claims.isEmpty()) {
            problems.add(String.join(", ", files.stream().map(KubeFile::name).toList()) + ": no Kubernetes objects to take down");
        }
        return new DownTargets(List.copyOf(pods), List.copyOf(workloads), List.copyOf(configs), List.copyOf(services),
                List.copyOf(claims), List.copyOf(problems));
    }
}
