package io.jpod.engine;

import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.error.Choices;
import io.jpod.error.InvalidInputException;
import io.jpod.image.Image;
import io.jpod.image.ImageReference;
import io.jpod.state.EventRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The {@code --filter} keys of {@code ps}, {@code pod ps} and {@code images}, with podman's meanings. */
public final class Filters {
    /** Container states a filter may name (podman's words; jpod never has the paused or removing ones). */
    static final List<String> CONTAINER_STATES = List.of("created", "initialized", "running", "stopped", "stopping", "exited",
            "paused", "removing", "unknown");
    static final List<String> POD_STATES = List.of("created", "running", "stopped", "exited", "dead", "degraded", "paused");

    private Filters() {
    }

    /** {@code ps --filter}: id, name, label, label!, exited, status, ancestor, pod, before, since. */
    public static ListFilter<ContainerInfo> containers() {
        Map<String, ListFilter.Compiler<ContainerInfo>> k = new LinkedHashMap<>();
        k.put("id", (v, all) -> c -> c.row().id().startsWith(v));
        k.put("name", (v, all) -> {
            Pattern p = ListFilter.regex("name", v);
            return c -> p.matcher(c.row().name()).find();
        });
        k.put("label", (v, all) -> {
            Predicate<Map<String, String>> l = ListFilter.label(v);
            return c -> l.test(c.labels());
        });
        k.put("label!", (v, all) -> {
            Predicate<Map<String, String>> l = ListFilter.label(v);
            return c -> !l.test(c.labels());
        });
        k.put("exited", (v, all) -> {
            int code = ListFilter.number("exited", v);
            return c -> c.current().label().equals("exited") && Integer.valueOf(code).equals(c.row().status().exitCode());
        });
        k.put("status", (v, all) -> {
            String s = ListFilter.oneOf("status", v, CONTAINER_STATES);
            return c -> c.current().label().equals(s);
        });
        k.put("ancestor", (v, all) -> c -> !c.row().infra() && isImage(v, c.row().imageName(), c.row().imageId()));
        k.put("pod", (v, all) -> c -> c.podName().equals(v) || (c.row().podId() != null && c.row().podId().startsWith(v)));
        k.put("before", (v, all) -> createdBefore(v, all, c -> c.row().created(), c -> c.row().name(), c -> c.row().id(), "container"));
        k.put("since", (v, all) -> createdBefore(v, all, c -> c.row().created(), c -> c.row().name(), c -> c.row().id(), "container")
                .negate().and(c -> !matchesNameOrId(v, c.row().name(), c.row().id())));
        return new ListFilter<>("container", k, Set.of("label", "label!"));
    }

    /** Event types a filter may name (podman's words; jpod records the first four). */
    static final List<String> EVENT_TYPES = List.of("container", "pod", "image", "volume", "network", "system", "secret", "machine",
            "workload");

    /**
     * {@code events --filter}, as podman's: container, pod and image (name, or id prefix; only events of
     * that type), volume (name), event and status (the status word), type, label (an attribute).
     */
    public static ListFilter<EventRow> events() {
        Map<String, ListFilter.Compiler<EventRow>> k = new LinkedHashMap<>();
        k.put("container", (v, all) -> e -> e.type() == EventRow.Type.CONTAINER && matchesNameOrId(v, String.valueOf(e.name()), e.objectId()));
        k.put("event", (v, all) -> e -> e.status().equals(v));
        k.put("image", (v, all) -> e -> e.type() == EventRow.Type.IMAGE
                && (isImage(v, e.name(), e.objectId()) || e.objectId().startsWith(v)));
        k.put("label", (v, all) -> {
            Predicate<Map<String, String>> l = ListFilter.label(v);
            return e -> l.test(e.attributes());
        });
        k.put("pod", (v, all) -> e -> e.type() == EventRow.Type.POD && matchesNameOrId(v, String.valueOf(e.name()), e.objectId()));
        k.put("status", (v, all) -> e -> e.status().equals(v));
        k.put("type", (v, all) -> {
            String t = ListFilter.oneOf("type", v, EVENT_TYPES);
            return e -> e.type().word().equals(t);
        });
        k.put("volume", (v, all) -> e -> e.type() == EventRow.Type.VOLUME && e.objectId().equals(v));
        return new ListFilter<>("event", k, Set.of("label"));
    }

    /** {@code pod ps --filter}: id, name, label, status, ctr-names, ctr-ids, ctr-number, ctr-status, before, since. */
    public static ListFilter<PodInfo> pods() {
        Map<String, ListFilter.Compiler<PodInfo>> k = new LinkedHashMap<>();
        k.put("id", (v, all) -> p -> p.pod().id().startsWith(v));
        k.put("name", (v, all) -> {
            Pattern re = ListFilter.regex("name", v);
            return p -> re.matcher(p.pod().name()).find();
        });
        k.put("label", (v, all) -> {
            Predicate<Map<String, String>> l = ListFilter.label(v);
            return p -> l.test(p.pod().spec().labels());
        });
        k.put("status", (v, all) -> {
            String s = ListFilter.oneOf("status", v, POD_STATES);
            return p -> p.status().equalsIgnoreCase(s);
        });
        k.put("ctr-names", (v, all) -> {
            Pattern re = ListFilter.regex("ctr-names", v);
            return p -> apps(p).anyMatch(c -> re.matcher(c.row().name()).find());
        });
        k.put("ctr-ids", (v, all) -> p -> apps(p).anyMatch(c -> c.row().id().startsWith(v)));
        k.put("ctr-number", (v, all) -> {
            int n = ListFilter.number("ctr-number", v);
            return p -> apps(p).count() == n;
        });
        k.put("ctr-status", (v, all) -> {
            String s = ListFilter.oneOf("ctr-status", v, CONTAINER_STATES);
            return p -> apps(p).anyMatch(c -> c.current().label().equals(s));
        });
        k.put("before", (v, all) -> createdBefore(v, all, p -> p.pod().created(), p -> p.pod().name(), p -> p.pod().id(), "pod"));
        k.put("since", (v, all) -> createdBefore(v, all, p -> p.pod().created(), p -> p.pod().name(), p -> p.pod().id(), "pod")
                .negate().and(p -> !matchesNameOrId(v, p.pod().name(), p.pod().id())));
        return new ListFilter<>("pod", k, Set.of("label"));
    }

