package io.jpod.state;

import io.jpod.pod.ProcessPlan;

/**
 * What a container was created with, kept so it can be started again.
 *
 * @param kubeName  the container's name in the pod YAML (null for the infra container)
 * @param process   the merged process (argv, env, working directory, user)
 * @param layerDirs overlay lower directories, top first (empty for the infra container)
 */
public record ContainerConfig(String kubeName, ProcessPlan process, java.util.List<String> layerDirs) {
}
