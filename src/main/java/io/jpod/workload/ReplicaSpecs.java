package io.jpod.workload;

import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodMetadata;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Volume;
import io.jpod.pod.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workload's pod under its own name: the template renamed, with the labels and annotations the
 * controller adds ({@code pod-template-hash}, a Job's completion index), and what the pod reads of
 * its own metadata (fieldRef variables, downwardAPI files) read again for that name. Pure.
 */
public final class ReplicaSpecs {
    /** The label a Deployment's pods carry: the hash of the template they were made from. */
    public static final String TEMPLATE_HASH_LABEL = "pod-template-hash";
    /** The label a Job's pods carry: the Job's name. */
    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    /** The annotation (and label) an Indexed Job's pods carry: their completion index. */
    public static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    /** The variable an Indexed Job's containers get: their completion index. */
    public static final String COMPLETION_INDEX_ENV = "JOB_COMPLETION_INDEX";
    /** The annotation naming the workload a pod belongs to: {@code Kind/name}. */
    public static final String OWNER = "io.jpod.workload";

    private ReplicaSpecs() {
    }

    /** The pod {@code podName} of {@code w}; {@code index}: an Indexed Job's completion index, else null. */
    public static PodSpec pod(Workload w, String podName, Integer index) {
        PodSpec t = w.template();
        Map<String, String> labels = new LinkedHashMap<>(t.labels());
        Map<String, String> annotations = new LinkedHashMap<>(t.annotations());
        annotations.put(OWNER, w.kind().kubeName() + "/" + w.name());
        switch (w.kind()) {
            case DEPLOYMENT -> labels.put(TEMPLATE_HASH_LABEL, w.templateHash());
            case JOB -> {
                labels.put(JOB_NAME_LABEL, w.name());
                labels.put("job-name", w.name());
                if (index != null) {
                    labels.put(COMPLETION_INDEX, index.toString());
                    annotations.put(COMPLETION_INDEX, index.toString());
                }
            }
            case DAEMONSET -> labels.put("controller-revision-hash", w.templateHash());
        }
        PodMetadata meta = new PodMetadata(podName, w.namespace(), labels, annotations);
        String hostname = t.hostname() == null || t.hostname().equals(t.name()) ? hostname(podName) : t.hostname();
        return t.toBuilder(podName).hostname(hostname).labels(labels).annotations(annotations)
                .initContainers(t.initContainers().stream().map(c -> container(c, meta, index)).toList())
                .containers(t.containers().stream().map(c -> container(c, meta, index)).toList())
                .volumes(t.volumes().stream().map(v -> volume(v, meta)).toList())
                .build();
    }

    /** The workload a pod belongs to ({@code Kind/name}, from its annotation), or null. */
    public static String owner(PodSpec pod) {
        return pod.annotations().get(OWNER);
    }

    /** A hostname is a DNS label: at most 63 characters, as the kubelet truncates it. */
    private static String hostname(String podName) {
        String h = podName.length() > 63 ? podName.substring(0, 63) : podName;
        while (h.endsWith("-") || h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.replace('.', '-');
    }

    private static ContainerSpec container(ContainerSpec c, PodMetadata meta, Integer index) {
        List<EnvVar> env = new ArrayList<>();
        for (EnvVar e : c.env()) {
            String fresh = e.fieldPath() == null ? null : meta.field(e.fieldPath());
            env.add(fresh == null ? e : e.withValue(fresh));
        }
        if (index != null && env.stream().noneMatch(e -> e.name().equals(COMPLETION_INDEX_ENV))) {
            env.add(0, EnvVar.ofField(COMPLETION_INDEX_ENV, index.toString(), "metadata.annotations['" + COMPLETION_INDEX + "']"));
        }
        return c.toBuilder().env(env).build();
    }

    private static Volume volume(Volume v, PodMetadata meta) {
        Volume.Files f = v.files();
        if (f == null) {
            return v;
        }
        Set<String> downward = new HashSet<>();
        if (f.kind().equals(Volume.Files.DOWNWARD_API)) {
            f.files().forEach(file -> downward.add(file.path()));
        }
        f.parts().stream().filter(p -> p.kind().equals(Volume.Files.DOWNWARD_API)).forEach(p -> p.files().forEach(file -> downward.add(file.path())));
        if (downward.isEmpty()) {
            return v;
        }
        List<Volume.File> files = f.files().stream().map(file -> downward.contains(file.path()) ? reread(file, meta) : file).toList();
        List<Volume.Files> parts = f.parts().stream().map(p -> !p.kind().equals(Volume.Files.DOWNWARD_API) ? p
                : new Volume.Files(p.secret(), p.source(), p.files().stream().map(file -> reread(file, meta)).toList(), p.kind(),
                        p.optional(), p.defaultMode(), p.items(), p.parts())).toList();
        Volume.Files again = new Volume.Files(f.secret(), f.source(), files, f.kind(), f.optional(), f.defaultMode(), f.items(), parts);
        return new Volume(v.name(), v.emptyDir(), v.hostPath(), again, v.claim(), v.fsGroup());
    }

    private static Volume.File reread(Volume.File file, PodMetadata meta) {
        String content = file.key() == null ? null : meta.file(file.key());
        return content == null ? file : new Volume.File(file.path(), content, file.mode(), file.key());
    }
}
