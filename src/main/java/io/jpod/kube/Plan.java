package io.jpod.kube;

import io.jpod.pod.PodSpec;
import io.jpod.pod.Workload;
import java.util.List;

/**
 * What a set of files would play.
 *
 * @param pods     the pods, in the files' order
 * @param configs  the ConfigMaps and Secrets (their values are never printed)
 * @param claims   the PersistentVolumeClaims: named volumes
 * @param warnings what is ignored or approximated, one message each
 * @param problems what is wrong, one "file:line:col: path: message" each; nothing plays unless empty
 * @param services the Services (kept; their nodePorts are published on the pods they select)
 * @param workloads the Deployments, DaemonSets and Jobs, in the files' order (their pods are made by their controllers)
 */
public record Plan(List<PodSpec> pods, List<ConfigData> configs, List<VolumeClaim> claims, List<String> warnings,
        List<String> problems, List<ServiceObject> services, List<Workload> workloads) {
    public Plan {
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        pods = List.copyOf(pods);
        configs = List.copyOf(configs);
        claims = List.copyOf(claims);
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
        services = services == null ? List.of() : List.copyOf(services);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public Plan(List<PodSpec> pods, List<ConfigData> configs, List<VolumeClaim> claims, List<String> warnings,
            List<String> problems, List<ServiceObject> services) {
        this(pods, configs, claims, warnings, problems, services, List.of());
    }

    /** This plan with {@code pods} and {@code workloads} instead of its own. */
    public Plan withPods(List<PodSpec> pods, List<Workload> workloads) {
        return new Plan(pods, configs, claims, warnings, problems, services, workloads);
    }

    /** The templates' pods of the workloads, in order: what a play of the workloads starts from. */
    public List<PodSpec> templates() {
        return workloads.stream().map(Workload::template).toList();
    }
}
