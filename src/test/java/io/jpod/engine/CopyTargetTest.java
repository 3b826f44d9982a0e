package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.engine.CopyTarget.Dest;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import org.junit.jupiter.api.Test;

class CopyTargetTest {
    @Test
    void intoAnExistingDirectoryUnderTheSourcesName() {
        assertEquals(new CopyTarget("/tmp", "d"), CopyTarget.decide("/home/u/d", true, "/tmp", Dest.DIRECTORY, true));
        assertEquals(new CopyTarget("/tmp", "a.txt"), CopyTarget.decide("a.txt", false, "/tmp/", Dest.DIRECTORY, true));
    }

    @Test
    void aDirectorysContentsWithSlashDot() {
        assertEquals(new CopyTarget("/tmp", ""), CopyTarget.decide("/home/u/d/.", true, "/tmp", Dest.DIRECTORY, true));
    }

    @Test
    void aMissingDestinationIsTheCopysName() {
        assertEquals(new CopyTarget("/tmp", "renamed"), CopyTarget.decide("/etc/passwd", false, "/tmp/renamed", Dest.MISSING, true));
        assertEquals(new CopyTarget(".", "out"), CopyTarget.decide("/etc", true, "out", Dest.MISSING, true));
    }

    @Test
    void overAFileOnlyWithAFile() {
        assertEquals(new CopyTarget("/tmp", "f"), CopyTarget.decide("/etc/passwd", false, "/tmp/f", Dest.FILE, true));
        assertThrows(InvalidInputException.class, () -> CopyTarget.decide("/etc", true, "/tmp/f", Dest.FILE, true));
    }

    @Test
    void aMissingParentIsNotFound() {
        assertThrows(NotFoundException.class, () -> CopyTarget.decide("/etc/passwd", false, "/no/such/f", Dest.MISSING, false));
        assertThrows(NotFoundException.class, () -> CopyTarget.decide("/etc/passwd", false, "/tmp/nodir/", Dest.MISSING, true));
    }

    @Test
    void namesAndParents() {
        assertEquals("d", CopyTarget.baseName("/a/d/"));
        assertEquals("d", CopyTarget.baseName("/a/d/."));
        assertEquals("", CopyTarget.baseName("/"));
        assertEquals("/", CopyTarget.parent("/etc"));
        assertEquals(".", CopyTarget.parent("file"));
        assertEquals("/a", CopyTarget.parent("/a/b/"));
    }
}
