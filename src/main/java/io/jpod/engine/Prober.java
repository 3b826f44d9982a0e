package io.jpod.engine;

import io.jpod.host.Processes;
import io.jpod.network.PodNetwork;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.ProbeAction;
import io.jpod.state.ContainerRow;
import io.jpod.state.PodRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a probe's or a hook's action against a running container: a command ({@link ProbeExec}: jpod-exec, else
 * the OCI runtime's exec), a sleep, or a network check (HTTP, TCP, gRPC) that jpod makes itself from inside the pod's
 * network namespace ({@link Network}), so that the image needs neither curl nor nc.
 */
final class Prober {
    /** How one try went: success, or what failed. */
    record Outcome(boolean success, String message) {
        static final Outcome OK = new Outcome(true, null);
    }

    /** The network checks, made from inside the network namespace {@code netns}. */
    interface Network {
        Outcome check(Path netns, ProbeAction action, List<ContainerPort> ports, String podIp, Duration timeout);
    }

    private final ContainerLifecycle life;
    private final ProbeExec exec;
    private final Network network;

    Prober(ContainerLifecycle life, ProbeExec exec, Network network) {
        this.life = life;
        this.exec = exec;
        this.network = network;
    }

    /** Tries {@code action} against container {@code c} ({@code spec} in {@code pod}), whose pod's infra runs as {@code infraPid}. */
    Outcome run(ContainerRow c, ContainerSpec spec, PodRow pod, ProbeAction action, Duration timeout, long infraPid) {
        if (action.exec() != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExecResult r = exec.run(c, action.exec().command(), timeout, out);
            if (r.exitCode() == 0) {
                return Outcome.OK;
            }
            String said = out.toString(StandardCharsets.UTF_8).strip();
            return new Outcome(false, r.failure() != null ? r.failure() : "command " + action.exec().command() + " exited with "
                    + r.exitCode() + (said.isEmpty() ? "" : ": " + said.lines().findFirst().orElse("")));
        }
        if (action.sleep() != null) {
            Processes.sleep(action.sleep().seconds() * 1000);
            return Outcome.OK;
        }
        String podIp = switch (pod.spec().network()) {
            case SLIRP4NETNS, PASTA -> PodNetwork.POD_IP;
            case BRIDGE -> PodNetwork.sharedAddress(life.paths(pod.infraId()).run()).orElse("127.0.0.1");
            default -> "127.0.0.1";
        };
        return network.check(Path.of("/proc", Long.toString(infraPid), "ns", "net"), action, spec.ports(), podIp, timeout);
    }
}
