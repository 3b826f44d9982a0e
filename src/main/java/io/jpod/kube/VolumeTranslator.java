package io.jpod.kube;

import io.jpod.error.Choices;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.SecurityContext;
import io.jpod.pod.Volume;
import io.jpod.pod.VolumeMount;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod's volumes, its containers' volumeMounts and security contexts (fabric8 model) → jpod's pod
 * model. configMap and secret volumes take their files from the play's ConfigMaps and Secrets.
 */
final class VolumeTranslator {
    /** Volume sources jpod does not have; a volume of one of these is an empty directory, with a warning. */
    static final List<String> UNSUPPORTED = List.of("csi", "ephemeral",
            "nfs", "iscsi", "image", "gitRepo", "awsElasticBlockStore", "gcePersistentDisk", "azureDisk", "azureFile", "cephfs",
            "rbd", "fc", "flexVolume", "glusterfs", "portworxVolume", "quobyte", "scaleIO", "storageos", "vsphereVolume",
            "cinder", "flocker", "photonPersistentDisk");

    private final KubeDocument doc;
    private final String what;
    private final String prefix;
    private final FileVolumes files;
    private final List<String> warnings;

    VolumeTranslator(KubeDocument doc, String what, String prefix, EnvSources sources, EnvTranslator.PodFields pod,
            List<String> warnings) {
        this.doc = doc;
        this.what = what;
        this.prefix = prefix;
        this.files = new FileVolumes(doc, what, sources, pod, warnings);
        this.warnings = warnings;
    }

    /** The fields honoured, for the field check (relative to the pod: prefix them). */
    static Set<String> fields(String prefix) {
        List<String> f = new ArrayList<>(List.of("spec.volumes", "spec.volumes[]", "spec.volumes[].name",
                "spec.volumes[].emptyDir.*", "spec.volumes[].hostPath.*", "spec.volumes[].configMap.*",
                "spec.volumes[].secret.*", "spec.volumes[].persistentVolumeClaim.*",
                "spec.volumes[].downwardAPI.*", "spec.volumes[].projected.*", "spec.containers[].volumeMounts", "spec.containers[].volumeMounts[]",
                "spec.containers[].volumeMounts[].name", "spec.containers[].volumeMounts[].mountPath",
                "spec.containers[].volumeMounts[].readOnly", "spec.containers[].volumeMounts[].subPath",
                "spec.containers[].volumeMounts[].subPathExpr", "spec.securityContext.fsGroup",
                "spec.securityContext", "spec.securityContext.runAsUser", "spec.securityContext.runAsGroup",
                "spec.securityContext.runAsNonRoot", "spec.securityContext.supplementalGroups.*",
                "spec.containers[].securityContext", "spec.containers[].securityContext.runAsUser",
                "spec.containers[].securityContext.runAsGroup", "spec.containers[].securityContext.runAsNonRoot",
                "spec.containers[].securityContext.readOnlyRootFilesystem",
                "spec.containers[].securityContext.allowPrivilegeEscalation",
                "spec.containers[].securityContext.privileged", "spec.containers[].securityContext.capabilities",
                "spec.containers[].securityContext.capabilities.add.*",
                "spec.containers[].securityContext.capabilities.drop.*"));
        return Set.copyOf(f.stream().map(s -> prefix + s).toList());
    }

    /** The pod's volumes, owned by the pod's fsGroup when it has one. */
    List<Volume> volumes(List<io.fabric8.kubernetes.api.model.Volume> in, PodSecurityContext pod) {
        Long fsGroup = pod == null ? null : pod.getFsGroup();
        if (fsGroup != null && fsGroup < 0) {
            throw problem(prefix + "spec.securityContext.fsGroup", "must not be negative");
        }
        return volumes(in).stream().map(v -> fsGroup == null ? v : v.withFsGroup(fsGroup)).toList();
    }

