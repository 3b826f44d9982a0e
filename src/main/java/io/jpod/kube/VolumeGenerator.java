package io.jpod.kube;

import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.DownwardAPIProjection;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Volume;
import io.jpod.pod.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The way back of {@link VolumeTranslator} and {@link FileVolumes}: a pod's volumes and a container's
 * volumeMounts as Kubernetes writes them, and a named volume as a PersistentVolumeClaim (as podman's
 * {@code kube generate VOLUME}). Defaults are left out, so that a replay gives the same pod.
 */
final class VolumeGenerator {
    /** What a generated claim asks for: podman's defaults. */
    static final String ACCESS_MODE = "ReadWriteOnce";
    static final String STORAGE = "1Gi";

    private VolumeGenerator() {
    }

    /** The pod's volumes; null when it has none. */
    static List<io.fabric8.kubernetes.api.model.Volume> volumes(PodSpec pod) {
        if (pod.volumes().isEmpty()) {
            return null;
        }
        List<io.fabric8.kubernetes.api.model.Volume> out = new ArrayList<>();
        for (Volume v : pod.volumes()) {
            VolumeBuilder b = new VolumeBuilder().withName(v.name());
            if (v.emptyDir() != null) {
                EmptyDirVolumeSource e = new EmptyDirVolumeSource();
                e.setMedium(v.memory() ? Volume.EmptyDir.MEMORY : null);
                e.setSizeLimit(v.emptyDir().sizeLimit() == null ? null : quantity(v.emptyDir().sizeLimit()));
                b.withEmptyDir(e);
            } else if (v.hostPath() != null) {
                String type = v.hostPath().type().kube();
                b.withHostPath(new HostPathVolumeSource(v.hostPath().path(), type.isEmpty() ? null : type));
            } else if (v.claim() != null) {
                b.withPersistentVolumeClaim(new PersistentVolumeClaimVolumeSource(v.claim().claimName(),
                        v.claim().readOnly() ? true : null));
            } else {
                files(b, v.files());
            }
            out.add(b.build());
        }
        return out;
    }

    private static void files(VolumeBuilder b, Volume.Files f) {
        int dflt = f.defaultMode() == null ? FileVolumes.DEFAULT_MODE : f.defaultMode();
        Boolean optional = f.optional() ? true : null;
        switch (f.kind()) {
            case Volume.Files.SECRET -> {
                SecretVolumeSource s = new SecretVolumeSource();
                s.setSecretName(f.source());
                s.setDefaultMode(f.defaultMode());
                s.setItems(items(f, dflt));
                s.setOptional(optional);
                b.withSecret(s);
            }
            case Volume.Files.DOWNWARD_API -> {
                DownwardAPIVolumeSource d = new DownwardAPIVolumeSource();
                d.setDefaultMode(f.defaultMode());
                d.setItems(fields(f, dflt));
                b.withDownwardAPI(d);
            }
            case Volume.Files.PROJECTED -> {
                List<VolumeProjection> sources = new ArrayList<>();
                for (Volume.Files p : f.parts()) {
                    VolumeProjection s = new VolumeProjection();
                    Boolean opt = p.optional() ? true : null;
                    switch (p.kind()) {
                        case Volume.Files.SECRET -> {
                            SecretProjection sp = new SecretProjection();
                            sp.setName(p.source());
                            sp.setItems(items(p, dflt));
                            sp.setOptional(opt);
                            s.setSecret(sp);
                        }
                        case Volume.Files.DOWNWARD_API -> {
                            DownwardAPIProjection dp = new DownwardAPIProjection();
                            dp.setItems(fields(p, dflt));
                            s.setDownwardAPI(dp);
                        }
                        default -> {
                            ConfigMapProjection cp = new ConfigMapProjection();
                            cp.setName(p.source());
                            cp.setItems(items(p, dflt));
                            cp.setOptional(opt);
                            s.setConfigMap(cp);
                        }
                    }
                    sources.add(s);
                }
                ProjectedVolumeSource p = new ProjectedVolumeSource();
                p.setDefaultMode(f.defaultMode());
                p.setSources(sources);
                b.withProjected(p);
            }
            default -> {
                ConfigMapVolumeSource cm = new ConfigMapVolumeSource();
                cm.setName(f.source());
                cm.setDefaultMode(f.defaultMode());
                cm.setItems(items(f, dflt));
                cm.setOptional(optional);
                b.withConfigMap(cm);
            }
        }
    }

