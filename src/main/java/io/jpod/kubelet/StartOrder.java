package io.jpod.kubelet;

import io.jpod.kubelet.KubeContainerStatus.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubelet's order of starting a pod's containers: init containers one at a time, in order,
 * each to completion (a sidecar, an init container with restartPolicy Always, only until it runs),
 * then every app container at once. Pure: called again after each start and each exit, it says
 * what to start now.
 */
public final class StartOrder {
    private StartOrder() {
    }

    /** Where one container of the pod's current start stands. */
    public enum Progress {
        /** not started since the pod (re)started */
        NOT_STARTED,
        RUNNING,
        /** ended with exit code 0 */
        SUCCEEDED,
        /** ended otherwise, and not (yet) to be started again */
        FAILED,
        /** waiting to be started again after an exit (CrashLoopBackOff) */
        BACKING_OFF
    }

    /** One container: its name, role and progress, in the pod's order (init containers first). */
    public record Slot(String name, Role role, Progress progress) {
    }

    /** The names of the containers to start now. */
    public static List<String> next(List<Slot> slots) {
        for (Slot s : slots) {
            if (s.role() == Role.APP) {
                continue;
            }
            switch (s.progress()) {
                case SUCCEEDED:
                    continue;
                case RUNNING:
                    if (s.role() == Role.SIDECAR) {
                        continue;
                    }
                    return List.of();
                case NOT_STARTED:
                    return List.of(s.name());
                default:
                    if (s.role() == Role.SIDECAR && s.progress() == Progress.BACKING_OFF) {
                        continue; // a sidecar that started once does not hold the pod back
                    }
                    return List.of();
            }
        }
        List<String> apps = new ArrayList<>();
        for (Slot s : slots) {
            if (s.role() == Role.APP && s.progress() == Progress.NOT_STARTED) {
                apps.add(s.name());
            }
        }
        return apps;
    }

    /** Whether every init container has completed (and every sidecar has run), so app containers may run. */
    public static boolean initialized(List<Slot> slots) {
        return slots.stream().filter(s -> s.role() != Role.APP).allMatch(s -> s.progress() == Progress.SUCCEEDED
                || (s.role() == Role.SIDECAR && s.progress() != Progress.NOT_STARTED && s.progress() != Progress.FAILED));
    }
}
