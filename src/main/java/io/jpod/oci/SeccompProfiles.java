package io.jpod.oci;

import io.jpod.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seccomp profiles → the OCI spec's linux.seccomp. A profile is JSON in the containers (Docker)
 * format, whose rules may depend on the container's capabilities ({@code includes.caps},
 * {@code excludes.caps}), or in the OCI format itself. Pure.
 */
public final class SeccompProfiles {
    /** The actions runc accepts. */
    static final Set<String> ACTIONS = Set.of("SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP",
            "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG");
    static final Set<String> OPS = Set.of("SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE",
            "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ");
    private static final JsonMapper JSON = Json.mapper();

    private SeccompProfiles() {
    }

    /** jpod's RuntimeDefault profile (a resource of this package). */
    public static String runtimeDefault() {
        try (InputStream in = SeccompProfiles.class.getResourceAsStream("seccomp-default.json")) {
            if (in == null) {
                throw new IllegalStateException("seccomp-default.json is missing from jpod's classes");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An error in a profile: what is wrong and where in the profile. */
    public static final class InvalidProfileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidProfileException(String message) {
            super(message);
        }
    }

    /** Checks {@code json} as a profile; throws {@link InvalidProfileException} naming what is wrong. */
    public static void check(String json) {
        toSpec(json, List.of());
    }

    /** {@code json} as the spec's seccomp filter for a container holding {@code capabilities}. */
    public static RuntimeSpec.Seccomp toSpec(String json, Collection<String> capabilities) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidProfileException("not JSON: " + e.getOriginalMessage().split("\n")[0]);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidProfileException("not a JSON object");
        }
        String defaultAction = action(root.path("defaultAction"), "defaultAction");
        Integer defaultErrno = errno(root.path("defaultErrnoRet"), "defaultErrnoRet");
        List<String> arches = new ArrayList<>(strings(root.path("architectures"), "architectures"));
        JsonNode archMap = root.path("archMap");
        for (int i = 0; i < archMap.size(); i++) {
            arches.add(text(archMap.get(i).path("architecture"), "archMap[" + i + "].architecture"));
            arches.addAll(strings(archMap.get(i).path("subArchitectures"), "archMap[" + i + "].subArchitectures"));
        }
        List<RuntimeSpec.Syscall> rules = new ArrayList<>();
        JsonNode syscalls = root.path("syscalls");
        if (!syscalls.isMissingNode() && !syscalls.isArray()) {
            throw new InvalidProfileException("syscalls: must be a list");
        }
        for (int i = 0; i < syscalls.size(); i++) {
            JsonNode s = syscalls.get(i);
            String at = "syscalls[" + i + "]";
            if (!applies(s, capabilities, at)) {
                continue;
            }
            List<String> names = new ArrayList<>(strings(s.path("names"), at + ".names"));
            if (s.has("name")) {
                names.add(text(s.path("name"), at + ".name"));
            }
            if (names.isEmpty()) {
                throw new InvalidProfileException(at + ": a rule needs names");
            }
            rules.add(new RuntimeSpec.Syscall(names, action(s.path("action"), at + ".action"), errno(s.path("errnoRet"),
                    at + ".errnoRet"), args(s.path("args"), at + ".args")));
        }
        return new RuntimeSpec.Seccomp(defaultAction, defaultErrno, arches, strings(root.path("flags"), "flags"), rules);
    }

    /** Whether a rule applies to a container holding {@code caps}: every cap of includes.caps held, none of excludes.caps. */
    private static boolean applies(JsonNode rule, Collection<String> caps, String at) {
        List<String> inc = strings(rule.path("includes").path("caps"), at + ".includes.caps");
        List<String> exc = strings(rule.path("excludes").path("caps"), at + ".excludes.caps");
        return caps.containsAll(inc) && exc.stream().noneMatch(caps::contains);
    }

    private static List<RuntimeSpec.SyscallArg> args(JsonNode args, String at) {
        if (args.isMissingNode() || args.isNull()) {
            return null;
        }
        if (!args.isArray()) {
            throw new InvalidProfileException(at + ": must be a list");
        }
        List<RuntimeSpec.SyscallArg> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            JsonNode a = args.get(i);
            String where = at + "[" + i + "]";
            if (!a.path("index").isIntegralNumber() || a.path("index").asInt() < 0 || a.path("index").asInt() > 5) {
                throw new InvalidProfileException(where + ".index: must be 0 to 5");
            }
            String op = text(a.path("op"), where + ".op");
            if (!OPS.contains(op)) {
                throw new InvalidProfileException(where + ".op: \"" + op + "\" is not one of " + new java.util.TreeSet<>(OPS));
            }
            out.add(new RuntimeSpec.SyscallArg(a.path("index").asInt(), number(a.path("value"), where + ".value"),
                    a.has("valueTwo") ? number(a.path("valueTwo"), where + ".valueTwo") : BigInteger.ZERO, op));
        }
        return out.isEmpty() ? null : out;
    }

    private static BigInteger number(JsonNode n, String at) {
        if (!n.isIntegralNumber() || n.bigIntegerValue().signum() < 0) {
            throw new InvalidProfileException(at + ": must be a non-negative integer");
        }
        return n.bigIntegerValue();
    }

    private static String action(JsonNode n, String at) {
        String a = text(n, at);
        if (!ACTIONS.contains(a)) {
            throw new InvalidProfileException(at + ": \"" + a + "\" is not one of " + new java.util.TreeSet<>(ACTIONS));
        }
        return a;
    }

    private static Integer errno(JsonNode n, String at) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asInt() < 0) {
            throw new InvalidProfileException(at + ": must be a non-negative integer");
        }
        return n.asInt();
    }

    private static String text(JsonNode n, String at) {
        if (!n.isString() || n.asString().isEmpty()) {
            throw new InvalidProfileException(at + ": missing, or not a string");
        }
        return n.asString();
    }

    private static List<String> strings(JsonNode n, String at) {
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new InvalidProfileException(at + ": must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(text(n.get(i), at + "[" + i + "]"));
        }
        return out;
    }
}
