package io.jpod.kube;

import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.jpod.pod.Resources;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * env valueFrom.resourceFieldRef, by Kubernetes' rules: limits.cpu, limits.memory, requests.cpu
 * and requests.memory of a container of the pod, divided by the divisor (default 1) and rounded
 * up; a limit that is not set is the node's allocatable (here: the host's CPUs and memory).
 *
 * @param resources each container's resources, by name
 * @param node      the host's capacity
 */
record ResourceFields(Map<String, Resources> resources, Node node) {
    /** What a container without limits may use: the host's CPUs (millicores) and memory (bytes). */
    record Node(long cpuMillis, long memoryBytes) {
        /** Used where the host is not known (tests, a translation without host facts). */
        static final Node UNKNOWN = new Node(1000, 1L << 30);
    }

    /** The value of {@code ref} for {@code container}; an error message (thrown by the caller) for what is wrong. */
    String value(ResourceFieldSelector ref, String container, java.util.function.BiFunction<String, String, RuntimeException> problem) {
        String name = ref.getContainerName() == null || ref.getContainerName().isEmpty() ? container : ref.getContainerName();
        Resources r = resources.get(name);
        if (r == null) {
            return thrown(problem.apply(".containerName", "the pod has no container \"" + name + "\""));
        }
        String resource = ref.getResource() == null ? "" : ref.getResource();
        boolean cpu = resource.endsWith(".cpu");
        BigDecimal amount = switch (resource) {
            case "limits.cpu" -> millis(r.cpuLimitMillis() != null ? r.cpuLimitMillis() : node.cpuMillis());
            case "requests.cpu" -> millis(r.effectiveCpuRequest() != null ? r.effectiveCpuRequest() : 0L);
            case "limits.memory" -> BigDecimal.valueOf(r.memoryLimitBytes() != null ? r.memoryLimitBytes() : node.memoryBytes());
            case "requests.memory" -> BigDecimal.valueOf(r.effectiveMemoryRequest() != null ? r.effectiveMemoryRequest() : 0L);
            default -> null;
        };
        if (amount == null) {
            return thrown(problem.apply(".resource", "\"" + resource + "\" is not supported: jpod knows limits.cpu, limits.memory,"
                    + " requests.cpu and requests.memory"));
        }
        BigDecimal divisor;
        try {
            divisor = ref.getDivisor() == null ? BigDecimal.ONE : ref.getDivisor().getNumericalAmount();
        } catch (ArithmeticException | IllegalArgumentException e) {
            return thrown(problem.apply(".divisor", "\"" + ref.getDivisor() + "\" is not a quantity"));
        }
        if (divisor.signum() <= 0) {
            return thrown(problem.apply(".divisor", "must be positive"));
        }
        if (cpu && divisor.compareTo(BigDecimal.ONE) != 0 && divisor.compareTo(new BigDecimal("0.001")) != 0) {
            return thrown(problem.apply(".divisor", "a cpu divisor is 1 or 1m"));
        }
        return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    private static BigDecimal millis(long m) {
        return BigDecimal.valueOf(m).movePointLeft(3);
    }

    private static String thrown(RuntimeException e) {
        throw e;
    }
}
