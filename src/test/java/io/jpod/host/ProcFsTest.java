package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcFsTest {
    @Test
    void sumsTheInterfacesButLoopback() {
        String dev = """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:    5393      73    0    0    0     0          0         0     5393      73    0    0    0     0       0          0
                  eth0: 1000 10 0 0 0 0 0 0 200 2 0 0 0 0 0 0
                  tap0:500 5 0 0 0 0 0 0 50 1 0 0 0 0 0 0
                """;
        assertArrayEquals(new long[] {1500, 250}, ProcFs.netDev(dev));
    }

    @Test
    void readsKeyValueLinesAndTheirFirstNumber() {
        var status = ProcFs.keyValues("Name:\tsh\nVmRSS:\t    2108 kB\nNSpid:\t4242\t1\n");
        assertEquals("sh", status.get("Name"));
        assertEquals(2108, ProcFs.number(status.get("VmRSS")));
        assertEquals("4242\t1", status.get("NSpid"));
        assertEquals(0, ProcFs.number(null));
        assertEquals(0, ProcFs.number("max"));
    }

    @Test
    void joinsACommandLine() {
        assertEquals("sh -c sleep 1", ProcFs.args("sh\0-c\0sleep 1\0"));
    }

    @Test
    void findsThisJvmsProcessesByItsNamespaces() {
        long self = ProcessHandle.current().pid();
        List<Long> like = ProcFs.processesLike(self);
        assertEquals(self, like.get(0), "init first");
        assertTrue(ProcFs.stat(self).isPresent());
        assertTrue(ProcFs.memTotal() > 0);
        assertTrue(ProcFs.bootTime() > 0);
        assertEquals(List.of(), ProcFs.processesLike(Long.MAX_VALUE), "a process gone has none");
    }
}
