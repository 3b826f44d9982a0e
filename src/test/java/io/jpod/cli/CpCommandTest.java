package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CpCommandTest {
    @Test
    void archiveByDefaultAndOverwriteOnlyWhenAsked() {
        CpCommand plain = CommandLine.populateCommand(new CpCommand(), "f", "web:/tmp");
        assertTrue(plain.archive, "podman's --archive defaults to true: files copied in are the container's user's");
        assertFalse(plain.overwrite);
        assertFalse(CommandLine.populateCommand(new CpCommand(), "--archive=false", "f", "web:/tmp").archive);
        assertFalse(CommandLine.populateCommand(new CpCommand(), "-a=false", "f", "web:/tmp").archive);
        assertTrue(CommandLine.populateCommand(new CpCommand(), "-a", "f", "web:/tmp").archive);
        assertTrue(CommandLine.populateCommand(new CpCommand(), "--overwrite", "f", "web:/tmp").overwrite);
    }
}
