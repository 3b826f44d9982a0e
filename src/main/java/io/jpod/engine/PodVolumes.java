package io.jpod.engine;

import io.jpod.error.RuntimeFailureException;
import io.jpod.oci.RuntimeSpec;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.KubeExpansion;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Volume;
import io.jpod.pod.VolumeMount;
import io.jpod.runtime.Exec;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A pod's volumes on the host, kept in the pod's files directory (that of its infra container):
 * {@code volumes/<name>} for emptyDir (a tmpfs mounted there for medium Memory) and configMap
 * volumes, {@code secrets/<name>} (in a directory only its owner can enter) for secret volumes.
 * hostPath volumes are checked (or created) as their type says; persistentVolumeClaim volumes are
 * named volumes, {@code <volumes>/<claimName>/_data}.
 *
 * @param root    the pod's files directory
 * @param volumes the named volumes' directory
 */
record PodVolumes(Path root, Path volumes) {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final int S_IFMT = 0170000;

    /** The host directory of {@code v}; for a hostPath volume, its path. */
    Path source(Volume v) {
        if (v.hostPath() != null) {
            return Path.of(v.hostPath().path());
        }
        if (v.claim() != null) {
            return data(volumes, v.claim().claimName());
        }
        return root.resolve(v.files() != null && v.files().secret() ? "secrets" : "volumes").resolve(v.name());
    }

    /** The data directory of the named volume {@code name} kept in {@code volumes}. */
    static Path data(Path volumes, String name) {
        return volumes.resolve(name).resolve("_data");
    }

