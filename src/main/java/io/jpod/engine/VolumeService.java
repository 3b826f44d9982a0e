package io.jpod.engine;

import io.jpod.error.ConflictException;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.error.StateException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.Volume;
import io.jpod.state.ContainerRow;
import io.jpod.state.PodRow;
import io.jpod.state.StateStore;
import io.jpod.state.VolumeRow;
import io.jpod.state.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Named volumes, as podman's "local" driver has them: a row in the state store and a directory
 * {@code <volumes>/<name>/_data}. Pods use them through persistentVolumeClaim volumes; a volume in
 * use is not removed unless forced, which removes the pods using it first.
 */
public final class VolumeService {
    /** podman's rule for volume names. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    public static final String LOCAL = "local";

    private final VolumeStore store;
    private final StateStore state;
    private final PodService pods;
    private final Path dir;
    private final EventLog eventLog;

    VolumeService(VolumeStore store, StateStore state, PodService pods, Path dir, EventLog eventLog) {
        this.store = store;
        this.state = state;
        this.pods = pods;
        this.dir = dir;
        this.eventLog = eventLog;
    }

    /**
     * A volume with what is known about it now.
     *
     * @param mountpoint its data directory
     * @param pods       the pods (names) that have it as a volume
     * @param users      the containers (names) that mount it
     */
    public record VolumeInfo(VolumeRow row, Path mountpoint, List<String> pods, List<String> users) {
        public VolumeInfo {
            pods = List.copyOf(pods);
            users = List.copyOf(users);
        }

        /** Whether no pod uses it. */
        public boolean unused() {
            return pods.isEmpty();
        }
    }

    /** Creates a volume; a name in use is a conflict. */
    public VolumeInfo create(String name, Map<String, String> labels, Map<String, String> options) {
        VolumeRow row = new VolumeRow(checkedName(name), LOCAL, Instant.now(), labels, options, Map.of(), "");
        if (!add(row)) {
            throw new ConflictException(name, "volume with name " + name + " already exists: volume already exists");
        }
        return info(row);
    }

    /** Creates a volume unless one of its name exists; whether it was created. For kube play's claims. */
    public boolean ensure(VolumeRow row) {
        checkedName(row.name());
        return add(row);
    }

    private boolean add(VolumeRow row) {
        Path data = PodVolumes.data(dir, row.name());
        try {
            Files.createDirectories(data.getParent());
            if (!Files.isDirectory(data)) {
                Files.createDirectory(data);
                Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
                // as podman's local driver: the uid and gid options own the data directory
                if (row.options().containsKey("uid")) {
                    Files.setAttribute(data, "unix:uid", Integer.parseInt(row.options().get("uid")));
                }
                if (row.options().containsKey("gid")) {
                    Files.setAttribute(data, "unix:gid", Integer.parseInt(row.options().get("gid")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new StateException("cannot create volume " + row.name() + " at " + data + ": " + e.getMessage(), e);
        }
        boolean added = store.add(row);
        if (added) {
            eventLog.volume(row.name(), "create");
        }
        return added;
    }

    private static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("volume name", "\"" + name + "\" is not a valid volume name: it must match "
                    + NAME.pattern());
        }
        return name;
    }

    public List<VolumeInfo> list() {
        List<PodRow> all = state.pods();
        return store.list().stream().map(v -> info(v, all)).toList();
    }

    public VolumeInfo inspect(String name) {
        return info(find(name));
    }

    public boolean exists(String name) {
        return store.find(name).isPresent();
    }

    private VolumeRow find(String name) {
        return store.find(name).orElseThrow(() -> new NotFoundException("volume", name,
                "no volume with name \"" + name + "\" found: no such volume"));
    }

    private VolumeInfo info(VolumeRow v) {
        return info(v, state.pods());
    }

    private VolumeInfo info(VolumeRow v, List<PodRow> all) {
        List<String> users = new ArrayList<>();
        List<String> holders = new ArrayList<>();
        for (PodRow p : all) {
            Set<String> mounting = mounting(p, v.name());
            if (!mounting.isEmpty()) {
                holders.add(p.name());
                state.containersOf(p.id()).stream().filter(c -> !c.infra() && mounting.contains(c.config().kubeName()))
                        .map(ContainerRow::name).forEach(users::add);
            }
        }
        return new VolumeInfo(v, PodVolumes.data(dir, v.name()), holders, users);
    }

    /** The YAML names of {@code pod}'s containers that mount the named volume {@code name}. */
    private static Set<String> mounting(PodRow pod, String name) {
        Set<String> volumes = new LinkedHashSet<>();
        for (Volume v : pod.spec().volumes()) {
            if (v.claim() != null && v.claim().claimName().equals(name)) {
                volumes.add(v.name());
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (ContainerSpec c : pod.spec().allContainers()) {
            if (c.volumeMounts().stream().anyMatch(m -> volumes.contains(m.name()))) {
                out.add(c.name());
            }
        }
        if (out.isEmpty() && !volumes.isEmpty()) {
            out.add(""); // a volume of the pod that no container mounts: the pod still holds it
        }
        return out;
    }

    /** The pods holding the volume {@code name}. */
    private List<PodRow> holders(String name) {
        return state.pods().stream().filter(p -> !mounting(p, name).isEmpty()).toList();
    }

    /**
     * Removes a volume and its data. One in use is refused unless {@code force}, which removes the
     * pods using it first (jpod's containers use volumes through their pod).
     */
    public String remove(String name, boolean force) {
        VolumeRow v = find(name);
        List<PodRow> holders = holders(name);
        if (!holders.isEmpty()) {
            if (!force) {
                VolumeInfo info = info(v);
                List<String> users = info.users().isEmpty() ? holders.stream().map(PodRow::name).toList() : info.users();
                throw new ConflictException(name, "volume " + name + " is being used by the following container(s): "
                        + String.join(", ", users) + ": volume is being used");
            }
            for (PodRow p : holders) {
                pods.removePod(p.id(), true);
            }
        }
        FileOps.deleteTree(dir.resolve(name));
        store.remove(name);
        eventLog.volume(name, "remove");
        return name;
    }

    /** Removes every volume no pod uses; the names removed. */
    public List<String> prune() {
        List<String> removed = new ArrayList<>();
        for (VolumeRow v : store.list()) {
            if (holders(v.name()).isEmpty()) {
                FileOps.deleteTree(dir.resolve(v.name()));
                store.remove(v.name());
                eventLog.volume(v.name(), "remove");
                removed.add(v.name());
            }
        }
        return removed;
    }
}