    List<Volume> volumes(List<io.fabric8.kubernetes.api.model.Volume> in) {
        List<Volume> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            var v = in.get(i);
            String at = prefix + "spec.volumes[" + i + "]";
            String name = v.getName();
            if (name == null || name.isEmpty()) {
                throw problem(at + ".name", "a volume needs a name");
            }
            if (!KubeNames.isDns1123Label(name)) {
                throw problem(at + ".name", "\"" + name + "\" is not a valid volume name: " + KubeNames.LABEL_RULE);
            }
            if (!seen.add(name)) {
                throw problem(at + ".name", "duplicate volume name \"" + name + "\"");
            }
            out.add(volume(v, name, at));
        }
        return out;
    }

    private Volume volume(io.fabric8.kubernetes.api.model.Volume v, String name, String at) {
        if (v.getHostPath() != null) {
            String path = v.getHostPath().getPath();
            if (path == null || path.isEmpty()) {
                throw problem(at + ".hostPath.path", "a hostPath volume needs a path");
            }
            String typeName = v.getHostPath().getType() == null ? "" : v.getHostPath().getType();
            Volume.HostPath.Type type = Choices.find(Volume.HostPath.Type.class, typeName, Volume.HostPath.Type::kube)
                    .orElseThrow(() -> problem(at + ".hostPath.type", Choices.unsupported(typeName, "hostPath type",
                            Arrays.stream(Volume.HostPath.Type.values()).map(t -> t.kube().isEmpty() ? "\"\"" : t.kube()).toList())));
            return Volume.hostPath(name, resolve(path).toString(), type);
        }
        if (v.getConfigMap() != null) {
            return Volume.files(name, files.configMap(v.getConfigMap(), at + ".configMap"));
        }
        if (v.getSecret() != null) {
            return Volume.files(name, files.secret(v.getSecret(), at + ".secret"));
        }
        if (v.getDownwardAPI() != null) {
            return Volume.files(name, files.downwardAPI(v.getDownwardAPI(), at + ".downwardAPI"));
        }
        if (v.getProjected() != null) {
            return Volume.files(name, files.projected(v.getProjected(), at + ".projected"));
        }
        if (v.getPersistentVolumeClaim() != null) {
            String claim = v.getPersistentVolumeClaim().getClaimName();
            if (claim == null || claim.isEmpty()) {
                throw problem(at + ".persistentVolumeClaim.claimName", "a persistentVolumeClaim volume needs a claimName");
            }
            if (!KubeNames.isObjectName(claim)) {
                throw problem(at + ".persistentVolumeClaim.claimName", "\"" + claim + "\" is not a valid claim name: " + KubeNames.SUBDOMAIN_RULE);
            }
            return Volume.claim(name, claim, Boolean.TRUE.equals(v.getPersistentVolumeClaim().getReadOnly()));
        }
        if (v.getEmptyDir() == null) {
            String type = UNSUPPORTED.stream().filter(t -> doc.node().at(FileVolumes.pointer(at) + "/" + t).isObject()).findFirst().orElse(null);
            if (type != null) {
                warnings.add(doc.where() + ": " + what + ": volume " + name + ": " + type
                        + " volumes are not supported yet: an empty directory is mounted instead");
            }
            return Volume.emptyDir(name, false, null);
        }
        String medium = v.getEmptyDir().getMedium() == null ? "" : v.getEmptyDir().getMedium();
        if (!medium.isEmpty() && !medium.equals(Volume.EmptyDir.MEMORY)) {
            throw problem(at + ".emptyDir.medium", Choices.unsupported(medium, "emptyDir medium", List.of("\"\"", Volume.EmptyDir.MEMORY)));
        }
        Long sizeLimit = bytes(v.getEmptyDir().getSizeLimit(), at + ".emptyDir.sizeLimit");
        if (medium.isEmpty() && sizeLimit != null) {
            warnings.add(doc.where() + ": " + what + ": volume " + name + ": " + DISK_SIZE_LIMIT);
        }
        return Volume.emptyDir(name, !medium.isEmpty(), sizeLimit);
    }

    /**
     * Why an emptyDir on disk keeps its sizeLimit without enforcing it: the kubelet evicts the pod when a periodic
     * scan finds the volume over its limit; jpod has no eviction, a directory of the user's has no quota rootless,
     * and a tmpfs would hold the data in memory, which is the other medium.
     */
    static final String DISK_SIZE_LIMIT = "emptyDir.sizeLimit on disk is kept but not enforced (jpod evicts no pod and a "
            + "directory has no quota here): medium: Memory makes a tmpfs of that size";

    private Long bytes(Quantity q, String at) {
        if (q == null) {
            return null;
        }
        try {
            BigDecimal b = Quantity.getAmountInBytes(q);
            if (b.signum() <= 0) {
                throw problem(at, "must be positive");
            }
            return b.setScale(0, java.math.RoundingMode.UP).longValueExact();
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw problem(at, "\"" + q + "\" is not a quantity (like 64Mi)");
        }
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path file = doc.source() == null || doc.source().equals("-") ? null : Path.of(doc.source()).toAbsolutePath().getParent();
        Path base = file != null ? file : Path.of("").toAbsolutePath();
        return base.resolve(p).normalize();
    }

    List<VolumeMount> mounts(Container c, String path, List<Volume> volumes) {
        List<VolumeMount> out = new ArrayList<>();
        if (c.getVolumeMounts() == null) {
            return out;
        }
        Set<String> names = new HashSet<>();
        volumes.forEach(v -> names.add(v.name()));
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < c.getVolumeMounts().size(); i++) {
            var m = c.getVolumeMounts().get(i);
            String at = path + ".volumeMounts[" + i + "]";
            if (m.getName() == null || !names.contains(m.getName())) {
                throw problem(at + ".name", "container " + c.getName() + " mounts volume \"" + m.getName()
                        + "\" that the pod does not have");
            }
            String mp = m.getMountPath();
            if (mp == null || !mp.startsWith("/")) {
                throw problem(at + ".mountPath", "\"" + mp + "\" is not an absolute path");
            }
            if (!paths.add(Path.of(mp).normalize().toString())) {
                throw problem(at + ".mountPath", "\"" + mp + "\" is mounted twice");
            }
            String sub = m.getSubPath() == null || m.getSubPath().isEmpty() ? null : m.getSubPath();
            if (sub != null && (sub.startsWith("/") || List.of(sub.split("/")).contains(".."))) {
                throw problem(at + ".subPath", "\"" + sub + "\" must be a relative path without '..'");
            }
            String expr = m.getSubPathExpr() == null || m.getSubPathExpr().isEmpty() ? null : m.getSubPathExpr();
            if (expr != null && sub != null) {
                throw problem(at + ".subPathExpr", "subPath and subPathExpr are mutually exclusive");
            }
            if (expr != null && (expr.startsWith("/") || List.of(expr.split("/")).contains(".."))) {
                throw problem(at + ".subPathExpr", "\"" + expr + "\" must be a relative path without '..'");
            }
            out.add(new VolumeMount(m.getName(), mp, Boolean.TRUE.equals(m.getReadOnly()), sub, expr));
        }
        return out;
    }

    /** The container's security context with the pod's merged in (the container's fields win). */
    SecurityContext security(Container c, PodSecurityContext pod, String path) {
        var s = c.getSecurityContext();
        Long user = s != null && s.getRunAsUser() != null ? s.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
        Long group = s != null && s.getRunAsGroup() != null ? s.getRunAsGroup() : pod == null ? null : pod.getRunAsGroup();
        Boolean nonRoot = s != null && s.getRunAsNonRoot() != null ? s.getRunAsNonRoot() : pod == null ? null : pod.getRunAsNonRoot();
        String at = path + ".securityContext";
        if (user != null && user < 0) {
            throw problem(at + ".runAsUser", "must not be negative");
        }
        if (group != null && group < 0) {
            throw problem(at + ".runAsGroup", "must not be negative");
        }
        if (Boolean.TRUE.equals(nonRoot) && user != null && user == 0) {
            throw problem(at + ".runAsNonRoot", "container " + c.getName() + " must not run as root but runAsUser is 0");
        }
        Capabilities caps = s == null ? null : s.getCapabilities();
        return new SecurityContext(user, group, Boolean.TRUE.equals(nonRoot), withFsGroup(pod),
                s != null && Boolean.TRUE.equals(s.getReadOnlyRootFilesystem()), s == null ? null : s.getAllowPrivilegeEscalation(),
                capNames(caps == null ? null : caps.getAdd(), at + ".capabilities.add"),
                capNames(caps == null ? null : caps.getDrop(), at + ".capabilities.drop"),
                s != null && Boolean.TRUE.equals(s.getPrivileged()));
    }

    /** The pod's supplementalGroups, and its fsGroup, which Kubernetes adds to every container's groups. */
    private static List<Long> withFsGroup(PodSecurityContext pod) {
        List<Long> groups = new ArrayList<>(pod == null || pod.getSupplementalGroups() == null ? List.of() : pod.getSupplementalGroups());
        if (pod != null && pod.getFsGroup() != null && !groups.contains(pod.getFsGroup())) {
            groups.add(pod.getFsGroup());
        }
        return groups;
    }

    /** Capability names as the OCI spec writes them: CAP_X (or ALL). */
    private List<String> capNames(List<String> names, String at) {
        List<String> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String n : names) {
            if (n == null || !n.matches("(?i)(CAP_)?[A-Z_]+")) {
                throw problem(at, "\"" + n + "\" is not a capability name");
            }
            String up = n.toUpperCase(java.util.Locale.ROOT);
            String cap = up.equals("ALL") ? "ALL" : up.startsWith("CAP_") ? up : "CAP_" + up;
            if (seen.putIfAbsent(cap, n) == null) {
                out.add(cap);
            }
        }
        return out;
    }

    private InvalidInputException problem(String path, String message) {
        return new InvalidInputException(doc.where(), path + ": " + message);
    }
}
