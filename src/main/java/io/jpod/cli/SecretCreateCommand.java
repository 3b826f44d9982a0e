package io.jpod.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod secret create [--driver file] NAME FILE|-}: a Secret a pod can use by name, from a file or standard input;
 * prints its id, as {@code podman secret create}. A Kubernetes Secret's YAML gives its keys, anything else is the value of
 * the key NAME.
 */
@Command(name = "create", description = "Create a new secret from a file or standard input (-).")
public final class SecretCreateCommand extends EngineCommand {
    @Option(names = {"-d", "--driver"}, description = "Secret driver: file (the only one).", defaultValue = "file")
    String driver;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "FILE")
    String file;

    @Override
    public Integer call() throws IOException {
        if (!driver.equals("file")) {
            throw new io.jpod.error.InvalidInputException("--driver", "unsupported secret driver \"" + driver + "\": must be file");
        }
        byte[] data;
        if (file.equals("-")) {
            data = invocation().in().readAllBytes();
        } else {
            try {
                data = Files.readAllBytes(Path.of(invocation().path(file)));
            } catch (NoSuchFileException e) {
                throw new io.jpod.error.NotFoundException("file", file, "reading secret data: open " + file + ": no such file or directory");
            }
        }
        out().println(engine().secrets().create(name, data));
        out().flush();
        return 0;
    }
}
