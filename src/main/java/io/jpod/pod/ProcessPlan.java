package io.jpod.pod;

import io.jpod.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The process a container runs, after merging the pod's container with its image as Kubernetes
 * does: command replaces ENTRYPOINT, args replace CMD, the container's env overrides the image's.
 *
 * @param args       the argv
 * @param env        NAME=value entries
 * @param workingDir the working directory
 * @param user       the user as written in the image (name, uid, uid:gid), or null for root
 * @param secretEnv  names of the variables whose value came from a Secret (never shown)
 * @param shownArgs  the argv as it may be shown: a Secret's value expanded by {@code $(VAR)} is
 *                   replaced by {@code <secret>}; null when it is {@code args}
 */
public record ProcessPlan(List<String> args, List<String> env, String workingDir, String user, List<String> secretEnv,
        List<String> shownArgs) {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public ProcessPlan {
        args = List.copyOf(args);
        env = List.copyOf(env);
        secretEnv = secretEnv == null ? List.of() : List.copyOf(secretEnv);
        shownArgs = shownArgs == null || shownArgs.equals(args) ? null : List.copyOf(shownArgs);
    }

    public ProcessPlan(List<String> args, List<String> env, String workingDir, String user) {
        this(args, env, workingDir, user, List.of(), null);
    }

    /** The argv as it may be shown to a user (ps, inspect): values that came from a Secret are hidden. */
    public List<String> argsShown() {
        return shownArgs == null ? args : shownArgs;
    }

    /** The env entries as they may be shown to a user: values that came from a Secret are hidden. */
    public List<String> shownEnv() {
        if (secretEnv.isEmpty()) {
            return env;
        }
        return env.stream().map(e -> {
            int eq = e.indexOf('=');
            String name = eq < 0 ? e : e.substring(0, eq);
            return secretEnv.contains(name) ? name + "=" + EnvVar.HIDDEN : e;
        }).toList();
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
        Set<String> secret = new LinkedHashSet<>();
        for (EnvVar v : c.env()) {
            // a value built from a Secret's value ($(VAR) expansion) is as secret as the Secret
            boolean fromSecret = v.secret() || secret.stream().anyMatch(s -> v.value() != null && v.value().contains("$(" + s + ")"));
            env.put(v.name(), KubeExpansion.expand(v.value() == null ? "" : v.value(), env));
            if (fromSecret) {
                secret.add(v.name());
            } else {
                secret.remove(v.name());
            }
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
        Map<String, String> hidden = new LinkedHashMap<>(env);
        secret.forEach(name -> hidden.put(name, EnvVar.HIDDEN));
        List<String> shown = argv.stream().map(a -> KubeExpansion.expand(a, hidden)).toList();
        List<String> entries = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        String wd = c.workingDir() != null ? c.workingDir()
                : image.workingDir() != null && !image.workingDir().isEmpty() ? image.workingDir() : "/";
        return new ProcessPlan(expanded, entries, wd, image.user() == null || image.user().isEmpty() ? null : image.user(),
                List.copyOf(secret), shown);
    }
}
