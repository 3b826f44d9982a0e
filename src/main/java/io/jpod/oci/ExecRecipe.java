package io.jpod.oci;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What jpod-exec (src/main/c/jpod-exec.c) needs to run a command in a running container as {@code runc exec} runs
 * it, from the container's spec (config.json) as runc reads it: the process's user, cwd, environment (runc's
 * order: a name given twice keeps its first place and its last value), capabilities, no_new_privs, rlimits, and
 * linux.seccomp in libseccomp's numbers (runc's rules: a rule with the default action left out, the errno
 * EPERM unless given, the conditions of one rule split into rules of one condition each when two name the same
 * argument). Written as NUL-separated keys and values, the helper's standard input. Pure.
 */
public final class ExecRecipe {
    /** The capabilities by number (linux/capability.h). */
    static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
            "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");
    /** The rlimits by number (sys/resource.h). */
    static final List<String> RLIMITS = List.of("RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE",
            "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING",
            "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");
    /** libseccomp's comparisons by number (SCMP_CMP_NE is 1). */
    static final List<String> OPS = List.of("", "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE",
            "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ");
    private static final int EPERM = 1;

    private ExecRecipe() {
    }

    /**
     * The recipe for {@code command} in container {@code id} whose init is {@code pid}, started at {@code startTicks}
     * (/proc/PID/stat's field 22; 0 when unknown: not checked), with the process and seccomp of {@code spec}.
     */
    public static byte[] encode(JsonNode spec, String id, long pid, long startTicks, List<String> command) {
        return withCommand(forContainer(spec, id, pid, startTicks), command);
    }

    /** {@code recipe} (of {@link #forContainer}, which is the same for every command in a container's run) with {@code command}. */
    public static byte[] withCommand(byte[] recipe, List<String> command) {
        Writer w = new Writer();
        w.out.writeBytes(recipe);
        for (String a : command) {
            w.put("arg", a);
        }
        return w.bytes();
    }

    /** The recipe of container {@code id} as {@link #encode} writes it, without a command. */
    public static byte[] forContainer(JsonNode spec, String id, long pid, long startTicks) {
        Writer w = new Writer();
        w.put("id", id).put("pid", Long.toString(pid)).put("start", Long.toUnsignedString(startTicks));
        JsonNode process = spec.path("process");
        JsonNode user = process.path("user");
        w.put("uid", Long.toString(user.path("uid").asLong(0))).put("gid", Long.toString(user.path("gid").asLong(0)));
        for (JsonNode g : user.path("additionalGids")) {
            w.put("group", Long.toString(g.asLong()));
        }
        w.put("cwd", process.path("cwd").asString("/"));
        for (String e : environment(strings(process.path("env")))) {
            w.put("env", e);
        }
        JsonNode caps = process.path("capabilities");
        w.put("caps", String.join(" ", hex(caps.path("bounding")), hex(caps.path("effective")), hex(caps.path("permitted")),
                hex(caps.path("inheritable")), hex(caps.path("ambient"))));
        w.put("nnp", process.path("noNewPrivileges").asBoolean(false) ? "1" : "0");
        for (JsonNode r : process.path("rlimits")) {
            int type = RLIMITS.indexOf(r.path("type").asString(""));
            if (type >= 0) {
                w.put("rlimit", type + " " + unsigned(r.path("soft")) + " " + unsigned(r.path("hard")));
            }
        }
        JsonNode seccomp = spec.path("linux").path("seccomp");
        if (!seccomp.isMissingNode() && !seccomp.isNull()) {
            seccomp(seccomp, w);
        }
        return w.bytes();
    }

    /** The environment as runc's init sets it (Go's Setenv, in order): a name given again keeps its place, takes the new value. */
    static List<String> environment(List<String> env) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                byName.put(e.substring(0, eq), e);
            }
        }
        return List.copyOf(byName.values());
    }

    /** A capability set as a hexadecimal mask; names the kernel does not know are left out, as runc leaves them. */
    static String hex(JsonNode names) {
        long mask = 0;
        for (String n : strings(names)) {
            int bit = CAPABILITIES.indexOf(n.toUpperCase(Locale.ROOT));
            if (bit >= 0) {
                mask |= 1L << bit;
            }
        }
        return Long.toHexString(mask);
    }

    private static void seccomp(JsonNode seccomp, Writer w) {
        long defaultAction = action(seccomp.path("defaultAction").asString(""), seccomp.path("defaultErrnoRet"));
        w.put("seccomp", Long.toString(defaultAction));
        for (String f : strings(seccomp.path("flags"))) {
            w.put("seccomp-flag", f);
        }
        for (String a : strings(seccomp.path("architectures"))) {
            w.put("arch", a.replaceFirst("^SCMP_ARCH_", "").toLowerCase(Locale.ROOT));
        }
        for (JsonNode call : seccomp.path("syscalls")) {
            long action = action(call.path("action").asString(""), call.path("errnoRet"));
            if (action == defaultAction) {
                continue; // runc leaves it out: libseccomp refuses a rule with the default action
            }
            for (String rule : conditions(call.path("args"))) {
                for (String name : strings(call.path("names"))) {
                    w.put("rule", action + " " + name + rule);
                }
            }
        }
    }

    /**
     * The conditions of one syscall entry as rules: all of them in one rule, or, when two name the same argument
     * (runc's old behaviour, which it keeps), one rule per condition. Each is {@code " INDEX OP VALUE VALUE2"}.
     */
    static List<String> conditions(JsonNode args) {
        List<String> each = new ArrayList<>();
        boolean sameArgumentTwice = false;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (JsonNode a : args) {
            int index = a.path("index").asInt(0);
            sameArgumentTwice |= !seen.add(index);
            int op = OPS.indexOf(a.path("op").asString(""));
            if (op <= 0) {
                throw new IllegalArgumentException("seccomp: unknown comparison " + a.path("op").asString(""));
            }
            each.add(" " + index + " " + op + " " + unsigned(a.path("value")) + " " + unsigned(a.path("valueTwo")));
        }
        return each.isEmpty() ? List.of("") : sameArgumentTwice ? each : List.of(String.join("", each));
    }

    /** An OCI seccomp action as libseccomp's number (seccomp.h), with its errno where it takes one (EPERM unless given). */
    static long action(String name, JsonNode errnoRet) {
        long errno = errnoRet.isNumber() ? errnoRet.asLong() & 0xffff : EPERM;
        return switch (name) {
            case "SCMP_ACT_ALLOW" -> 0x7fff0000L;
            case "SCMP_ACT_ERRNO" -> 0x00050000L | errno;
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> 0L;
            case "SCMP_ACT_KILL_PROCESS" -> 0x80000000L;
            case "SCMP_ACT_TRAP" -> 0x00030000L;
            case "SCMP_ACT_TRACE" -> 0x7ff00000L | errno;
            case "SCMP_ACT_LOG" -> 0x7ffc0000L;
            default -> throw new IllegalArgumentException("seccomp: unknown action " + name);
        };
    }

    private static String unsigned(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return "0";
        }
        BigInteger v = n.isNumber() ? n.bigIntegerValue() : new BigInteger(n.asString("0"));
        return v.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asString(""));
        }
        return out;
    }

    /** The NUL-separated pairs. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer put(String key, String value) {
            out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
