package io.jpod.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.storage.FileChange;
import io.jpod.storage.FileChange.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsChangesTest {
    @TempDir
    Path dir;

    private Path layer() throws Exception {
        Path layer = Files.createDirectories(dir.resolve("layer"));
        Files.createDirectories(layer.resolve("etc"));
        Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        Files.createDirectories(layer.resolve("bin"));
        Files.writeString(layer.resolve("bin/ls"), "ls");
        return layer;
    }

    @Test
    void anUpperLayerAddsAndChanges() throws Exception {
        Path layer = layer();
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/passwd"), "changed\n");
        Files.createDirectories(upper.resolve("tmp/new"));
        Files.writeString(upper.resolve("tmp/new/file"), "x");
        assertEquals(List.of(new FileChange(FileChange.Kind.C, "/etc"), new FileChange(FileChange.Kind.C, "/etc/passwd"), new FileChange(FileChange.Kind.A, "/tmp"),
                new FileChange(FileChange.Kind.A, "/tmp/new"), new FileChange(FileChange.Kind.A, "/tmp/new/file")), RootfsChanges.fromUpper(upper, List.of(layer)));
    }

    @Test
    void aCopiedRootIsComparedWithItsLayers() throws Exception {
        Path layer = layer();
        Path merged = Files.createDirectories(dir.resolve("merged"));
        LayerCopy.flatten("c", List.of(layer), merged);
        Files.writeString(merged.resolve("etc/passwd"), "changed, longer\n");
        Files.delete(merged.resolve("bin/ls"));
        Files.writeString(merged.resolve("new"), "x");
        assertEquals(List.of(new FileChange(FileChange.Kind.C, "/bin"), new FileChange(FileChange.Kind.D, "/bin/ls"), new FileChange(FileChange.Kind.C, "/etc"),
                new FileChange(FileChange.Kind.C, "/etc/passwd"), new FileChange(FileChange.Kind.A, "/new")), RootfsChanges.byComparison(merged, List.of(layer)));
    }

    @Test
    void nothingChangedIsNothing() throws Exception {
        Path layer = layer();
        Path merged = Files.createDirectories(dir.resolve("merged"));
        LayerCopy.flatten("c", List.of(layer), merged);
        assertEquals(List.of(), RootfsChanges.byComparison(merged, List.of(layer)));
        assertEquals(List.of(), RootfsChanges.fromUpper(dir.resolve("none"), List.of(layer)));
    }
}
