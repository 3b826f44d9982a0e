package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.network.PortMapping;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerStatus;
import io.jpod.state.ContainerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods and containers as podman shows them: the field names of podman's JSON and of its Go
 * templates (which differ: JSON {@code Names} is a list, the template's {@code .Names} a string).
 */
final class Views {
    private Views() {
    }

    static String shortId(String id) {
        return id == null ? "" : id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** podman's COMMAND: the argv joined, cut to 17 characters and "..." unless {@code noTrunc}. */
    static String command(ContainerRow c, boolean noTrunc) {
        String command = String.join(" ", c.config().process().argsShown());
        return !noTrunc && command.length() > 17 ? command.substring(0, 17) + "..." : command;
    }

    /** podman's STATUS column: "Up 5 seconds", "Exited (0) 3 seconds ago", "Created". */
    static String status(ContainerInfo c, Instant now) {
        ContainerRow r = c.row();
        ContainerStatus s = r.status();
        return switch (c.current()) {
            case RUNNING -> "Up " + Output.humanDuration(
                    Duration.between(s.startedAt() == null ? r.created() : s.startedAt(), now));
            case CREATED -> "Created";
            case PAUSED -> "Paused";
            case EXITED, STOPPED -> "Exited (" + (s.exitCode() == null ? 0 : s.exitCode()) + ") "
                    + Output.ago(Duration.between(s.finishedAt() == null ? now : s.finishedAt(), now)) + backOff(c, now);
        };
    }

    /** For a container waiting in its crash-loop back-off: " (CrashLoopBackOff, restarts in 17 seconds)". */
    private static String backOff(ContainerInfo c, Instant now) {
        if (c.restartAt() == null) {
            return "";
        }
        Duration left = Duration.between(now, c.restartAt());
        return " (" + c.waitingReason() + (left.isNegative() || left.isZero() ? ", restarting now"
                : ", restarts in " + Output.humanDuration(left.plusMillis(999))) + ")";
    }

    static long unix(Instant t) {
        return t == null ? 0 : t.getEpochSecond();
    }

    /** {@code ps --format json}: podman's ListContainer. */
    static Map<String, Object> containerJson(ContainerInfo c, Instant now) {
        ContainerRow r = c.row();
        ContainerStatus s = r.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AutoRemove", false);
        m.put("Command", r.config().process().argsShown());
        m.put("Created", unix(r.created()));
        m.put("CreatedAt", Output.ago(Duration.between(r.created(), now)));
        m.put("Exited", c.current() == ContainerState.EXITED);
        m.put("ExitedAt", unix(s.finishedAt()));
        m.put("ExitCode", s.exitCode() == null ? 0 : s.exitCode());
        m.put("Id", r.id());
        m.put("Image", r.infra() ? "" : r.imageName());
        m.put("ImageID", r.infra() ? "" : r.imageId());
        m.put("IsInfra", r.infra());
        m.put("Labels", c.labels());
        m.put("Mounts", c.mounts());
        m.put("Names", List.of(r.name()));
        // podman fills Namespaces only for ps --ns, which jpod does not have: without it podman's is empty too
        m.put("Namespaces", Map.of());
        m.put("Networks", c.networks());
        m.put("Pid", c.current().live() ? s.pid() : 0);
        m.put("Pod", r.podId());
        m.put("PodName", c.podName());
        m.put("Ports", c.ports().isEmpty() ? null : c.ports().stream().map(Views::portJson).toList());
        m.put("Restarts", s.restartCount());
        m.put("Reason", c.waitingReason() == null ? "" : c.waitingReason());
        m.put("RestartAt", unix(c.restartAt()));
        m.put("StartedAt", unix(s.startedAt()));
        m.put("State", c.current().label());
        m.put("Status", status(c, now));
        m.put("Created", unix(r.created()));
        return m;
    }

    /** {@code ps --format '{{...}}'}: the template fields. */
    static Map<String, Object> containerRow(ContainerInfo c, Instant now, boolean noTrunc) {
        Map<String, Object> m = containerJson(c, now);
        ContainerRow r = c.row();
        m.put("ID", noTrunc ? r.id() : shortId(r.id()));
        m.put("Names", r.name());
        m.put("Command", command(r, noTrunc));
        m.put("Pod", shortId(r.podId()));
        m.put("Ports", ports(c.ports()));
        m.put("CreatedHuman", m.get("CreatedAt"));
        m.put("RunningFor", Output.humanDuration(Duration.between(r.created(), now)));
        return m;
    }

    /** podman's PORTS column: {@code 0.0.0.0:8080->80/tcp, 0.0.0.0:5353->53/udp}. */
    static String ports(List<PortMapping> ports) {
        return String.join(", ", ports.stream().map(PortMapping::toString).toList());
    }

    /** A port as podman's JSON shows it. */
    static Map<String, Object> portJson(PortMapping p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host_ip", p.hostIp().equals(PortMapping.ANY) ? "" : p.hostIp());
        m.put("container_port", p.containerPort());
        m.put("host_port", p.hostPort());
        m.put("range", 1);
        m.put("protocol", p.protocol());
        return m;
    }

    /** {@code pod ps --format json}: podman's ListPodsReport. */
    static Map<String, Object> podJson(PodInfo p, String cgroupParent) {
        Map<String, Object> m = new LinkedHashMap<>();
        // the pod's cgroup parent, where its containers' cgroups are (as root); rootless jpod makes none: empty, so
        // that a template naming it still prints (podman's is never missing either)
        m.put("Cgroup", cgroupParent == null ? "" : cgroupParent);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (ContainerInfo c : p.containers()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("Id", c.row().id());
            cm.put("Names", c.row().name());
            cm.put("Status", c.current().label());
            cm.put("RestartCount", c.row().status().restartCount());
            cs.add(cm);
        }
        m.put("Containers", cs);
        m.put("Created", p.pod().created().toString());
        m.put("Id", p.pod().id());
        m.put("InfraId", p.pod().infraId());
        m.put("Name", p.pod().name());
        // podman's Namespace is a libpod namespace (podman --namespace), empty when none is used: jpod has none
        m.put("Namespace", "");
        m.put("Networks", p.networks());
        m.put("Status", p.status());
        m.put("Labels", p.pod().spec().labels());
        // the kubelet's view of the pod, as kubectl get pods shows it
        m.put("Phase", p.kube().phase().kubeName());
        m.put("Reason", p.kube().shown().equals(p.kube().phase().kubeName()) ? "" : p.kube().shown());
        m.put("Ready", p.kube().readyColumn());
        m.put("Restarts", p.kube().restarts());
        return m;
    }

    /** {@code pod ps --format '{{...}}'}. */
    static Map<String, Object> podRow(PodInfo p, String cgroupParent, Instant now) {
        Map<String, Object> m = podJson(p, cgroupParent);
        m.put("ID", shortId(p.pod().id()));
        m.put("InfraID", shortId(p.pod().infraId()));
        m.put("Created", Output.ago(Duration.between(p.pod().created(), now)));
        m.put("NumberOfContainers", p.containers().size());
        m.put("PhaseShown", m.get("Reason").equals("") ? m.get("Phase") : m.get("Phase") + " (" + m.get("Reason") + ")");
        m.put("ContainerNames", String.join(",", p.containers().stream().map(c -> c.row().name()).toList()));
        m.put("ContainerIds", String.join(",", p.containers().stream().map(c -> shortId(c.row().id())).toList()));
        m.put("Ports", p.containers().isEmpty() ? "" : ports(p.containers().get(0).ports()));
        m.put("ContainerStatuses", String.join(",", p.containers().stream().map(c -> c.current().label()).toList()));
        return m;
    }
}
