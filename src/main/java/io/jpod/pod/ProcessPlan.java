package io.jpod.pod;

import io.jpod.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process a container runs, after merging the pod's container with its image as Kubernetes
 * does: command replaces ENTRYPOINT, args replace CMD, the container's env overrides the image's.
 *
 * @param args       the argv
 * @param env        NAME=value entries
 * @param workingDir the working directory
 * @param user       the user as written in the image (name, uid, uid:gid), or null for root
 */
public record ProcessPlan(List<String> args, List<String> env, String workingDir, String user) {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public ProcessPlan {
        args = List.copyOf(args);
        env = List.copyOf(env);
    }

    /** Merges {@code c} of {@code pod} with its image's defaults. */
    public static ProcessPlan of(PodSpec pod, ContainerSpec c, ImageDefaults image) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        for (String e : image.env()) {
            int eq = e.indexOf('=');
            env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        env.put("HOSTNAME", pod.hostname());
        env.put("container", "jpod");
        for (EnvVar v : c.env()) {
            env.put(v.name(), KubeExpansion.expand(v.value(), env));
        }
        List<String> argv = new ArrayList<>();
        if (!c.command().isEmpty()) {
            argv.addAll(c.command());
            argv.addAll(c.args());
        } else {
            argv.addAll(image.entrypoint());
            argv.addAll(c.args().isEmpty() ? image.cmd() : c.args());
        }
        if (argv.isEmpty()) {
            throw new InvalidInputException("container " + c.name(),
                    "no command: the pod gives no command or args and image " + c.image() + " has no ENTRYPOINT or CMD");
        }
        List<String> expanded = argv.stream().map(a -> KubeExpansion.expand(a, env)).toList();
        List<String> entries = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        String wd = c.workingDir() != null ? c.workingDir()
                : image.workingDir() != null && !image.workingDir().isEmpty() ? image.workingDir() : "/";
        return new ProcessPlan(expanded, entries, wd, image.user() == null || image.user().isEmpty() ? null : image.user());
    }
}
