package io.jpod.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/** The overlay marks the layer store writes (and an overlay writable layer holds): whiteouts and opaque directories. */
final class Whiteouts {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private Whiteouts() {
    }

    /** A 0:0 character device: the file of that name is deleted. */
    static boolean isWhiteout(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
            return a.isOther() && Files.getAttribute(p, "unix:rdev", NOFOLLOW) instanceof Long l && l == 0L;
        } catch (IOException e) {
            return false;
        }
    }

    /** A directory with {@code user.overlay.opaque=y}: it hides what lower layers have in it. */
    static boolean opaque(Path dir) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class, NOFOLLOW);
            if (view == null || !view.list().contains("overlay.opaque")) {
                return false;
            }
            ByteBuffer b = ByteBuffer.allocate(8);
            view.read("overlay.opaque", b);
            return b.position() > 0 && b.get(0) == 'y';
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
