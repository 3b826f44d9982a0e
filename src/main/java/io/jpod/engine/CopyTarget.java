package io.jpod.engine;

import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;

/**
 * Where a copy goes ({@code jpod cp}), by podman's (and docker's) rules: into an existing directory under the source's
 * name; as the destination's name when it does not exist (its parent must); over an existing file only with a file;
 * a source ending in {@code /.} copies a directory's contents. Pure: the caller gives the facts.
 *
 * @param directory where the archive of the source is extracted
 * @param name      the name the source's entries take there ({@code ""}: the source's contents at the top)
 */
record CopyTarget(String directory, String name) {

    /** What the destination is now. */
    enum Dest {
        MISSING, FILE, DIRECTORY
    }

    /**
     * @param source      the source as the user gave it (its last component names the copy)
     * @param sourceIsDir whether the source is a directory
     * @param dest        the destination as the user gave it
     * @param destIs      what the destination is
     * @param parentIsDir whether the destination's parent is an existing directory
     */
    static CopyTarget decide(String source, boolean sourceIsDir, String dest, Dest destIs, boolean parentIsDir) {
        boolean contents = sourceIsDir && (source.endsWith("/.") || source.equals("."));
        String base = baseName(source);
        return switch (destIs) {
            case DIRECTORY -> new CopyTarget(dest.length() > 1 && dest.endsWith("/") ? dest.substring(0, dest.length() - 1) : dest,
                    contents ? "" : base);
            case FILE -> {
                if (sourceIsDir) {
                    throw new InvalidInputException(dest, "cannot copy a directory to a file");
                }
                if (dest.endsWith("/")) {
                    throw new InvalidInputException(dest, "not a directory");
                }
                yield new CopyTarget(parent(dest), baseName(dest));
            }
            case MISSING -> {
                if (!parentIsDir) {
                    throw new NotFoundException("directory", parent(dest), "\"" + parent(dest) + "\" could not be found: no such directory");
                }
                if (dest.endsWith("/") && !sourceIsDir) {
                    throw new NotFoundException("directory", dest, "\"" + dest + "\" could not be found: no such directory");
                }
                yield new CopyTarget(parent(dest), baseName(dest));
            }
        };
    }

    /** The last component of {@code path}, trailing slashes and {@code /.} left out. */
    static String baseName(String path) {
        String p = path;
        while (p.endsWith("/.") || p.length() > 1 && p.endsWith("/")) {
            p = p.endsWith("/.") ? p.substring(0, p.length() - 2) : p.substring(0, p.length() - 1);
        }
        int i = p.lastIndexOf('/');
        String b = i < 0 ? p : p.substring(i + 1);
        return b.isEmpty() || b.equals("..") ? "" : b;
    }

    /** The directory {@code path} is in ({@code "."} for a bare name). */
    static String parent(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int i = p.lastIndexOf('/');
        return i < 0 ? "." : i == 0 ? "/" : p.substring(0, i);
    }
}
