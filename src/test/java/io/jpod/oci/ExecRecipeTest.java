package io.jpod.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ExecRecipeTest {
    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    /** The recipe as "key=value" lines. */
    private static List<String> pairs(byte[] recipe) {
        String[] parts = new String(recipe, StandardCharsets.UTF_8).split("\0", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            out.add(parts[i] + "=" + parts[i + 1]);
        }
        return out;
    }

    @Test
    void theProcessOfTheSpecWithTheCommandInsteadOfItsArgs() {
        JsonNode spec = json("""
                {"process": {"user": {"uid": 1000, "gid": 1000, "additionalGids": [2000, 3000]}, "args": ["sleep", "1"],
                  "env": ["PATH=/bin", "A=1", "HOME=/home/app", "A=2"], "cwd": "/work",
                  "capabilities": {"bounding": ["CAP_CHOWN", "CAP_KILL", "CAP_NET_ADMIN", "CAP_UNKNOWN"], "effective": [],
                    "permitted": ["CAP_KILL"]},
                  "noNewPrivileges": true,
                  "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 2048, "soft": 1024},
                              {"type": "RLIMIT_CORE", "hard": 18446744073709551615, "soft": 0}]}}
                """);
        assertEquals(List.of("id=abc", "pid=42", "start=777", "uid=1000", "gid=1000", "group=2000", "group=3000", "cwd=/work",
                "env=PATH=/bin", "env=A=2", "env=HOME=/home/app", "caps=1021 0 20 0 0", "nnp=1",
                "rlimit=7 1024 2048", "rlimit=4 0 18446744073709551615", "arg=test", "arg=-f", "arg=/tmp/ready"),
                pairs(ExecRecipe.encode(spec, "abc", 42, 777, List.of("test", "-f", "/tmp/ready"))));
    }

    @Test
    void aSpecWithoutUserOrCwdIsRootInTheRoot() {
        assertEquals(List.of("id=x", "pid=1", "start=0", "uid=0", "gid=0", "cwd=/", "caps=0 0 0 0 0", "nnp=0", "arg=true"),
                pairs(ExecRecipe.encode(json("{\"process\": {}}"), "x", 1, 0, List.of("true"))));
    }

    @Test
    void seccompInLibseccompsNumbersAsRuncAddsIt() {
        JsonNode spec = json("""
                {"process": {}, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
                  "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], "flags": ["SECCOMP_FILTER_FLAG_LOG"],
                  "syscalls": [
                    {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
                    {"names": ["mount"], "action": "SCMP_ACT_ERRNO"},
                    {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38},
                    {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [
                      {"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}, {"index": 1, "value": 8, "valueTwo": 8, "op": "SCMP_CMP_MASKED_EQ"}]},
                    {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [
                      {"index": 0, "value": 16, "op": "SCMP_CMP_NE"}, {"index": 0, "value": 40, "op": "SCMP_CMP_NE"}]}]}}}
                """);
        List<String> p = pairs(ExecRecipe.encode(spec, "x", 1, 0, List.of("true")));
        assertEquals(List.of("seccomp=327681", "seccomp-flag=SECCOMP_FILTER_FLAG_LOG", "arch=x86_64", "arch=x86",
                "rule=2147418112 read", "rule=2147418112 write",
                "rule=327718 clone3",
                "rule=2147418112 personality 0 4 0 0 1 7 8 8",
                "rule=2147418112 socket 0 1 16 0", "rule=2147418112 socket 0 1 40 0"),
                p.subList(p.indexOf("nnp=0") + 1, p.size() - 1), "mount's rule is the default action: left out");
    }

    @Test
    void anUnknownActionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExecRecipe.action("SCMP_ACT_NOTIFY", json("null")));
        assertEquals(0x7ff00001L, ExecRecipe.action("SCMP_ACT_TRACE", json("null")), "TRACE's errno is EPERM unless given");
    }

    @Test
    void theEnvironmentKeepsTheFirstPlaceAndTheLastValueOfAName() {
        assertEquals(List.of("B=2", "A=3", "C="), ExecRecipe.environment(List.of("B=1", "A=1", "B=2", "junk", "A=3", "C=")));
        assertTrue(ExecRecipe.CAPABILITIES.indexOf("CAP_CHECKPOINT_RESTORE") == 40);
    }
}
