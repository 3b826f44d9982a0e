package io.jpod.engine;

import io.jpod.error.JpodException;
import io.jpod.host.HostFacts;
import io.jpod.network.PodNetwork;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import io.jpod.pod.PullPolicy;
import io.jpod.runtime.Exec;
import io.jpod.state.PodRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code jpod info}, {@code jpod system reset}, and the training run's idle pod. */
public final class SystemService {
    /** How long the supervisor waits for new work once nothing is left, before it exits. */
    private static final java.time.Duration SUPERVISOR_LINGER = java.time.Duration.ofSeconds(3);

    private final HostFacts host;
    private final PodService pods;

    private final Workloads workloads;
    private final Supervisor.Work scheduled;

    SystemService(HostFacts host, PodService pods, Workloads workloads, Supervisor.Work scheduled) {
        this.workloads = workloads;
        this.host = host;
        this.pods = pods;
        this.scheduled = scheduled;
    }

    /**
     * Stores pod {@code name}, one container on {@code image}, created and never started (no process, no
     * mount): what the start-up cache's training run ({@code jpod system warm-up}) lists, inspects and
     * removes, so that reading pods back from the store, the costliest part of a listing, is in the cache.
     */
    public void createIdlePod(String name, String image) {
        ContainerSpec main = ContainerSpec.builder("main", image).command("sh", "-c", "echo $(GREETING)")
                .env(new EnvVar("GREETING", "hello")).pullPolicy(PullPolicy.NEVER).build();
        pods.create(PodSpec.builder(name).labels(Map.of("app", name)).containers(main).build(), false, false);
    }

    /** What {@code jpod info} shows. */
    public record Info(HostFacts host, String runtimeVersion, String conmonVersion, String kernel, int pods, int containers,
            int running, io.jpod.host.Cgroups cgroups, PodNetwork.Backend network) {
    }

    public Info info() {
        var cs = pods.containers();
        return new Info(host, firstLine(Exec.run(List.of(host.runtime().path().toString(), "--version")).out()),
                firstLine(Exec.run(List.of(host.conmon().toString(), "--version")).out()),
                System.getProperty("os.version"), pods.pods().size(), cs.size(),
                (int) cs.stream().filter(c -> c.current() == io.jpod.state.ContainerState.RUNNING).count(),
                host.cgroups().get(), pods.lifecycle().network().backend());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** Runs the supervisor until nothing is left to do (returns at once if another runs). */
    public Supervisor.Outcome supervise() {
        pods.kubelet().supervising();
        return new Supervisor(pods.kubelet().supervisorLock(), Supervisor.both(Supervisor.both(pods.kubelet(), workloads), scheduled),
                SUPERVISOR_LINGER).run();
    }

    /** What reset removed, and what it could not. */
    public record ResetReport(List<String> removedPods, List<String> errors) {
    }

    /**
     * Removes every pod, container, image and layer of this user and all of jpod's directories;
     * rootless, it ends the user namespace holder too (the next command starts a new one).
     */
    public ResetReport reset() {
        List<String> removed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Supervisor.stop(pods.kubelet().supervisorLock());
        for (PodRow p : pods.state().pods()) {
            try {
                pods.removePod(p.id(), true);
                removed.add(p.id());
            } catch (JpodException e) {
                errors.add(p.name() + ": " + e.getMessage());
            }
        }
        try {
            pods.lifecycle().network().endAll(); // a network held up with no pod on it (as root: a bridge of the host)
        } catch (JpodException e) {
            errors.add(e.getMessage());
        }
        unmountAllUnder(host.paths().dataDir());
        for (Path dir : List.of(host.paths().dataDir(), host.paths().runDir())) {
            try {
                FileOps.deleteTree(dir);
            } catch (JpodException e) {
                errors.add(e.getMessage());
            }
        }
        if (host.rootless()) {
            String holder = System.getenv("JPOD_USERNS_PID");
            if (holder != null && holder.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(holder)).ifPresent(ProcessHandle::destroy);
            }
        }
        return new ResetReport(removed, errors);
    }

    private static void unmountAllUnder(Path dir) {
        String prefix = dir.toAbsolutePath() + "/";
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mounts"))) {
            List<String> targets = new ArrayList<>(lines.map(l -> l.split(" ")).filter(f -> f.length > 1)
                    .map(f -> f[1]).filter(t -> t.startsWith(prefix)).toList());
            java.util.Collections.reverse(targets);
            for (String t : targets) {
                Exec.run(List.of("umount", "-l", t));
            }
        } catch (IOException e) {
            // nothing mounted that we can see
        }
    }
}
