package io.jpod.cli;

import io.jpod.engine.FilesService;
import io.jpod.error.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod cp [CONTAINER:]SRC [CONTAINER:]DEST} (and {@code container cp}): copies files between a container, running
 * or not, and the host, as {@code podman cp}; {@code -} reads a tar stream from standard input or writes one to standard
 * output.
 */
@Command(name = "cp", description = "Copy files/folders between a container and the local filesystem; - for a tar stream.")
public final class CpCommand extends EngineCommand {
    /** {@code NAME:path}: a name holds no slash (podman's rule: {@code ./a:b} is a host path). */
    private static final Pattern IN_CONTAINER = Pattern.compile("([^/:]+):(.*)");

    @Option(names = {"-a", "--archive"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Chown copied files to the primary uid/gid of the destination container (default true); false keeps the owners of the files or the tar stream.")
    boolean archive;

    @Option(names = "--overwrite", description = "Allow to overwrite directories with non-directories and vice versa.")
    boolean overwrite;

    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DEST")
    String dest;

    /** One side of the copy: a container's path, or the host's ({@code container} null). */
    record Side(String container, String path) {
        static Side parse(String arg) {
            Matcher m = IN_CONTAINER.matcher(arg);
            return m.matches() ? new Side(m.group(1), m.group(2).isEmpty() ? "/" : m.group(2)) : new Side(null, arg);
        }

        boolean inContainer() {
            return container != null;
        }
    }

    @Override
    public Integer call() throws IOException {
        Side from = Side.parse(source);
        Side to = Side.parse(dest);
        if (from.inContainer() == to.inContainer()) {
            throw new InvalidInputException("cp", from.inContainer()
                    ? "copying between containers is not supported" : "invalid arguments " + source + ", " + dest
                    + ": you must use just one container");
        }
        FilesService files = engine().files();
        if (from.inContainer()) {
            if (to.path().equals("-")) {
                OutputStream out = new BufferedOutputStream(invocation().stdout(), 1 << 16);
                files.copyOut(from.container(), from.path(), out);
                out.flush();
            } else {
                files.copyOut(from.container(), from.path(), hostPath(to.path()));
            }
        } else if (from.path().equals("-")) {
            files.copyIn(invocation().in(), to.container(), to.path(), new FilesService.CopyIn(archive, overwrite));
        } else {
            files.copyIn(hostPath(from.path()), to.container(), to.path(), new FilesService.CopyIn(archive, overwrite));
        }
        return 0;
    }

    /** A host path as given, made absolute against the user's working directory (a trailing {@code /.} kept). */
    private Path hostPath(String given) {
        return Path.of(invocation().path(given));
    }
}
