package io.jpod.state;

import io.jpod.pod.ProcessPlan;

/**
 * What a container was created with, kept so it can be started again.
 *
 * @param kubeName  the container's name in the pod YAML (null for the infra container)
 * @param process   the merged process (argv, env, working directory, user)
 * @param layerDirs overlay lower directories, top first (empty for the infra container)
 * @param storage   the storage driver its root was assembled with (kept, so that every later
 *                  command unmounts it the same way)
 * @param runtime   the OCI runtime binary it was created with (every later command uses the same)
 * @param stopSignal the signal that stops it: lifecycle.stopSignal, else the image's STOPSIGNAL; null for SIGTERM
 */
public record ContainerConfig(String kubeName, ProcessPlan process, java.util.List<String> layerDirs, String storage,
        String runtime, String stopSignal) {
    /** Stopped by SIGTERM. */
    public ContainerConfig(String kubeName, ProcessPlan process, java.util.List<String> layerDirs, String storage, String runtime) {
        this(kubeName, process, layerDirs, storage, runtime, null);
    }
}
