package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibcTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsTheFfmApi() {
        assumeTrue(Libc.available(), () -> "no FFM API here: " + Libc.unavailable());
    }

    @Test
    void makesAFifoWithItsMode() throws Exception {
        Path fifo = dir.resolve("sync");
        Libc.mkfifo(fifo, 0600);
        assertTrue(Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(), "a FIFO");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo)));
    }

    @Test
    void aFailureCarriesErrnoAndTheLibrarysWords() throws Exception {
        Path taken = Files.createFile(dir.resolve("taken"));
        Libc.Failure exists = assertThrows(Libc.Failure.class, () -> Libc.mkfifo(taken, 0600));
        assertEquals(17, exists.errno());
        assertEquals("File exists (errno 17)", exists.getMessage());
        Libc.Failure missing = assertThrows(Libc.Failure.class, () -> Libc.open(dir.resolve("missing"), Libc.O_RDONLY));
        assertEquals(2, missing.errno());
        assertEquals("No such file or directory (errno 2)", missing.getMessage());
    }
}
