package io.jpod.storage;

import io.jpod.error.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a container changed in its root filesystem against its image ({@code jpod diff}), as podman lists it: a path
 * added (A), changed (C) or deleted (D). With an overlay driver the writable layer says it (a whiteout deletes, a
 * file there that a layer has is a change); a copied root is compared with its layers.
 */
public final class RootfsChanges {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private RootfsChanges() {
    }

    /** The changes a container made, from its layout and layers (top layer first), as the driver keeps them. */
    public static List<FileChange> of(String container, boolean copied, RootfsMounter.Layout layout, List<Path> lowerDirs) {
        try {
            return copied ? byComparison(layout.merged(), lowerDirs) : fromUpper(layout.upper(), lowerDirs);
        } catch (IOException e) {
            throw new RuntimeFailureException(container, "cannot read the changes of " + container + ": " + e.getMessage(), e);
        }
    }

    /** The changes an overlay writable layer {@code upper} holds over {@code lowerDirs} (top layer first). */
    static List<FileChange> fromUpper(Path upper, List<Path> lowerDirs) throws IOException {
        List<FileChange> out = new ArrayList<>();
        if (Files.isDirectory(upper)) {
            walkUpper(upper, upper, lowerDirs, out);
        }
        return sorted(out);
    }

    private static void walkUpper(Path upper, Path dir, List<Path> lowerDirs, List<FileChange> out) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.toList();
        }
        for (Path p : children) {
            String rel = upper.relativize(p).toString();
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
            if (Whiteouts.isWhiteout(p)) {
                out.add(new FileChange(FileChange.Kind.D, "/" + rel));
                continue;
            }
            boolean inLower = inLayers(rel, lowerDirs);
            out.add(new FileChange(inLower ? FileChange.Kind.C : FileChange.Kind.A, "/" + rel));
            if (a.isDirectory()) {
                walkUpper(upper, p, lowerDirs, out);
                if (inLower && Whiteouts.opaque(p)) {
                    for (String hidden : lowerChildren(rel, lowerDirs)) {
                        if (!Files.exists(p.resolve(hidden), NOFOLLOW)) {
                            out.add(new FileChange(FileChange.Kind.D, "/" + rel + "/" + hidden));
                        }
                    }
                }
            }
        }
    }

    /** Whether the image (its layers, top first) has {@code rel}: the first layer that names it decides. */
    private static boolean inLayers(String rel, List<Path> lowerDirs) throws IOException {
        for (Path layer : lowerDirs) {
            Path p = layer.resolve(rel);
            if (Files.exists(p, NOFOLLOW)) {
                return !Whiteouts.isWhiteout(p);
            }
        }
        return false;
    }

    private static Set<String> lowerChildren(String rel, List<Path> lowerDirs) throws IOException {
        Set<String> names = new HashSet<>();
        for (Path layer : lowerDirs) {
            Path d = layer.resolve(rel);
            if (Files.isDirectory(d, NOFOLLOW)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> !Whiteouts.isWhiteout(p)).forEach(p -> names.add(p.getFileName().toString()));
                }
            }
        }
        return names;
    }

    /** The changes of a copied root {@code merged} against its layers (top first): type, size, mode, owner or time. */
    static List<FileChange> byComparison(Path merged, List<Path> lowerDirs) throws IOException {
        Map<String, Facts> image = new HashMap<>();
        for (int i = lowerDirs.size() - 1; i >= 0; i--) {
            apply(lowerDirs.get(i), image);
        }
        Map<String, Facts> now = new HashMap<>();
        index(merged, now);
        List<FileChange> out = new ArrayList<>();
        Set<String> changedDirs = new HashSet<>();
        for (Map.Entry<String, Facts> e : now.entrySet()) {
            Facts before = image.get(e.getKey());
            if (before == null) {
                out.add(new FileChange(FileChange.Kind.A, e.getKey()));
                changedDirs.add(parent(e.getKey()));
            } else if (!e.getValue().directory() && !before.equals(e.getValue())
                    || e.getValue().directory() && !before.sameButTime(e.getValue())) {
                out.add(new FileChange(FileChange.Kind.C, e.getKey()));
                changedDirs.add(parent(e.getKey()));
            }
        }
        for (String path : image.keySet()) {
            if (!now.containsKey(path) && now.containsKey(parent(path))) {
                out.add(new FileChange(FileChange.Kind.D, path));
                changedDirs.add(parent(path));
            }
        }
        Set<String> reported = new HashSet<>(out.stream().map(FileChange::path).toList());
        for (String dir : changedDirs) {
            for (String d = dir; !d.equals("/") && reported.add(d); d = parent(d)) {
                out.add(new FileChange(FileChange.Kind.C, d));
            }
        }
        return sorted(out);
    }

    /** A file's facts that a change shows in (a directory's time changes with its entries, so it is not compared). */
    private record Facts(boolean directory, boolean link, long size, int mode, int uid, int gid, long mtime) {
        boolean sameButTime(Facts o) {
            return directory == o.directory && mode == o.mode && uid == o.uid && gid == o.gid;
        }
    }

    private static void apply(Path layer, Map<String, Facts> view) throws IOException {
        try (Stream<Path> s = Files.walk(layer)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(layer)) {
                    continue;
                }
                String path = "/" + layer.relativize(p);
                if (Whiteouts.isWhiteout(p)) {
                    removeTree(view, path);
                    continue;
                }
                if (Files.isDirectory(p, NOFOLLOW) && Whiteouts.opaque(p)) {
                    removeTree(view, path);
                }
                view.put(path, facts(p));
            }
        }
    }

    private static void removeTree(Map<String, Facts> view, String path) {
        view.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + "/"));
    }

    private static void index(Path root, Map<String, Facts> out) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                out.put(p.equals(root) ? "/" : "/" + root.relativize(p), facts(p));
            }
        }
    }

    private static Facts facts(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, NOFOLLOW);
        int mode = ((Number) Files.getAttribute(p, "unix:mode", NOFOLLOW)).intValue();
        int uid = ((Number) Files.getAttribute(p, "unix:uid", NOFOLLOW)).intValue();
        int gid = ((Number) Files.getAttribute(p, "unix:gid", NOFOLLOW)).intValue();
        return new Facts(a.isDirectory(), a.isSymbolicLink(), a.isRegularFile() ? a.size() : 0, mode, uid, gid,
                a.lastModifiedTime().toMillis());
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    private static List<FileChange> sorted(List<FileChange> changes) {
        return changes.stream().filter(c -> !Objects.equals(c.path(), "/"))
                .sorted(Comparator.comparing(FileChange::path)).toList();
    }
}
