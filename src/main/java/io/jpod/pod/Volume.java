package io.jpod.pod;

import java.util.List;

/**
 * A pod volume: a name and exactly one source.
 *
 * @param name      the volume's name (what volumeMounts refer to)
 * @param emptyDir  a per-pod directory (disk) or tmpfs, shared by the pod's containers
 * @param hostPath  a path of the host
 * @param files     files from a ConfigMap, Secret or the pod's fields, resolved when the YAML was read
 * @param claim     a named volume (a persistentVolumeClaim)
 * @param fsGroup   the pod's securityContext.fsGroup, for the volumes whose files it owns (not hostPath); null: none
 */
public record Volume(String name, EmptyDir emptyDir, HostPath hostPath, Files files, Claim claim, Long fsGroup) {
    public Volume {
        int sources = (emptyDir != null ? 1 : 0) + (hostPath != null ? 1 : 0) + (files != null ? 1 : 0) + (claim != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("volume " + name + " needs exactly one source");
        }
    }

    public static Volume emptyDir(String name, boolean memory, Long sizeLimitBytes) {
        return new Volume(name, new EmptyDir(memory ? EmptyDir.MEMORY : "", sizeLimitBytes), null, null, null, null);
    }

    public static Volume hostPath(String name, String path, HostPath.Type type) {
        return new Volume(name, null, new HostPath(path, type), null, null, null);
    }

    public static Volume files(String name, Files files) {
        return new Volume(name, null, null, files, null, null);
    }

    public static Volume claim(String name, String claimName, boolean readOnly) {
        return new Volume(name, null, null, null, new Claim(claimName, readOnly), null);
    }

    /** This volume with its files owned by group {@code gid} (the pod's fsGroup; ignored for a hostPath, as Kubernetes does). */
    public Volume withFsGroup(Long gid) {
        return hostPath != null ? this : new Volume(name, emptyDir, hostPath, files, claim, gid);
    }

    /** Whether this is a per-pod tmpfs. */
    public boolean memory() {
        return emptyDir != null && EmptyDir.MEMORY.equals(emptyDir.medium());
    }

    /** The source of an emptyDir volume: medium "" (disk) or "Memory" (tmpfs of at most sizeLimit bytes, null: no limit). */
    public record EmptyDir(String medium, Long sizeLimit) {
        public static final String MEMORY = "Memory";
    }

    /**
     * A named volume: what a persistentVolumeClaim volume mounts.
     *
     * @param claimName the named volume's name
     * @param readOnly  whether every mount of it is read-only
     */
    public record Claim(String claimName, boolean readOnly) {
    }

    /** A host path (absolute) and what must be there when a container starts. */
    public record HostPath(String path, Type type) {
        public HostPath {
            type = type == null ? Type.ANY : type;
        }

        /** Kubernetes' hostPath types. */
        public enum Type {
            ANY(""), DIRECTORY_OR_CREATE("DirectoryOrCreate"), DIRECTORY("Directory"), FILE_OR_CREATE("FileOrCreate"),
            FILE("File"), SOCKET("Socket"), CHAR_DEVICE("CharDevice"), BLOCK_DEVICE("BlockDevice");

            private final String kube;

            Type(String kube) {
                this.kube = kube;
            }

            public String kube() {
                return kube;
            }
        }
    }

    /**
     * The files of a configMap, secret, downwardAPI or projected volume, resolved when the YAML was read.
     *
     * @param secret      whether any of them comes from a Secret (kept in a directory only its owner can enter)
     * @param source      the ConfigMap's or Secret's name (null for downwardAPI and projected)
     * @param files       the files, relative paths
     * @param kind        the YAML's volume source: configMap, secret, downwardAPI or projected (null: configMap or
     *                    secret, as {@code secret} says, in rows stored before the others existed)
     * @param optional    optional: true (a missing ConfigMap or Secret is an empty volume)
     * @param defaultMode defaultMode as written, or null
     * @param items       whether items were given (the files are those named there, not every key)
     * @param parts       a projected volume's sources, in order, each of kind configMap, secret or downwardAPI
     */
    public record Files(boolean secret, String source, List<File> files, String kind, boolean optional, Integer defaultMode,
            boolean items, List<Files> parts) {
        public static final String CONFIG_MAP = "configMap";
        public static final String SECRET = "secret";
        public static final String DOWNWARD_API = "downwardAPI";
        public static final String PROJECTED = "projected";

        public Files {
            files = files == null ? List.of() : List.copyOf(files);
            kind = kind == null ? (secret ? SECRET : CONFIG_MAP) : kind;
            parts = parts == null ? List.of() : List.copyOf(parts);
        }

        /** The files of every key of a ConfigMap or Secret. */
        public Files(boolean secret, String source, List<File> files) {
            this(secret, source, files, null, false, null, false, null);
        }

        @Override
        public String toString() {
            return kind + (source == null ? "" : " " + source) + " " + files.stream().map(File::path).toList();
        }
    }

    /**
     * One file of a configMap, secret, downwardAPI or projected volume.
     *
     * @param path    relative path
     * @param content text
     * @param mode    permission bits
     * @param key     the key (or a downwardAPI file's fieldPath) it was made from; null: its path
     */
    public record File(String path, String content, int mode, String key) {
        public File(String path, String content, int mode) {
            this(path, content, mode, null);
        }

        /** The key it was made from. */
        public String source() {
            return key == null ? path : key;
        }

        @Override
        public String toString() {
            return path; // never the content: it may be a Secret's
        }
    }
}
