package io.jpod.cli;

import io.jpod.engine.ImageService;
import io.jpod.error.NotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod logout}: removes a registry's credentials from the auth file, as {@code podman logout}. */
@Command(name = "logout", description = "Log out of a container registry.")
public final class LogoutCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--authfile", paramLabel = "FILE", description = "Path of the authentication file.")
    String authfile;

    @Parameters(index = "0", paramLabel = "REGISTRY", description = "The registry: host[:port].")
    String registry;

    @Override
    public void run() {
        String host = LoginCommand.registryHost(registry);
        if (!ImageService.logout(host, GlobalOptions.of(spec).invocation().path(authfile))) {
            throw new NotFoundException("login", host, "not logged into " + host);
        }
        var out = spec.commandLine().getOut();
        out.println("Removed login credentials for " + host);
        out.flush();
    }
}
