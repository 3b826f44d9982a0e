package io.jpod.kube;

import io.jpod.pod.PodSpec;
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
 */
public record Plan(List<PodSpec> pods, List<ConfigData> configs, List<VolumeClaim> claims, List<String> warnings,
        List<String> problems, List<ServiceObject> services) {
    public Plan {
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

    /** This plan with {@code pods} instead of its own. */
    public Plan withPods(List<PodSpec> pods) {
        return new Plan(pods, configs, claims, warnings, problems, services);
    }
}
