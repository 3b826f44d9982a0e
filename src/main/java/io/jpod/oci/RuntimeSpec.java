package io.jpod.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The OCI runtime spec (config.json), the subset jpod writes. Plain data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts, Linux linux,
        Map<String, String> annotations) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
            Capabilities capabilities, boolean noNewPrivileges, List<Rlimit> rlimits) {
    }

    /** One rlimit (type RLIMIT_NOFILE…); RLIM_INFINITY is the largest unsigned 64-bit value. */
    public record Rlimit(String type, java.math.BigInteger hard, java.math.BigInteger soft) {
        public static final java.math.BigInteger INFINITY = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);

        /** An rlimit of {@code name} (nofile, nproc…); a negative value is unlimited. */
        public static Rlimit of(String name, long hard, long soft) {
            return new Rlimit("RLIMIT_" + name.toUpperCase(java.util.Locale.ROOT), value(hard), value(soft));
        }

        private static java.math.BigInteger value(long v) {
            return v < 0 ? INFINITY : java.math.BigInteger.valueOf(v);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record User(long uid, long gid, List<Long> additionalGids) {
    }

    public record Capabilities(List<String> bounding, List<String> effective, List<String> permitted) {
    }

    public record Root(String path, boolean readonly) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mount(String destination, String type, String source, List<String> options) {
        public static Mount bind(String source, String destination, boolean readOnly) {
            return new Mount(destination, "bind", source, readOnly ? List.of("rbind", "ro") : List.of("rbind", "rw"));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Namespace(String type, String path) {
        public static Namespace create(String type) {
            return new Namespace(type, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Linux(List<Namespace> namespaces, String cgroupsPath, List<String> maskedPaths, List<String> readonlyPaths,
            Map<String, String> sysctl, Seccomp seccomp, Resources resources) {
        /** This linux section with another cgroup path and resources. */
        public Linux withCgroup(String path, Resources r) {
            return new Linux(namespaces, path, maskedPaths, readonlyPaths, sysctl, seccomp, r);
        }
    }

    /** linux.seccomp: the filter runc loads before it runs the process. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Seccomp(String defaultAction, Integer defaultErrnoRet, List<String> architectures, List<String> flags,
            List<Syscall> syscalls) {
    }

    /** One rule of a seccomp filter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Syscall(List<String> names, String action, Integer errnoRet, List<SyscallArg> args) {
    }

    /** A condition on an argument of a syscall. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SyscallArg(int index, java.math.BigInteger value, java.math.BigInteger valueTwo, String op) {
    }

    /** linux.resources: what the cgroup enforces (only where jpod creates one). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resources(Memory memory, Cpu cpu) {
    }

    public record Memory(long limit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cpu(Long shares, Long quota, Long period) {
    }
}
