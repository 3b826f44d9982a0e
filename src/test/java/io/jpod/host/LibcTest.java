package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
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
        assertEquals(Libc.ENOENT, missing.errno());
    }

    @Test
    void readsAFifoWithoutBlockingAndSeesItsWriterGo() throws Exception {
        Path fifo = dir.resolve("fifo");
        Libc.mkfifo(fifo, 0600);
        int fd = Libc.open(fifo, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        try {
            assertEquals(0, Libc.poll(fd, Libc.POLLIN, 10), "no writer yet: nothing comes, no hang-up either");
            try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                Libc.Failure empty = assertThrows(Libc.Failure.class, () -> Libc.read(fd, new byte[4]), "a writer, nothing written");
                assertEquals(Libc.EAGAIN, empty.errno());
                out.write("0".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertEquals(Libc.POLLIN, Libc.poll(fd, Libc.POLLIN, 1000) & Libc.POLLIN);
                byte[] buffer = new byte[4];
                assertEquals(1, Libc.read(fd, buffer));
                assertArrayEquals(new byte[] {'0', 0, 0, 0}, buffer);
            }
            assertEquals(Libc.POLLHUP, Libc.poll(fd, Libc.POLLIN, 1000) & Libc.POLLHUP, "the writer has gone");
            assertEquals(0, Libc.read(fd, new byte[4]), "the end");
        } finally {
            Libc.close(fd);
        }
    }
}
