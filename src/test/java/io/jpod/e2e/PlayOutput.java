package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code kube play} printed, podman's way (podman 4.3):
 * <pre>
 * Pod:
 * &lt;64-hex pod id&gt;
 * Containers:        ("Container:" when there is one)
 * &lt;64-hex id&gt;
 * &lt;64-hex id&gt;
 * </pre>
 * one such block per pod, blocks separated by a blank line.
 *
 * @param podId        the (first) pod's id
 * @param containerIds the (first) pod's app container ids, in the order printed
 */
public record PlayOutput(String podId, List<String> containerIds) {
    static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    /** Parses kube play's standard output; fails the test with the whole output when it is not podman's shape. */
    public static PlayOutput parse(Result r) {
        List<String> lines = r.outLines();
        int pod = lines.indexOf("Pod:");
        if (pod < 0 || pod + 1 >= lines.size() || !ID.matcher(lines.get(pod + 1)).matches()) {
            fail("kube play should print \"Pod:\" and the pod's 64-hex id on the next line\n" + r.describe());
        }
        List<String> ids = new ArrayList<>();
        int i = pod + 2;
        if (i < lines.size() && (lines.get(i).equals("Containers:") || lines.get(i).equals("Container:"))) {
            for (i++; i < lines.size() && ID.matcher(lines.get(i)).matches(); i++) {
                ids.add(lines.get(i));
            }
        }
        return new PlayOutput(lines.get(pod + 1), List.copyOf(ids));
    }
}
