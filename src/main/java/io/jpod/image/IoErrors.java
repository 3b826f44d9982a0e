package io.jpod.image;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One-line descriptions of I/O failures (Java's messages for file errors are often just the path). */
final class IoErrors {
    private IoErrors() {
    }

    /** What went wrong, with the file it happened to when Java says. */
    static String describe(IOException e) {
        String what = reason(e);
        return e instanceof FileSystemException f && f.getFile() != null && !what.startsWith(f.getFile()) ? f.getFile() + ": " + what : what;
    }

    /** What went wrong, without the file name. */
    static String reason(IOException e) {
        String what;
        if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "file exists";
        } else if (e instanceof NotDirectoryException) {
            what = "not a directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            what = f.getReason();
        } else {
            what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return what;
    }
}