    /** items as written (null when every key was taken); a mode only where it differs from the default. */
    private static List<KeyToPath> items(Volume.Files f, int dflt) {
        if (!f.items()) {
            return null;
        }
        List<KeyToPath> out = new ArrayList<>();
        for (Volume.File file : f.files()) {
            KeyToPath k = new KeyToPath();
            k.setKey(file.source());
            k.setPath(file.path());
            k.setMode(file.mode() == dflt ? null : file.mode());
            out.add(k);
        }
        return out;
    }

    private static List<DownwardAPIVolumeFile> fields(Volume.Files f, int dflt) {
        List<DownwardAPIVolumeFile> out = new ArrayList<>();
        for (Volume.File file : f.files()) {
            DownwardAPIVolumeFile d = new DownwardAPIVolumeFile();
            ObjectFieldSelector field = new ObjectFieldSelector();
            field.setFieldPath(file.source());
            d.setFieldRef(field);
            d.setPath(file.path());
            d.setMode(file.mode() == dflt ? null : file.mode());
            out.add(d);
        }
        return out;
    }

    /** The container's volumeMounts; null when it has none. */
    static List<io.fabric8.kubernetes.api.model.VolumeMount> mounts(ContainerSpec c) {
        if (c.volumeMounts().isEmpty()) {
            return null;
        }
        List<io.fabric8.kubernetes.api.model.VolumeMount> out = new ArrayList<>();
        for (VolumeMount m : c.volumeMounts()) {
            VolumeMountBuilder b = new VolumeMountBuilder().withName(m.name()).withMountPath(m.mountPath());
            if (m.readOnly()) {
                b.withReadOnly(true);
            }
            if (m.subPath() != null) {
                b.withSubPath(m.subPath());
            }
            if (m.subPathExpr() != null) {
                b.withSubPathExpr(m.subPathExpr());
            }
            out.add(b.build());
        }
        return out;
    }

    /** The pod's fsGroup, which its volumes carry; null when it has none. */
    static Long fsGroup(PodSpec pod) {
        return pod.volumes().stream().map(Volume::fsGroup).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Bytes as Kubernetes would write them: in the largest binary unit that divides them. */
    static Quantity quantity(long bytes) {
        String[] units = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes % unit == 0) {
                return new Quantity(bytes / unit + units[i]);
            }
        }
        return new Quantity(String.valueOf(bytes));
    }

    /**
     * A named volume as a PersistentVolumeClaim: its labels, its claim's annotations, its options as podman's annotations,
     * its claim's spec (podman's access mode and size where it had none).
     */
    static PersistentVolumeClaim claim(VolumeClaim c, List<String> warnings) {
        String name = PodGenerator.checked(c.name(), KubeNames::isObjectName, KubeNames::toDns1123Label, "volume " + c.name()
                + ": name", warnings);
        Map<String, String> annotations = new LinkedHashMap<>(c.annotations());
        VolumeClaim.OPTIONS.forEach((annotation, option) -> {
            if (c.options().containsKey(option)) {
                annotations.putIfAbsent(annotation, c.options().get(option));
            }
        });
        annotations.putIfAbsent(VolumeClaim.DRIVER, "local");
        return new PersistentVolumeClaimBuilder().withApiVersion("v1").withKind(VolumeClaim.KIND)
                .withNewMetadata().withName(name).withLabels(c.labels().isEmpty() ? null : c.labels())
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withAccessModes(c.spec().accessModes().isEmpty() ? List.of(ACCESS_MODE) : c.spec().accessModes())
                .withStorageClassName(c.spec().storageClassName()).withVolumeMode(c.spec().volumeMode())
                .withNewResources().addToRequests("storage", new Quantity(c.spec().storage() == null ? STORAGE : c.spec().storage()))
                .endResources().endSpec().build();
    }
}
