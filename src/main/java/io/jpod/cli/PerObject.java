package io.jpod.cli;

import io.jpod.error.JpodException;
import java.util.List;
import java.util.function.Function;

/** Runs one action per named object, printing each result or its error; the exit code says if any failed. */
final class PerObject {
    private PerObject() {
    }

    static int run(EngineCommand cmd, List<String> names, Function<String, String> action) {
        boolean failed = false;
        for (String name : names) {
            try {
                cmd.out().println(action.apply(name));
            } catch (JpodException e) {
                failed = true;
                cmd.err().println("Error: " + e.getMessage());
            }
        }
        cmd.out().flush();
        cmd.err().flush();
        return failed ? ErrorReporter.ENGINE_ERROR : 0;
    }
}
