package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CgroupUsageTest {
    @Test
    void sumsTheDevicesOfV1Blkio() {
        String text = "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Total 12288\n8:16 Read 100\n8:16 Write 0\nTotal 12388\n";
        assertArrayEquals(new long[] {4196, 8192}, CgroupUsage.blkio(text));
    }

    @Test
    void sumsTheDevicesOfV2IoStat() {
        assertArrayEquals(new long[] {30, 7}, CgroupUsage.ioStat("8:0 rbytes=10 wbytes=7 rios=1 wios=1\n8:16 rbytes=20 wbytes=0\n"));
    }

    @Test
    void aHugeOrMaxLimitIsNone() {
        assertEquals(0, CgroupUsage.limit("max\n"));
        assertEquals(0, CgroupUsage.limit("9223372036854771712\n"), "cgroup v1's unlimited");
        assertEquals(268435456, CgroupUsage.limit("268435456\n"));
    }
}
