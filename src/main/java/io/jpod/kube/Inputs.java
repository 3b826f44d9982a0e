package io.jpod.kube;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where a command's files are read from: the directory that relative names start from (the user's working
 * directory, which a command served by the command service does not share with its process) and standard input,
 * for the name "-".
 */
public record Inputs(Path cwd, InputStream stdin) {
    /** This process's working directory, and no standard input. */
    public static Inputs ofProcess() {
        return new Inputs(Path.of("").toAbsolutePath(), InputStream.nullInputStream());
    }

    /** {@code file} as the user named it, from the working directory. */
    public Path resolve(String file) {
        return cwd.resolve(file);
    }
}
