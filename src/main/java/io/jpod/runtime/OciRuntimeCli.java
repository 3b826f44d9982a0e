package io.jpod.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.jpod.error.RuntimeFailureException;
import io.jpod.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** The OCI runtime's command line (runc or crun; they take the same verbs). */
public final class OciRuntimeCli {
    private static final JsonMapper JSON = Json.mapper();
    private final Path binary;
    private final Path root;

    /**
     * @param binary the runtime
     * @param root   its state directory (--root)
     */
    public OciRuntimeCli(Path binary, Path root) {
        this.binary = binary;
        this.root = root;
    }

    public Path binary() {
        return binary;
    }

    public Path root() {
        return root;
    }

    /** What the runtime reports of a container. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(String id, String status, long pid) {
    }

    List<String> base(String... verb) {
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "--root", root.toString()));
        argv.addAll(List.of(verb));
        return argv;
    }

    /**
     * Starts created container {@code id}, whose init is {@code initPid}. For runc, jpod reads the container's exec FIFO
     * itself, as {@code runc start} would ({@link ExecFifo}); with another runtime, or without the FIFO, the runtime's
     * own start runs.
     */
    public void start(String name, String id, long initPid) {
        if (binary.getFileName().toString().equals("runc") && ExecFifo.start(name, root.resolve(id).resolve(ExecFifo.NAME), initPid, 120)) {
            return;
        }
        Exec.Result r = Exec.run(base("start", id));
        if (!r.ok()) {
            throw new RuntimeFailureException(name, "cannot start container " + name + ": " + Conmon.clean(r.err().isBlank() ? r.out() : r.err()));
        }
    }

    /**
     * Sends {@code signal} to the container's init process; with {@code all}, to every process of
     * the container. Signalling every process needs the container's cgroup, which a rootless
     * container on a cgroup v1 host does not have: then init alone is signalled (its death ends
     * every other process of its PID namespace).
     */
    public void kill(String name, String id, String signal, boolean all) {
        Exec.Result r = Exec.run(all ? base("kill", "--all", id, signal) : base("kill", id, signal));
        if (!r.ok() && all) {
            r = Exec.run(base("kill", id, signal));
        }
        if (!r.ok() && !r.err().contains("not running") && !r.err().contains("does not exist")
                && !r.err().contains("process already finished")) {
            throw new RuntimeFailureException(name, "cannot signal container " + name + ": " + Conmon.clean(r.err()));
        }
    }

    /** Freezes every process of the container (the cgroup freezer: the container needs a cgroup of its own). */
    public void pause(String name, String id) {
        Exec.check(name, base("pause", id));
    }

    /** Thaws the container's processes frozen by {@link #pause}. */
    public void resume(String name, String id) {
        Exec.check(name, base("resume", id));
    }

    /** Removes the runtime's record of the container; stopping it first when {@code force}. Absent is fine. */
    public void delete(String name, String id, boolean force) {
        if (!java.nio.file.Files.isDirectory(root.resolve(id))) {
            return; // the runtime keeps its state in ROOT/ID (runc and crun alike): nothing to delete
        }
        Exec.Result r = Exec.run(force ? base("delete", "--force", id) : base("delete", id));
        if (!r.ok() && !r.err().contains("does not exist")) {
            throw new RuntimeFailureException(name, "cannot delete container " + name + ": " + Exec.firstLine(r.err()));
        }
    }

    public Optional<State> state(String id) {
        Exec.Result r = Exec.run(base("state", id));
        if (!r.ok()) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(r.out(), State.class));
    }
}
