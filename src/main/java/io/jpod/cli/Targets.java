package io.jpod.cli;

import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a verb acts on: the names given, or with podman's {@code --all} every container (or pod) the verb takes, or with
 * {@code --latest} the one created last; checked as podman checks them (names and a flag, or both flags, are refused).
 * Infra containers go with their pods: {@code --all} and {@code --latest} pick app containers only.
 */
final class Targets {
    private Targets() {
    }

    /** The containers to act on: {@code names}, or the ids of those {@code all} takes ({@code which}), or of the latest. */
    static List<String> containers(EngineCommand cmd, List<String> names, boolean all, boolean latest, Predicate<ContainerInfo> which) {
        check(names, all, latest, "containers");
        if (!all && !latest) {
            return names;
        }
        List<ContainerInfo> apps = cmd.engine().pods().containers().stream().filter(c -> !c.row().infra()).toList();
        if (latest) {
            return apps.stream().max(Comparator.comparing((ContainerInfo c) -> c.row().created())).map(c -> List.of(c.row().id()))
                    .orElseThrow(() -> new NotFoundException("container", "latest", "no containers to get the latest: no such container"));
        }
        return apps.stream().filter(which).map(c -> c.row().id()).toList();
    }

    /** The one container {@code name} names, or the latest with {@code latest}. */
    static String container(EngineCommand cmd, String name, boolean latest) {
        return containers(cmd, name == null ? List.of() : List.of(name), false, latest, c -> true).get(0);
    }

    /** The pods to act on: {@code names}, or the ids of those {@code all} takes ({@code which}), or of the latest. */
    static List<String> pods(EngineCommand cmd, List<String> names, boolean all, boolean latest, Predicate<PodInfo> which) {
        check(names, all, latest, "pods");
        if (!all && !latest) {
            return names;
        }
        List<PodInfo> pods = cmd.engine().pods().pods();
        if (latest) {
            return pods.stream().max(Comparator.comparing((PodInfo p) -> p.pod().created())).map(p -> List.of(p.pod().id()))
                    .orElseThrow(() -> new NotFoundException("pod", "latest", "no pods to get the latest: no such pod"));
        }
        return pods.stream().filter(which).map(p -> p.pod().id()).toList();
    }

    /** The one pod {@code name} names, or the latest with {@code latest}. */
    static String pod(EngineCommand cmd, String name, boolean latest) {
        return pods(cmd, name == null ? List.of() : List.of(name), false, latest, p -> true).get(0);
    }

    /** podman's checks of names against {@code --all} and {@code --latest} ({@code what}: containers or pods). */
    static void check(List<String> names, boolean all, boolean latest, String what) {
        boolean named = names != null && !names.isEmpty();
        if (named && latest) {
            throw new InvalidInputException(null, "--latest and " + what + " cannot be used together");
        }
        if (named && all) {
            throw new InvalidInputException(null, "--all and " + what + " cannot be used together");
        }
        if (all && latest) {
            throw new InvalidInputException(null, "--all and --latest cannot be used together");
        }
        if (!named && !all && !latest) {
            throw new InvalidInputException(null, "you must provide at least one name or id");
        }
    }
}
