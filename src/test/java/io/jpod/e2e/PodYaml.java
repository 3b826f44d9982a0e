package io.jpod.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds small Pod manifests for the tests: busybox containers each running one shell script.
 * {@code PodYaml.pod("web").restartPolicy("Never").container("a", "echo hi").yaml()}.
 */
public final class PodYaml {
    private final String name;
    private String restartPolicy = "Always";
    private String initialBackOff;
    private final List<String> containers = new ArrayList<>();

    private PodYaml(String name) {
        this.name = name;
    }

    public static PodYaml pod(String name) {
        return new PodYaml(name);
    }

    public PodYaml restartPolicy(String policy) {
        this.restartPolicy = policy;
        return this;
    }

    /** The crash-loop back-off's first delay (jpod's annotation {@code io.jpod.crashloop/initial}, a Go duration): kept short in tests. */
    public PodYaml initialBackOff(String duration) {
        this.initialBackOff = duration;
        return this;
    }

    /** A container of {@link Harness#IMAGE} running {@code sh -c script}. */
    public PodYaml container(String containerName, String script) {
        return container(containerName, Harness.IMAGE, "sh", "-c", script);
    }

    /** A container of {@code image} running {@code command}. */
    public PodYaml container(String containerName, String image, String... command) {
        StringBuilder c = new StringBuilder();
        c.append("    - name: ").append(containerName).append('\n');
        c.append("      image: ").append(image).append('\n');
        c.append("      command:\n");
        for (String arg : command) {
            c.append("        - ").append(quote(arg)).append('\n');
        }
        containers.add(c.toString());
        return this;
    }

    public String yaml() {
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: ").append(name).append('\n');
        y.append("  labels:\n    app: ").append(name).append('\n');
        if (initialBackOff != null) {
            y.append("  annotations:\n    io.jpod.crashloop/initial: \"").append(initialBackOff).append("\"\n");
        }
        y.append("spec:\n  restartPolicy: ").append(restartPolicy).append('\n');
        y.append("  containers:\n");
        containers.forEach(y::append);
        return y.toString();
    }

    /** A YAML double-quoted scalar (JSON string syntax, which YAML accepts). */
    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> q.append(ch);
            }
        }
        return q.append('"').toString();
    }
}
