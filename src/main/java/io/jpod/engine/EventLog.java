package io.jpod.engine;

import io.jpod.error.JpodException;
import io.jpod.events.Events;
import io.jpod.kubelet.GoDuration;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.state.EventRow;
import io.jpod.state.EventTable;
import io.jpod.state.PodRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What happens to pods, containers and images, recorded for {@code jpod events} (table
 * {@code events}, {@link EventTable}). The services record; the CLI reads. A failure to record is
 * a warning, never the failure of what was recorded. Never prints.
 */
public final class EventLog {
    private final EventTable table;
    private final Events events;

    EventLog(EventTable table, Events events) {
        this.table = table;
        this.events = events;
    }

    // ---- recording (the engine's) -------------------------------------------------------------

    /** Records {@code rows} in one transaction, in their order. */
    void record(List<EventRow> rows) {
        try {
            table.append(rows);
        } catch (JpodException e) {
            events.warning("cannot record events: " + e.getMessage());
        }
    }

    /** A container event ({@code attributes}: exitCode, reason…; the pod's labels are added). */
    void container(ContainerRow c, String status, Map<String, String> attributes) {
        record(List.of(containerEvent(Instant.now(), c, status, attributes)));
    }

    void container(ContainerRow c, String status) {
        container(c, status, Map.of());
    }

    /** The same event of each of {@code containers}, at once. */
    void containers(List<ContainerRow> containers, String status) {
        Instant now = Instant.now();
        record(containers.stream().map(c -> containerEvent(now, c, status, Map.of())).toList());
    }

    /** {@code c} died with {@code exitCode}. */
    void died(ContainerRow c, int exitCode) {
        container(c, "died", Map.of("exitCode", Integer.toString(exitCode)));
    }

    /** A pod event. */
    void pod(PodRow pod, String status) {
        record(List.of(podEvent(Instant.now(), pod, status)));
    }

    /** A pod was stopped: its stop, unless none of {@code before} (its containers before the stop) was running. */
    void podStopped(PodRow pod, List<ContainerRow> before) {
        if (before.stream().anyMatch(c -> c.status().state() == ContainerState.RUNNING)) {
            pod(pod, "stop");
        }
    }

    /** A pod was created with {@code containers}: the pod's create, then each container's, as podman records them. */
    void created(PodRow pod, List<ContainerRow> containers) {
        Instant now = Instant.now();
        List<EventRow> rows = new ArrayList<>();
        rows.add(podEvent(now, pod, "create"));
        containers.forEach(c -> rows.add(containerEvent(now, c, "create", Map.of())));
        record(rows);
    }

    /** A pod is removed with {@code containers}: each container's remove, then the pod's. */
    void removed(PodRow pod, List<ContainerRow> containers) {
        Instant now = Instant.now();
        List<EventRow> rows = new ArrayList<>();
        containers.forEach(c -> rows.add(containerEvent(now, c, "remove", Map.of())));
        rows.add(podEvent(now, pod, "remove"));
        record(rows);
    }

    /** An image event: {@code name} is the name it concerns (pulled, tagged…), or null. */
    void image(String imageId, String name, String status) {
        record(List.of(EventRow.of(Instant.now(), EventRow.Type.IMAGE, status, imageId, name, null, null, Map.of())));
    }

    /** A workload event: {@code what} is kubectl's name of it ({@code deployment.apps/web}). */
    void workload(String what, String status, Map<String, String> attributes) {
        record(List.of(EventRow.of(Instant.now(), EventRow.Type.WORKLOAD, status, what, what, null, null, attributes)));
    }

    /**
     * An auto-update's outcome for one container ({@code auto-update}, as podman's event): of pod
     * {@code pod}, or of workload {@code workload} ({@code Kind/name}) when not null.
     */
    void autoUpdate(String pod, String workload, String image, Map<String, String> attributes) {
        EventRow.Type type = workload != null ? EventRow.Type.WORKLOAD : EventRow.Type.POD;
        String name = workload != null ? workload : pod;
        record(List.of(EventRow.of(Instant.now(), type, "auto-update", name, name, image, null, attributes)));
    }

    /** A volume event. */
    void volume(String name, String status) {
        record(List.of(EventRow.of(Instant.now(), EventRow.Type.VOLUME, status, name, name, null, null, Map.of())));
    }

    private static EventRow containerEvent(Instant now, ContainerRow c, String status, Map<String, String> attributes) {
        return EventRow.of(now, EventRow.Type.CONTAINER, status, c.id(), c.name(), c.imageName(), c.podId(), attributes);
    }

    private static EventRow podEvent(Instant now, PodRow pod, String status) {
        Map<String, String> labels = new LinkedHashMap<>(pod.spec().labels());
        return EventRow.of(now, EventRow.Type.POD, status, pod.id(), pod.name(), null, null, labels);
    }

    // ---- reading (the CLI's) ------------------------------------------------------------------

    /** The test {@code events --filter} makes of {@code specs} (see {@link Filters#events()}); bad values fail now. */
    public Predicate<EventRow> filter(List<String> specs) {
        return Filters.events().compile(specs, List.of());
    }

    /** The events after {@code since} and before {@code until} (null: unbounded) that pass {@code filter}, oldest first. */
    public List<EventRow> read(Instant since, Instant until, Predicate<EventRow> filter) {
        return table.query(since, until, filter);
    }

    /** The events recorded after the one of id {@code afterId} that pass {@code filter}, in their order. */
    public List<EventRow> after(long afterId, Predicate<EventRow> filter) {
        return table.after(afterId, filter);
    }

    /** A Go duration ("10m", "1h30m", "500ms") as {@code --since} and {@code --until} take it, or null when {@code text} is none. */
    public static java.time.Duration duration(String text) {
        return GoDuration.parse(text);
    }

    /** The id of the last event recorded (0: none): where following starts. */
    public long lastId() {
        return table.lastId();
    }
}
