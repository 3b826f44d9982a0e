package io.jpod.cli;

import io.jpod.engine.PodService;
import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerStatus;
import io.jpod.state.ContainerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod inspect CONTAINER...}: podman-shaped JSON of containers. */
@Command(name = "inspect", description = "Display the configuration of containers.")
public final class InspectCommand extends EngineCommand {
    @Option(names = {"-f", "--format"}, description = "json (default) or a Go template.")
    String format;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        return PerObject.inspect(this, Targets.containers(this, names, false, latest, x -> true), format, false, n -> inspect(engine().pods().container(n)));
    }

    static String iso(java.time.Instant t) {
        return t == null ? "0001-01-01T00:00:00Z" : t.toString();
    }

    private Map<String, Object> inspect(ContainerInfo c) {
        ContainerRow r = c.row();
        ContainerStatus s = r.status();
        boolean running = c.current() == ContainerState.RUNNING;
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("OciVersion", "1.0.2");
        state.put("Status", c.current().label());
        state.put("Running", running);
        state.put("Paused", c.current() == ContainerState.PAUSED);
        state.put("Restarting", c.restartAt() != null);
        PodService.ContainerDetails details = engine().pods().details(r);
        // podman's OOMKilled: conmon saw an OOM kill in the container's cgroup; rootless jpod gives a container no
        // cgroup of its own, so nothing counts, and the field is left out
        if (details.oomKilled() != null) {
            state.put("OOMKilled", details.oomKilled());
        }
        // podman's Dead is its state machine's "bad state", which jpod's states (an enum, read back whole) never are
        state.put("Dead", false);
        state.put("Pid", c.current().live() ? s.pid() : 0);
        state.put("ConmonPid", c.current().live() ? s.conmonPid() : 0);
        state.put("ExitCode", s.exitCode() == null ? 0 : s.exitCode());
        state.put("Error", "");
        if (details.cgroup() != null) {
            state.put("CgroupPath", details.cgroup());
        }
        state.put("StartedAt", iso(s.startedAt()));
        state.put("FinishedAt", iso(s.finishedAt()));
        // the kubelet's words: why it waits (CrashLoopBackOff, and until when), how its last run ended
        if (c.restartAt() != null) {
            state.put("Reason", c.waitingReason());
            state.put("RestartAt", iso(c.restartAt()));
        } else if (c.current() == ContainerState.EXITED && s.exitCode() != null) {
            state.put("Reason", s.exitCode() == 0 ? "Completed" : "Error");
        }
        var p = r.config().process();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Hostname", engine().pods().podOfContainer(r).spec().hostname());
        config.put("Env", p.shownEnv());
        config.put("Cmd", p.argsShown());
        config.put("Image", r.infra() ? "" : r.imageName());
        config.put("WorkingDir", p.workingDir());
        config.put("User", p.user() == null ? "" : p.user());
        config.put("Labels", c.labels());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", r.id());
        m.put("Created", iso(r.created()));
        m.put("Path", p.argsShown().isEmpty() ? "" : p.argsShown().get(0));
        m.put("Args", p.argsShown().size() > 1 ? p.argsShown().subList(1, p.argsShown().size()) : List.of());
        m.put("State", state);
        m.put("Image", r.infra() ? "" : r.imageId());
        m.put("ImageName", r.infra() ? "" : r.imageName());
        m.put("Pod", r.podId());
        m.put("PodName", c.podName());
        m.put("Name", r.name());
        m.put("RestartCount", s.restartCount());
        m.put("Driver", details.storageDriver().label());
        m.put("OCIRuntime", engine().host().runtime().name());
        m.put("LogPath", engine().pods().logFile(r).toString());
        m.put("IsInfra", r.infra());
        m.put("Config", config);
        m.put("HostConfig", Map.of("RestartPolicy", Map.of("Name",
                engine().pods().podOfContainer(r).spec().restartPolicy().kubeName().toLowerCase(java.util.Locale.ROOT))));
        return m;
    }
}
