package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.HostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {
    @TempDir
    Path dir;

    private HostProbe.UidMap map(String content) throws Exception {
        return HostProbe.UidMap.read(Files.writeString(dir.resolve("uid_map"), content));
    }

    @Test
    void initialNamespaceMapsEverything() throws Exception {
        HostProbe.UidMap m = map("         0          0 4294967295\n");
        assertTrue(m.isInitial());
        assertEquals(0, m.hostIdOf(0));
        assertEquals(1000, m.hostIdOf(1000));
    }

    @Test
    void rootlessNamespaceMapsRootToTheUserAndTheRestToSubordinateIds() throws Exception {
        HostProbe.UidMap m = map("         0       1000          1\n         1     100000      65536\n");
        assertFalse(m.isInitial());
        assertEquals(1000, m.hostIdOf(0));
        assertEquals(100000, m.hostIdOf(1));
        assertEquals(100099, m.hostIdOf(100));
        assertEquals(165535, m.hostIdOf(65536));
        assertEquals(-1, m.hostIdOf(65537), "not mapped");
    }

    @Test
    void partialIdentityMapIsNotInitial() throws Exception {
        assertFalse(map("0 0 1000\n").isInitial());
        assertFalse(map("0 0 4294967295\n1 1 1\n").isInitial());
    }

    @Test
    void blankLinesAreIgnored() throws Exception {
        HostProbe.UidMap m = map("\n0 1000 1\n\n");
        assertEquals(1, m.lines().size());
        assertEquals(1000, m.hostIdOf(0));
    }

    @Test
    void missingFileIsAHostProblem() {
        HostException e = assertThrows(HostException.class, () -> HostProbe.UidMap.read(dir.resolve("nope")));
        assertTrue(e.getMessage().startsWith("cannot read " + dir.resolve("nope")), e.getMessage());
    }

    @Test
    void procLimitsAreParsed() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max core file size        0                    unlimited            bytes
                Max processes             63535                63535                processes
                Max open files            1024                 524288               files
                """;
        assertEquals(Map.of("core", -1L, "nproc", 63535L, "nofile", 524288L), HostProbe.parseLimits(limits));
    }

    @Test
    void architectureIsNamedAsImagesNameIt() {
        assertEquals("amd64", HostProbe.architecture("x86_64"));
        assertEquals("arm64", HostProbe.architecture("aarch64"));
        assertEquals("riscv64", HostProbe.architecture("riscv64"));
    }
}
