package io.jpod.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's files as its processes see them: its root, with bind mounts over parts of it (volumes, the pod's
 * /etc files). A container path lies in the bind whose destination is the longest prefix of it, else in the root.
 * Pure: paths are compared by their components, nothing is read.
 *
 * @param root         the container's root on the host
 * @param rootReadOnly whether the root is mounted read-only
 * @param binds        the bind mounts, in any order
 */
public record MountedTree(Path root, boolean rootReadOnly, List<Bind> binds) {
    public MountedTree {
        binds = List.copyOf(binds);
    }

    /** A root without mounts. */
    public static MountedTree of(Path root) {
        return new MountedTree(root, false, List.of());
    }

    /**
     * A bind mount.
     *
     * @param destination where the container sees it (absolute)
     * @param source      the host's file or directory mounted there
     * @param readOnly    whether it is mounted read-only
     */
    public record Bind(String destination, Path source, boolean readOnly) {
        List<String> parts() {
            return components(destination);
        }
    }

    /**
     * Where a container path is on the host.
     *
     * @param host the host path
     * @param bind the bind mount it is in, null when it is in the root
     * @param path the container path, normalised
     */
    public record Location(Path host, Bind bind, String path) {
        /** Whether the mount holding the path is read-only. */
        public boolean readOnly(MountedTree tree) {
            return bind == null ? tree.rootReadOnly() : bind.readOnly();
        }

        /** Whether the path is the mount point of a bind (a file's bind: the file itself). */
        public boolean isMountPoint() {
            return bind != null && bind.parts().size() == components(path).size();
        }
    }

    /** The location of the container path {@code parts} (components, no {@code .} or {@code ..}). */
    public Location locate(List<String> parts) {
        Bind holder = null;
        int depth = -1;
        for (Bind b : binds) {
            List<String> d = b.parts();
            if (d.size() > depth && d.size() <= parts.size() && parts.subList(0, d.size()).equals(d)) {
                holder = b;
                depth = d.size();
            }
        }
        Path p = holder == null ? root : holder.source();
        for (String s : parts.subList(Math.max(depth, 0), parts.size())) {
            p = p.resolve(s);
        }
        return new Location(p, holder, "/" + String.join("/", parts));
    }

    /** The non-empty components of {@code path}, {@code .} left out ({@code ..} kept: the caller's to resolve). */
    static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }
}
