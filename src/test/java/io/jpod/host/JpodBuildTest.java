package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpodBuildTest {
    @TempDir
    Path dir;

    @Test
    void aHelperIsFoundBesideTheJarOnlyWhenTheBuildMadeItExecutable() throws Exception {
        JpodBuild build = new JpodBuild(Optional.of(dir.resolve("jpod.jar")));
        assertEquals(Optional.empty(), build.beside("jpod-exec"), "not built");
        Path helper = Files.createFile(dir.resolve("jpod-exec"));
        assertEquals(Optional.empty(), build.beside("jpod-exec"), "not executable");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.of(helper), build.beside("jpod-exec"));
        assertEquals(Optional.empty(), new JpodBuild(Optional.empty()).beside("jpod-exec"), "no code source: nothing beside it");
    }

    @Test
    void theRunningBuildIsWhereThisJvmLoadedJpodFrom() {
        Path code = JpodBuild.running().code().orElseThrow();
        assertTrue(Files.exists(code.resolve("io/jpod/host/JpodBuild.class")) || code.toString().endsWith(".jar"), code::toString);
    }
}
