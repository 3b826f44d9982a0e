package io.jpod.state;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One recorded event: what happened ({@code status}, in podman's words — create, init, start, died,
 * stop, remove, restart, exec, pull, push, tag, untag… — or the kubelet's: back-off, probe-failed,
 * unhealthy, killed, completed), to which object, when.
 *
 * @param id         the row's id, increasing in the order events were recorded (0 before it is stored)
 * @param objectId   the container's, pod's or image's id, or the volume's name
 * @param name       the object's name (an image event: the image's name concerned), or null
 * @param image      a container's image name, or null
 * @param podId      a container's pod, or null
 * @param attributes what else is known (exitCode, reason, labels…), in key order
 */
public record EventRow(long id, Instant time, Type type, String status, String objectId, String name, String image,
        String podId, Map<String, String> attributes) {

    /** What kind of object an event is about (podman's type words). */
    public enum Type {
        CONTAINER, POD, IMAGE, VOLUME, WORKLOAD;

        /** The word podman prints and filters by: container, pod, image, volume; and jpod's workload. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public EventRow {
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** A new event (not stored yet) at {@code time}. */
    public static EventRow of(Instant time, Type type, String status, String objectId, String name, String image, String podId,
            Map<String, String> attributes) {
        return new EventRow(0, time, type, status, objectId, name, image, podId, attributes);
    }
}
