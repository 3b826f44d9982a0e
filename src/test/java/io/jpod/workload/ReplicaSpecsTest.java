package io.jpod.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import io.jpod.pod.Volume;
import io.jpod.pod.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaSpecsTest {
    private static final Volume DOWNWARD = Volume.files("info", new Volume.Files(false, null, List.of(
            new Volume.File("name", "web", 0644, "metadata.name"),
            new Volume.File("labels", "app=\"web\"", 0644, "metadata.labels")),
            Volume.Files.DOWNWARD_API, false, null, true, null));

    private static Workload workload(Workload.Kind kind, PodSpec template) {
        return new Workload(kind, "web", "shop", Map.of(), Map.of(), template, "abc12", 2,
                kind == Workload.Kind.JOB ? null : Workload.Strategy.DEPLOYMENT_DEFAULT, 0,
                kind == Workload.Kind.JOB ? new Workload.JobSpec(3, 1, 6, null, null, true) : null);
    }

    private static PodSpec template(RestartPolicy policy) {
        return PodSpec.builder("web").labels(Map.of("app", "web")).restartPolicy(policy)
                .containers(ContainerSpec.builder("app", "busybox").env(List.of(
                        EnvVar.ofField("POD", "web", "metadata.name"),
                        EnvVar.ofField("UID", "x", "metadata.uid"),
                        EnvVar.ofField("APP", "web", "metadata.labels['app']"),
                        new EnvVar("PLAIN", "web"))).build())
                .volumes(List.of(DOWNWARD)).build();
    }

    @Test
    void aDeploymentsReplicaIsTheTemplateUnderItsOwnName() {
        PodSpec p = ReplicaSpecs.pod(workload(Workload.Kind.DEPLOYMENT, template(RestartPolicy.ALWAYS)), "web-abc12-x7k2p", null);
        assertEquals("web-abc12-x7k2p", p.name());
        assertEquals("web-abc12-x7k2p", p.hostname(), "the hostname follows the pod's name when the template sets none");
        assertEquals(Map.of("app", "web", "pod-template-hash", "abc12"), p.labels());
        assertEquals("Deployment/web", ReplicaSpecs.owner(p));
        List<EnvVar> env = p.containers().get(0).env();
        assertEquals("web-abc12-x7k2p", env.get(0).value(), "fieldRef metadata.name read again");
        assertEquals(new io.jpod.pod.PodMetadata("web-abc12-x7k2p", "shop", Map.of(), Map.of()).uid(), env.get(1).value(),
                "metadata.uid: the replica's own");
        assertEquals("web", env.get(2).value());
        assertEquals("web", env.get(3).value(), "a value written in the YAML stays as written");
        List<Volume.File> files = p.volume("info").files().files();
        assertEquals("web-abc12-x7k2p", files.get(0).content());
        assertEquals("app=\"web\"\npod-template-hash=\"abc12\"", files.get(1).content(), "the labels file has the controller's label");
    }

    @Test
    void anIndexedJobsPodKnowsItsIndex() {
        PodSpec p = ReplicaSpecs.pod(workload(Workload.Kind.JOB, template(RestartPolicy.NEVER)), "web-2-q9z4m", 2);
        assertEquals("2", p.annotations().get(ReplicaSpecs.COMPLETION_INDEX));
        assertEquals("2", p.labels().get(ReplicaSpecs.COMPLETION_INDEX));
        assertEquals("web", p.labels().get("job-name"));
        assertEquals(EnvVar.ofField("JOB_COMPLETION_INDEX", "2", "metadata.annotations['batch.kubernetes.io/job-completion-index']"),
                p.containers().get(0).env().get(0));
        assertEquals(RestartPolicy.NEVER, p.restartPolicy());
        assertNull(p.labels().get(ReplicaSpecs.TEMPLATE_HASH_LABEL));
    }

    @Test
    void aHostnameTheTemplateSetsIsKept() {
        PodSpec t = template(RestartPolicy.ALWAYS).toBuilder().hostname("fixed").build();
        assertEquals("fixed", ReplicaSpecs.pod(workload(Workload.Kind.DAEMONSET, t), "web-k2j4h", null).hostname());
    }
}
