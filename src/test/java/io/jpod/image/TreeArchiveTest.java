package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ImageException;
import io.jpod.events.Events;
import io.jpod.host.Privileges;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeArchiveTest {
    @TempDir
    Path dir;

    @Test
    void aTreeComesBackUnderItsNewNameLinksKeptAndWhiteoutNamesPlain() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(src.resolve("f"), "deep");
        Files.writeString(src.resolve(".wh.not-a-whiteout"), "plain");
        Files.createSymbolicLink(src.resolve("abs"), Path.of("/etc/shadow"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new TreeArchive(false).write(dir.resolve("src"), "copy", tar);
        Path dest = Files.createDirectories(dir.resolve("dest"));
        TarExtractor.ofFiles(dest, Privileges.current(), Events.NONE).extract(new ByteArrayInputStream(tar.toByteArray()), "test");
        assertEquals("deep", Files.readString(dest.resolve("copy/sub/f")));
        assertEquals("plain", Files.readString(dest.resolve("copy/sub/.wh.not-a-whiteout")));
        assertTrue(Files.isSymbolicLink(dest.resolve("copy/sub/abs")));
        assertEquals(Path.of("/etc/shadow"), Files.readSymbolicLink(dest.resolve("copy/sub/abs")));
    }

    @Test
    void withoutOverwriteADirectoryAndAFileNeverReplaceEachOther() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("x"), "file");
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new TreeArchive(false).write(src, "", tar);
        Path dest = Files.createDirectories(dir.resolve("dest/x"));
        ImageException refused = assertThrows(ImageException.class, () -> TarExtractor.ofFiles(dir.resolve("dest"), Privileges.current(),
                Events.NONE, null, false).extract(new ByteArrayInputStream(tar.toByteArray()), "test"));
        assertTrue(refused.getMessage().contains("refusing to replace directory \"x\""), refused::getMessage);
        assertTrue(Files.isDirectory(dest));
        TarExtractor.ofFiles(dir.resolve("dest"), Privileges.current(), Events.NONE, null, true)
                .extract(new ByteArrayInputStream(tar.toByteArray()), "test");
        assertEquals("file", Files.readString(dest));
    }
}
