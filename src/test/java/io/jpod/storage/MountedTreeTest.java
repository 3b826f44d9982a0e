package io.jpod.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedTreeTest {
    private static final Path ROOT = Path.of("/r/rootfs");
    private static final MountedTree.Bind DATA = new MountedTree.Bind("/data", Path.of("/v/data"), false);
    private static final MountedTree.Bind CACHE = new MountedTree.Bind("/data/cache/", Path.of("/v/cache"), false);
    private static final MountedTree.Bind CONFIG = new MountedTree.Bind("/etc/config", Path.of("/v/config"), true);
    private static final MountedTree.Bind HOSTS = new MountedTree.Bind("/etc/hosts", Path.of("/u/hosts"), false);
    private static final MountedTree TREE = new MountedTree(ROOT, false, List.of(CACHE, DATA, CONFIG, HOSTS));

    @TempDir
    Path tmp;

    private static MountedTree.Location at(String path) {
        return TREE.locate(MountedTree.components(path));
    }

    @Test
    void theLongestDestinationThatPrefixesThePathHoldsIt() {
        assertEquals(Path.of("/v/data/x/y"), at("/data/x/y").host());
        assertEquals(Path.of("/v/cache/z"), at("/data/cache/z").host(), "the nested mount wins, a trailing slash aside");
        assertEquals(Path.of("/v/data/cachex"), at("/data/cachex").host(), "components compared, not characters");
        assertEquals(ROOT.resolve("datax/f"), at("/datax/f").host());
        assertNull(at("/etc/passwd").bind());
        assertEquals(ROOT.resolve("etc/passwd"), at("/etc/passwd").host());
    }

    @Test
    void aFileBindIsItsSourceAndItsOwnMountPoint() {
        MountedTree.Location hosts = at("/etc/hosts");
        assertEquals(Path.of("/u/hosts"), hosts.host());
        assertTrue(hosts.isMountPoint());
        assertFalse(at("/data/f").isMountPoint());
        assertTrue(at("/data").isMountPoint());
    }

    @Test
    void readOnlyIsTheHoldingMounts() {
        assertTrue(at("/etc/config/key").readOnly(TREE));
        assertFalse(at("/etc/other").readOnly(TREE));
        assertTrue(new MountedTree(ROOT, true, List.of(DATA)).locate(List.of("etc")).readOnly(new MountedTree(ROOT, true, List.of(DATA))));
    }

    @Test
    void linksAreFollowedAcrossMountsAsTheContainerSeesThem() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(volume.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(volume.resolve("up"), Path.of("../../../.."));
        Files.createSymbolicLink(root.resolve("shortcut"), Path.of("/data/sub"));
        MountedTree tree = new MountedTree(root, false, List.of(new MountedTree.Bind("/data", volume, false)));
        assertEquals(root.resolve("etc/passwd"), RootPath.locate(tree, "/data/etc/passwd").host(), "back into the root, not the host's /etc");
        assertEquals(root.resolve("x"), RootPath.locate(tree, "/data/up/x").host(), ".. stops at the container's root");
        assertEquals(volume.resolve("sub/f"), RootPath.locate(tree, "/shortcut/f").host(), "from the root into the volume");
        assertEquals("/data/sub/f", RootPath.locate(tree, "/shortcut/f").path());
        assertEquals(volume.resolve("etc"), RootPath.locateParent(tree, "/data/etc").host(), "the last link kept");
    }
}
