package io.jpod.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The build of jpod this JVM runs: where its classes were loaded from (target/jpod.jar; target/classes in the build's
 * own tests), and so what the build made beside them (jpod-exec, the exec probes' helper). Found in one place,
 * {@link #running()}: the command service watches the jar (a new build ends it), the engine looks for the helper
 * through {@link HostFacts#build()}.
 *
 * @param code the jar or class directory; empty when the class loader does not say (then nothing is beside it)
 */
public record JpodBuild(Optional<Path> code) {
    /** The build of this JVM's jpod, from its code source. */
    public static JpodBuild running() {
        try {
            return new JpodBuild(Optional.of(Path.of(JpodBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
        } catch (Exception e) { // no code source (another class loader), or not a file
            return new JpodBuild(Optional.empty());
        }
    }

    /** The program {@code name} the build made beside the jar, if it made it (the build's C helpers need gcc and headers). */
    public Optional<Path> beside(String name) {
        return code.map(c -> c.resolveSibling(name)).filter(Files::isExecutable);
    }
}
