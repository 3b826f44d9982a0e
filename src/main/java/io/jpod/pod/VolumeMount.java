package io.jpod.pod;

/**
 * A volume mounted into a container.
 *
 * @param name      the volume's name
 * @param mountPath where, an absolute path inside the container
 * @param readOnly  whether the mount is read-only
 * @param subPath   a path inside the volume mounted instead of its root, or null
 */
public record VolumeMount(String name, String mountPath, boolean readOnly, String subPath) {
}
