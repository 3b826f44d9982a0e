package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.error.JpodException;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.function.Function;

/** Runs one action per named object, printing each result or its error; the exit code says if any failed. */
final class PerObject {
    private PerObject() {
    }

    /**
     * Prints what {@code inspect} gives for each name as JSON (one object alone when
     * {@code singleAsObject}, as podman's pod inspect) or through a Go template; errors per name.
     */
    static int inspect(EngineCommand cmd, List<String> names, String format, boolean singleAsObject,
            Function<String, Map<String, Object>> inspect) {
        List<Map<String, Object>> found = new ArrayList<>();
        boolean failed = false;
        for (String name : names) {
            try {
                found.add(inspect.apply(name));
            } catch (JpodException e) {
                failed = true;
                cmd.err().println("Error: " + ErrorReporter.message(e));
            }
        }
        if (format == null || format.equals("json")) {
            Output.printJson(cmd.out(), singleAsObject && found.size() == 1 ? found.get(0) : found);
        } else {
            Output.print(cmd.out(), format, found, List.of());
        }
        cmd.out().flush();
        cmd.err().flush();
        return failed ? ErrorReporter.ENGINE_ERROR : 0;
    }

    static int run(EngineCommand cmd, List<String> names, Function<String, String> action) {
        boolean failed = false;
        for (String name : names) {
            try {
                cmd.out().println(action.apply(name));
            } catch (JpodException e) {
                failed = true;
                cmd.err().println("Error: " + ErrorReporter.message(e));
            }
        }
        cmd.out().flush();
        cmd.err().flush();
        return failed ? ErrorReporter.ENGINE_ERROR : 0;
    }
}
