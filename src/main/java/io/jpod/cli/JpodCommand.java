package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The top-level {@code jpod} command: a verb is required (the verbs are in {@link CommandTree}). */
@Command(name = "jpod", mixinStandardHelpOptions = true, scope = picocli.CommandLine.ScopeType.INHERIT,
        versionProvider = JpodCommand.VersionProvider.class,
        description = "Run Kubernetes YAML locally: rootless, daemonless.")
public final class JpodCommand implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code jpod --version}, as podman's: "jpod version X". */
    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jpod version " + Version.current()};
        }
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command 'jpod COMMAND'");
    }
}