    /** {@code images --filter}: id, reference, label, dangling, before, since. */
    public static ListFilter<Image> images() {
        Map<String, ListFilter.Compiler<Image>> k = new LinkedHashMap<>();
        k.put("id", (v, all) -> i -> i.id().startsWith(v.startsWith("sha256:") ? v.substring(7) : v));
        k.put("reference", (v, all) -> {
            Pattern glob = glob(v);
            return i -> i.names().stream().anyMatch(n -> {
                String bare = withoutRegistry(n);
                return glob.matcher(n).matches() || glob.matcher(bare).matches()
                        || glob.matcher(repository(bare)).matches() || glob.matcher(repository(n)).matches();
            });
        });
        k.put("label", (v, all) -> {
            Predicate<Map<String, String>> l = ListFilter.label(v);
            return i -> l.test(i.config().labels());
        });
        k.put("dangling", (v, all) -> {
            boolean dangling = switch (v) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new InvalidInputException("--filter dangling=" + v, Choices.unsupported(v, "dangling", List.of("true", "false")));
            };
            return i -> i.names().isEmpty() == dangling;
        });
        k.put("before", (v, all) -> imageCreatedBefore(v, all));
        k.put("since", (v, all) -> imageCreatedBefore(v, all).negate().and(i -> !isImage(v, i)));
        return new ListFilter<>("image", k, Set.of("label"));
    }

    // ---------------------------------------------------------------- helpers

    private static java.util.stream.Stream<ContainerInfo> apps(PodInfo p) {
        return p.containers().stream().filter(c -> !c.row().infra());
    }

    private static boolean matchesNameOrId(String v, String name, String id) {
        return name.equals(v) || id.startsWith(v);
    }

    /** The items created before the one named {@code v} (by name or id prefix), which must exist. */
    private static <T> Predicate<T> createdBefore(String v, List<T> all, Function<T, Instant> created, Function<T, String> name,
            Function<T, String> id, String what) {
        T ref = all.stream().filter(t -> matchesNameOrId(v, name.apply(t), id.apply(t))).findFirst()
                .orElseThrow(() -> new InvalidInputException("--filter " + v, "no " + what + " with name or ID \"" + v + "\" found"));
        Instant at = created.apply(ref);
        return t -> created.apply(t).isBefore(at);
    }

    private static Predicate<Image> imageCreatedBefore(String v, List<Image> all) {
        Image ref = all.stream().filter(i -> isImage(v, i)).findFirst()
                .orElseThrow(() -> new InvalidInputException("--filter " + v, "no image " + v + " found"));
        Instant at = ref.created() == null ? Instant.EPOCH : ref.created();
        return i -> (i.created() == null ? Instant.EPOCH : i.created()).isBefore(at);
    }

    private static boolean isImage(String v, Image i) {
        return i.names().stream().anyMatch(n -> isImage(v, n, i.id())) || i.id().startsWith(v);
    }

    /**
     * Whether {@code v} names the image {@code name} (id {@code id}): the full name, the name
     * without its registry, with ":latest" implied, or an id prefix of at least 3 characters.
     */
    static boolean isImage(String v, String name, String id) {
        if (name == null) {
            return false;
        }
        String tagged = v.contains(":") && v.lastIndexOf(':') > v.lastIndexOf('/') ? v : v + ":latest";
        if (name.equals(v) || name.equals(tagged)) {
            return true;
        }
        String bare = withoutRegistry(name);
        return bare.equals(tagged) || repository(bare).equals(v) && !v.contains(":")
                || (v.length() >= 3 && id != null && id.startsWith(v.startsWith("sha256:") ? v.substring(7) : v));
    }

    /** docker.io/library/busybox:latest → library/busybox:latest (and localhost/x → x, docker.io/library/x → x); parses {@code name} once. */
    private static String withoutRegistry(String name) {
        ImageReference ref = ImageReference.parse(name);
        String repo = ref.repository().startsWith("library/") ? ref.repository().substring(8) : ref.repository();
        return repo + (ref.tag() == null ? "" : ":" + ref.tag());
    }

    private static String repository(String name) {
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    /** A shell-like glob (*, ?) as a whole-string pattern. */
    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char ch : g.toCharArray()) {
            re.append(switch (ch) {
                case '*' -> "[^/]*";
                case '?' -> "[^/]";
                default -> Pattern.quote(String.valueOf(ch));
            });
        }
        return Pattern.compile(re.toString());
    }
}