    /** Makes every volume of {@code pod} ready: directories, tmpfs mounts, files, hostPath checks. Idempotent. */
    void prepare(PodSpec pod, String what) {
        for (Volume v : pod.volumes()) {
            try {
                if (v.hostPath() != null) {
                    checkHostPath(v, what);
                } else if (v.claim() != null) {
                    if (!Files.isDirectory(source(v))) {
                        throw new MissingVolumeException(what, v.name(), v.claim().claimName());
                    }
                } else if (v.files() != null) {
                    writeFiles(v);
                } else {
                    Path dir = source(v);
                    Files.createDirectories(dir);
                    if (v.memory() && !mounted(dir)) {
                        String opts = "mode=1777" + (v.emptyDir().sizeLimit() == null ? "" : ",size=" + v.emptyDir().sizeLimit());
                        Exec.check(what, List.of("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir.toString()));
                    }
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                }
                if (v.fsGroup() != null && v.hostPath() == null) {
                    ownByGroup(source(v), v.fsGroup(), v.files() != null);
                }
            } catch (IOException e) {
                throw new RuntimeFailureException(what, "volume " + v.name() + ": cannot prepare " + source(v) + ": " + e.getMessage(), e);
            }
        }
    }

    private void writeFiles(Volume v) throws IOException {
        Path dir = source(v);
        if (v.files().secret()) {
            Files.createDirectories(dir.getParent());
            Files.setPosixFilePermissions(dir.getParent(), OWNER_ONLY);
        }
        FileOps.deleteTree(dir);
        Files.createDirectories(dir);
        for (Volume.File f : v.files().files()) {
            Path file = dir.resolve(f.path()).normalize();
            if (!file.startsWith(dir)) {
                throw new IOException(f.path() + " is outside the volume");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.content());
            Files.setPosixFilePermissions(file, permissions(f.mode()));
        }
    }

    /**
     * What the kubelet does for a pod's fsGroup: every file and directory of the volume owned by the
     * group, which may read it (and write it, unless the volume is read-only); directories setgid, so
     * that what is made in them belongs to the group too.
     */
    static void ownByGroup(Path dir, long gid, boolean readOnly) throws IOException {
        int mask = readOnly ? 0440 : 0660;
        List<Path> all;
        try (var walk = Files.walk(dir)) {
            all = walk.toList();
        }
        for (Path p : all) {
            if (Files.isSymbolicLink(p)) {
                continue;
            }
            Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            int want = mode | mask | (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? 02110 : 0);
            if (want != mode) {
                Files.setAttribute(p, "unix:mode", want, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder sb = new StringBuilder();
        String rwx = "rwx";
        for (int bit = 8; bit >= 0; bit--) {
            sb.append((mode & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
        }
        return PosixFilePermissions.fromString(sb.toString());
    }

    private static void checkHostPath(Volume v, String what) throws IOException {
        Path p = Path.of(v.hostPath().path());
        Volume.HostPath.Type type = v.hostPath().type();
        switch (type) {
            case ANY -> {
                return;
            }
            case DIRECTORY_OR_CREATE -> {
                if (!Files.exists(p)) {
                    Files.createDirectories(p);
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            case FILE_OR_CREATE -> {
                if (!Files.exists(p)) {
                    try {
                        Files.createFile(p);
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                    } catch (FileAlreadyExistsException e) {
                        // made meanwhile: checked below
                    }
                }
            }
            default -> {
            }
        }
        int want = switch (type) {
            case DIRECTORY, DIRECTORY_OR_CREATE -> 0040000;
            case FILE, FILE_OR_CREATE -> 0100000;
            case SOCKET -> 0140000;
            case CHAR_DEVICE -> 0020000;
            case BLOCK_DEVICE -> 0060000;
            case ANY -> 0;
        };
        int mode;
        try {
            mode = (Integer) Files.getAttribute(p, "unix:mode");
        } catch (IOException e) {
            throw new RuntimeFailureException(what, "volume " + v.name() + ": hostPath " + p + " does not exist (type "
                    + type.kube() + ")");
        }
        if ((mode & S_IFMT) != want) {
            throw new RuntimeFailureException(what, "volume " + v.name() + ": hostPath " + p + " is not a "
                    + type.kube().replace("OrCreate", "") + " (type " + type.kube() + ")");
        }
    }

    /**
     * As podman's named volumes on first use: an empty one owned by root is given to the user of the
     * first container that mounts it, so that a container not running as root can write to it.
     */
    void chownEmptyClaims(PodSpec pod, ContainerSpec c, long uid, long gid, String what) {
        if (uid == 0 && gid == 0) {
            return;
        }
        for (VolumeMount m : c.volumeMounts()) {
            Volume v = pod.volume(m.name());
            if (v == null || v.claim() == null || m.readOnly() || v.claim().readOnly() || m.subPath() != null
                    || m.subPathExpr() != null) {
                continue;
            }
            Path dir = source(v);
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty() && ((Integer) Files.getAttribute(dir, "unix:uid")) == 0
                        && ((Integer) Files.getAttribute(dir, "unix:gid")) == 0) {
                    Files.setAttribute(dir, "unix:uid", (int) uid);
                    Files.setAttribute(dir, "unix:gid", (int) gid);
                }
            } catch (IOException e) {
                throw new RuntimeFailureException(what, "volume " + v.name() + ": cannot prepare " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** The bind mounts of {@code c}'s volumeMounts. */
    List<RuntimeSpec.Mount> mounts(PodSpec pod, ContainerSpec c, String what) {
        List<RuntimeSpec.Mount> out = new ArrayList<>();
        for (VolumeMount m : c.volumeMounts()) {
            Volume v = pod.volume(m.name());
            if (v == null) {
                throw new RuntimeFailureException(what, "container " + c.name() + " mounts volume " + m.name()
                        + " that pod " + pod.name() + " does not have");
            }
            Path source = source(v);
            String subPath = subPath(m, c, what);
            if (subPath != null) {
                source = source.resolve(subPath).normalize();
                if (!source.startsWith(source(v))) {
                    throw new RuntimeFailureException(what, "volume " + v.name() + ": subPath " + subPath + " is outside the volume");
                }
                // as the kubelet does: a missing subPath of an emptyDir or hostPath is made
                if (v.files() == null && !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createDirectories(source);
                        if (v.emptyDir() != null) {
                            Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rwxrwxrwx"));
                        }
                    } catch (IOException e) {
                        throw new RuntimeFailureException(what, "volume " + v.name() + ": cannot create subPath " + subPath
                                + ": " + e.getMessage(), e);
                    }
                }
                if (!Files.exists(source)) {
                    throw new RuntimeFailureException(what, "volume " + v.name() + ": subPath " + subPath + " does not exist");
                }
                source = inside(v, source, subPath, what);
            }
            boolean readOnly = m.readOnly() || v.files() != null || v.claim() != null && v.claim().readOnly();
            out.add(RuntimeSpec.Mount.bind(source.toString(), m.mountPath(), readOnly));
        }
        return out;
    }

    /**
     * The subPath of a mount: as written, or its subPathExpr with {@code $(VAR)} taken from the
     * container's environment, as the kubelet does (a reference to no variable stays as written).
     */
    static String subPath(VolumeMount m, ContainerSpec c, String what) {
        if (m.subPathExpr() == null) {
            return m.subPath();
        }
        java.util.Map<String, String> vars = new java.util.HashMap<>();
        c.env().forEach(e -> vars.put(e.name(), e.value() == null ? "" : e.value()));
        String sub = KubeExpansion.expand(m.subPathExpr(), vars);
        if (sub.isEmpty() || sub.startsWith("/") || List.of(sub.split("/")).contains("..")) {
            throw new RuntimeFailureException(what, "volumeMount " + m.mountPath() + ": subPathExpr " + m.subPathExpr() + " gives \""
                    + sub + "\": it must be a relative path without '..'");
        }
        return sub;
    }

    /**
     * The real path of a subPath, which must stay in the volume: a container may have made a
     * symlink in it pointing anywhere on the host, and the runtime would follow it.
     */
    private Path inside(Volume v, Path source, String subPath, String what) {
        try {
            Path real = source.toRealPath();
            if (!real.startsWith(source(v).toRealPath())) {
                throw new RuntimeFailureException(what, "volume " + v.name() + ": subPath " + subPath
                        + " leads out of the volume (a symbolic link)");
            }
            return real;
        } catch (IOException e) {
            throw new RuntimeFailureException(what, "volume " + v.name() + ": subPath " + subPath + ": " + e.getMessage(), e);
        }
    }

    /** Unmounts every mount below the pod's files directory (the tmpfs of Memory volumes). */
    void unmount(String what) {
        List<String> targets = mountsBelow(root);
        for (String t : targets) {
            if (!Exec.run(List.of("umount", t)).ok()) {
                Exec.check(what, List.of("umount", "-l", t));
            }
        }
    }

    private static boolean mounted(Path dir) {
        return mountsBelow(dir).contains(dir.toString());
    }

    /** Mount points at or below {@code dir}, deepest first. */
    static List<String> mountsBelow(Path dir) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 1) {
                    String target = f[1].replace("\\040", " ");
                    if (Path.of(target).startsWith(dir)) {
                        out.add(target);
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparingInt(String::length).reversed());
        return out;
    }
}
