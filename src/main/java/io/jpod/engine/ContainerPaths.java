package io.jpod.engine;

import io.jpod.host.HostPaths;
import io.jpod.runtime.Conmon;
import io.jpod.storage.RootfsMounter;
import java.nio.file.Path;
import java.util.List;

/**
 * Where one container's files are: the only place that names them. Under the data directory
 * {@code containers/<id>/}: {@code bundle/config.json}, {@code ctr.log}, {@code overlay/} (the app
 * container's rootfs), {@code rootfs/} (the infra container's empty root) and {@code userdata/} (an
 * infra container's: the pod's files); under the run directory {@code containers/<id>/} (pid files, conmon's {@code oom} file,
 * the {@code stopping} marker, slirp4netns's files), {@code exits/<id>} and the network socket.
 *
 * @param id   the container id (64 hex)
 * @param data {@code $DATA/containers/<id>}
 * @param run  {@code $RUN/containers/<id>}
 * @param exit the exit code conmon writes: {@code $RUN/exits/<id>}
 * @param netSocket slirp4netns's API socket of an infra container: a short path, as a socket's path is at most 107 bytes
 */
record ContainerPaths(String id, Path data, Path run, Path exit, Path netSocket) {

    static ContainerPaths of(HostPaths paths, String id) {
        return new ContainerPaths(id, paths.containers().resolve(id), paths.runDir().resolve("containers").resolve(id),
                paths.exits().resolve(id), paths.runDir().resolve("net").resolve(id.substring(0, 12) + ".sock"));
    }

    /** The OCI bundle: holds config.json. */
    Path bundle() {
        return data.resolve("bundle");
    }

    Path config() {
        return bundle().resolve("config.json");
    }

    /** The k8s-file log conmon writes. */
    Path log() {
        return data.resolve("ctr.log");
    }

    /** An app container's overlay: upper, work and merged (its rootfs). */
    RootfsMounter.Layout overlay() {
        return new RootfsMounter.Layout(data.resolve("overlay"));
    }

    /** An infra container's root: an empty directory, catatonit bound in. */
    Path infraRootfs() {
        return data.resolve("rootfs");
    }

    /** An infra container's: the pod's /etc files and volumes. */
    Path userdata() {
        return data.resolve("userdata");
    }

    /** An infra container's: the pod's /etc/hosts. */
    Path etcHosts() {
        return userdata().resolve("hosts");
    }

    /** An infra container's: the pod's /etc/hostname. */
    Path etcHostname() {
        return userdata().resolve("hostname");
    }

    /** An infra container's: the pod's /etc/resolv.conf. */
    Path resolvConf() {
        return userdata().resolve("resolv.conf");
    }

    /** What conmon is told of this container's files (its pid files are in the run directory). */
    Conmon.ContainerFiles conmonFiles(Path socketDir, List<String> exitCommand) {
        return new Conmon.ContainerFiles(bundle(), run, log(), exit.getParent(), socketDir, exitCommand);
    }

    /** conmon's mark of an OOM kill in the container's cgroup (it is conmon's persist directory). */
    Path oomFile() {
        return Conmon.oomFile(run);
    }

    /** Says that the container's processes are frozen ({@code jpod pause}) until {@code jpod unpause}. */
    Path paused() {
        return run.resolve("paused");
    }

    /** Tells bin/jpod that jpod itself is stopping the container (bin/jpod names it too). */
    Path stopping() {
        return run.resolve("stopping");
    }
}
