package io.jpod.cli;

import io.jpod.engine.Engine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of commands that call the engine: access to it and to the command's own output streams. */
abstract class EngineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    GlobalOptions global() {
        return GlobalOptions.of(spec);
    }

    Engine engine() {
        return global().engine();
    }

    /** The user's working directory and standard streams. */
    Invocation invocation() {
        return global().invocation();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
