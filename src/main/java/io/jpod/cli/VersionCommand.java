package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpod version}: the version of jpod and the Java it runs on. */
@Command(name = "version", description = "Display the jpod version information.")
public final class VersionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = {"-f", "--format"}, description = "Go template or json.")
    String format;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        String version = Version.current();
        if ("json".equals(format)) {
            out.printf("{\"Client\":{\"Version\":\"%s\",\"JavaVersion\":\"%s\",\"OsArch\":\"linux/%s\"}}%n",
                    version, System.getProperty("java.version"), System.getProperty("os.arch"));
            return;
        }
        out.printf("Version:      %s%n", version);
        out.printf("Java Version: %s%n", System.getProperty("java.version"));
        out.printf("OS/Arch:      linux/%s%n", System.getProperty("os.arch"));
    }
}
