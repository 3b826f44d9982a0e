package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.host.HostPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One container's files, where podman (and bin/jpod, for the stopping marker) expects them. */
class ContainerPathsTest {
    private static final String ID = "0123456789ab" + "c".repeat(52);

    @Test
    void theLayoutOfOneContainer() {
        HostPaths host = HostPaths.forUser(true, 1000, Map.of("HOME", "/home/u", "XDG_DATA_HOME", "/d", "XDG_RUNTIME_DIR", "/r"));
        ContainerPaths p = ContainerPaths.of(host, ID);
        Path data = host.containers().resolve(ID);
        Path run = host.runDir().resolve("containers").resolve(ID);
        assertEquals(data, p.data());
        assertEquals(data.resolve("bundle/config.json"), p.config());
        assertEquals(data.resolve("ctr.log"), p.log());
        assertEquals(data.resolve("overlay/upper"), p.overlay().upper());
        assertEquals(data.resolve("rootfs"), p.infraRootfs());
        assertEquals(data.resolve("userdata/resolv.conf"), p.resolvConf());
        assertEquals(run, p.run());
        assertEquals(run.resolve("stopping"), p.stopping());
        assertEquals(host.exits().resolve(ID), p.exit());
        assertEquals(host.runDir().resolve("net/0123456789ab.sock"), p.netSocket());
        var conmon = p.conmonFiles(host.sockets(), List.of("jpod", "container", "cleanup", ID));
        assertEquals(data.resolve("bundle"), conmon.bundle());
        assertEquals(host.exits(), conmon.exitDir());
        assertEquals(run.resolve("conmon.pid"), conmon.conmonPidFile());
    }
}
