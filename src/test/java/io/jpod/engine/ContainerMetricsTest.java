package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerMetricsTest {
    @Test
    void namesIdsFromPasswdAndGroupFiles() {
        assertEquals(Map.of(0L, "root", 1000L, "app", 65534L, "nobody"),
                ContainerMetrics.names("root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n"
                        + "# a comment\nalias:x:0:0::/:/bin/sh\n"));
    }

    @Test
    void readsTheInnermostPidAndTheEffectiveId() {
        assertEquals(1, ContainerMetrics.innermost("4242\t17\t1", 4242));
        assertEquals(4242, ContainerMetrics.innermost(null, 4242), "a kernel without NSpid");
        assertEquals(1000, ContainerMetrics.second("0\t1000\t1000\t1000"));
    }
}
