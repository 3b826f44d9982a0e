package io.jpod.cli;

import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.kubelet.KubeContainerStatus;
import io.jpod.kubelet.PodStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod inspect POD...}: podman-shaped JSON of pods. */
@Command(name = "inspect", description = "Display information describing a pod.")
public final class PodInspectCommand extends EngineCommand {
    @Option(names = {"-f", "--format"}, description = "json (default) or a Go template.")
    String format;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "POD", arity = "0..*")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        return PerObject.inspect(this, Targets.pods(this, names, false, latest, x -> true), format, true, n -> inspect(engine().pods().pod(n)));
    }

    private static Map<String, Object> inspect(PodInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", p.pod().id());
        m.put("Name", p.pod().name());
        m.put("Created", p.pod().created().toString());
        m.put("State", p.status());
        m.put("Hostname", p.pod().spec().hostname());
        m.put("Labels", p.pod().spec().labels());
        m.put("Annotations", p.pod().spec().annotations());
        m.put("CreateInfra", true);
        m.put("InfraContainerID", p.pod().infraId());
        m.put("SharedNamespaces", p.pod().spec().shareProcessNamespace() ? List.of("ipc", "net", "pid", "uts")
                : List.of("ipc", "net", "uts"));
        m.put("RestartPolicy", p.pod().spec().restartPolicy().kubeName());
        m.put("NumContainers", p.containers().size());
        List<Map<String, Object>> cs = new ArrayList<>();
        for (ContainerInfo c : p.containers()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("Id", c.row().id());
            cm.put("Name", c.row().name());
            cm.put("State", c.current().label());
            cs.add(cm);
        }
        m.put("Containers", cs);
        m.put("KubeStatus", kubeStatus(p.kube()));
        return m;
    }

    /** The pod's status as Kubernetes words it: phase, conditions, and each container's state. */
    private static Map<String, Object> kubeStatus(PodStatus s) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("Phase", s.phase().kubeName());
        k.put("Reason", s.shown().equals(s.phase().kubeName()) ? "" : s.shown());
        List<Map<String, Object>> conditions = new ArrayList<>();
        s.conditions().forEach((type, ok) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("Type", type);
            c.put("Status", ok ? "True" : "False");
            conditions.add(c);
        });
        k.put("Conditions", conditions);
        List<Map<String, Object>> containers = new ArrayList<>();
        for (KubeContainerStatus c : s.containers()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("Name", c.name());
            cm.put("Init", c.role() != KubeContainerStatus.Role.APP);
            cm.put("State", c.state().name().toLowerCase(java.util.Locale.ROOT));
            cm.put("Reason", c.reason() == null ? "" : c.reason());
            if (c.exitCode() != null) {
                cm.put("ExitCode", c.exitCode());
            }
            cm.put("RestartCount", c.restartCount());
            cm.put("Ready", c.ready());
            containers.add(cm);
        }
        k.put("ContainerStatuses", containers);
        return k;
    }
}
