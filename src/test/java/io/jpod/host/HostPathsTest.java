package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostPathsTest {
    @Test
    void rootUsesSystemDirectories() {
        HostPaths p = HostPaths.forUser(false, 0, Map.of("HOME", "/root", "XDG_DATA_HOME", "/ignored",
                "XDG_RUNTIME_DIR", "/run/user/0"));
        assertEquals(Path.of("/var/lib/jpod"), p.dataDir());
        assertEquals(Path.of("/run/jpod"), p.runDir());
    }

    @Test
    void rootlessUsesXdgDirectories() {
        HostPaths p = HostPaths.forUser(true, 1000, Map.of("HOME", "/home/u", "XDG_DATA_HOME", "/data/u",
                "XDG_RUNTIME_DIR", "/run/user/1000"));
        assertEquals(Path.of("/data/u/jpod"), p.dataDir());
        assertEquals(Path.of("/run/user/1000/jpod"), p.runDir());
    }

    @Test
    void rootlessFallsBackToHomeAndTmp() {
        HostPaths p = HostPaths.forUser(true, 1000, Map.of("HOME", "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/jpod"), p.dataDir());
        assertEquals(Path.of("/tmp/jpod-run-1000/jpod"), p.runDir());
    }

    @Test
    void blankXdgVariablesAreIgnored() {
        HostPaths p = HostPaths.forUser(true, 1000, Map.of("HOME", "/home/u", "XDG_DATA_HOME", " ", "XDG_RUNTIME_DIR", ""));
        assertEquals(Path.of("/home/u/.local/share/jpod"), p.dataDir());
        assertEquals(Path.of("/tmp/jpod-run-1000/jpod"), p.runDir());
    }

    @Test
    void rootlessWithoutHome() {
        HostPaths p = HostPaths.forUser(true, 1234, Map.of());
        assertEquals(Path.of("/tmp/jpod-home-1234/.local/share/jpod"), p.dataDir());
        assertEquals(Path.of("/tmp/jpod-run-1234/jpod"), p.runDir());
    }

    @Test
    void explicitRootsOverrideEverything() {
        Map<String, String> env = Map.of("HOME", "/home/u", "XDG_DATA_HOME", "/data/u", "JPOD_ROOT", "/srv/jpod",
                "JPOD_RUNROOT", "/srv/run");
        assertEquals(new HostPaths(Path.of("/srv/jpod"), Path.of("/srv/run")), HostPaths.forUser(true, 1000, env));
        assertEquals(new HostPaths(Path.of("/srv/jpod"), Path.of("/srv/run")), HostPaths.forUser(false, 0, env));
    }

    @Test
    void eachRootOverridesOnItsOwn() {
        HostPaths p = HostPaths.forUser(false, 0, Map.of("JPOD_RUNROOT", "/tmp/r"));
        assertEquals(Path.of("/var/lib/jpod"), p.dataDir());
        assertEquals(Path.of("/tmp/r"), p.runDir());
        HostPaths q = HostPaths.forUser(false, 0, Map.of("JPOD_ROOT", "/tmp/d", "JPOD_RUNROOT", ""));
        assertEquals(Path.of("/tmp/d"), q.dataDir());
        assertEquals(Path.of("/run/jpod"), q.runDir());
    }

    @Test
    void derivedPaths() {
        HostPaths p = new HostPaths(Path.of("/d"), Path.of("/r"));
        assertEquals(Path.of("/d/jpod.db"), p.database());
        assertEquals(Path.of("/d/layers"), p.layers());
        assertEquals(Path.of("/d/images"), p.images());
        assertEquals(Path.of("/d/containers"), p.containers());
        assertEquals(Path.of("/d/tmp"), p.tmp());
        assertEquals(Path.of("/r/runtime"), p.runtimeRoot());
        assertEquals(Path.of("/r/exits"), p.exits());
        assertEquals(Path.of("/r/socket"), p.sockets());
        assertEquals(Path.of("/r/locks"), p.locks());
    }
}
