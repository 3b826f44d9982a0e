package io.jpod.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeccompProfilesTest {
    private static Set<String> allowed(RuntimeSpec.Seccomp s) {
        return s.syscalls().stream().filter(r -> r.action().equals("SCMP_ACT_ALLOW") && r.args() == null)
                .flatMap(r -> r.names().stream()).collect(Collectors.toSet());
    }

    @Test
    void theDefaultProfileIsAnAllowList() {
        RuntimeSpec.Seccomp s = SeccompProfiles.toSpec(SeccompProfiles.runtimeDefault(), SpecGenerator.DEFAULT_CAPS);
        assertEquals("SCMP_ACT_ERRNO", s.defaultAction());
        assertEquals(1, s.defaultErrnoRet(), "EPERM");
        Set<String> allowed = allowed(s);
        assertTrue(allowed.containsAll(List.of("read", "write", "execve", "openat", "futex", "exit_group", "chroot")), allowed::toString);
        for (String denied : List.of("mount", "umount2", "reboot", "init_module", "kexec_load", "bpf", "unshare", "setns",
                "keyctl", "add_key", "settimeofday", "io_uring_setup")) {
            assertFalse(allowed.contains(denied), denied);
        }
        RuntimeSpec.Syscall clone = s.syscalls().stream().filter(r -> r.names().equals(List.of("clone"))).findFirst().orElseThrow();
        assertEquals(new RuntimeSpec.SyscallArg(0, BigInteger.valueOf(0x7E020000), BigInteger.ZERO, "SCMP_CMP_MASKED_EQ"),
                clone.args().get(0), "clone without CLONE_NEW* flags");
    }

    @Test
    void rulesFollowTheCapabilities() {
        List<String> admin = List.of("CAP_SYS_ADMIN", "CAP_SYS_TIME");
        RuntimeSpec.Seccomp s = SeccompProfiles.toSpec(SeccompProfiles.runtimeDefault(), admin);
        assertTrue(allowed(s).containsAll(List.of("mount", "unshare", "setns", "clone", "clone3", "settimeofday")));
        assertFalse(allowed(s).contains("reboot"));
        assertTrue(s.syscalls().stream().noneMatch(r -> r.names().equals(List.of("clone")) && r.args() != null),
                "the filtered clone is excluded with CAP_SYS_ADMIN");
    }

    @Test
    void ociAndDockerFormatsAreRead() {
        RuntimeSpec.Seccomp s = SeccompProfiles.toSpec("""
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}],
                 "syscalls": [{"name": "mkdir", "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
                              {"names": ["chmod"], "action": "SCMP_ACT_LOG", "args": [{"index": 1, "value": 511, "op": "SCMP_CMP_EQ"}]}]}
                """, List.of());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"), s.architectures());
        assertNull(s.defaultErrnoRet());
        assertEquals(new RuntimeSpec.Syscall(List.of("mkdir"), "SCMP_ACT_ERRNO", 13, null), s.syscalls().get(0));
        assertEquals(List.of(new RuntimeSpec.SyscallArg(1, BigInteger.valueOf(511), BigInteger.ZERO, "SCMP_CMP_EQ")),
                s.syscalls().get(1).args());
    }

    @Test
    void invalidProfilesSayWhatIsWrong() {
        assertTrue(message("not json").startsWith("not JSON"));
        assertEquals("defaultAction: missing, or not a string", message("{}"));
        assertTrue(message("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"x\"], \"action\": \"NOPE\"}]}")
                .startsWith("syscalls[0].action: \"NOPE\" is not one of"));
        assertEquals("syscalls[0]: a rule needs names",
                message("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"action\": \"SCMP_ACT_LOG\"}]}"));
        assertEquals("syscalls[0].args[0].index: must be 0 to 5", message("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["x"], "action": "SCMP_ACT_LOG",
                 "args": [{"index": 7, "value": 1, "op": "SCMP_CMP_EQ"}]}]}"""));
    }

    private static String message(String json) {
        return assertThrows(SeccompProfiles.InvalidProfileException.class, () -> SeccompProfiles.check(json)).getMessage();
    }
}
