package io.jpod.pod;

/**
 * A volume mounted into a container.
 *
 * @param name        the volume's name
 * @param mountPath   where, an absolute path inside the container
 * @param readOnly    whether the mount is read-only
 * @param subPath     a path inside the volume mounted instead of its root, or null
 * @param subPathExpr as subPath, with {@code $(VAR)} taken from the container's environment when it starts, or null
 */
public record VolumeMount(String name, String mountPath, boolean readOnly, String subPath, String subPathExpr) {
    public VolumeMount(String name, String mountPath, boolean readOnly, String subPath) {
        this(name, mountPath, readOnly, subPath, null);
    }
}
