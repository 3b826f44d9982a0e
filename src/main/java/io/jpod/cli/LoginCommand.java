package io.jpod.cli;

import io.jpod.error.InvalidInputException;
import io.jpod.engine.ImageService;
import io.jpod.image.registry.Credentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod login}: checks credentials against a registry and stores them in the auth file, as {@code podman login}. */
@Command(name = "login", description = "Log in to a container registry.")
public final class LoginCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-u", "--username"}, description = "User name for the registry.")
    String username;

    @Option(names = {"-p", "--password"}, description = "Password for the registry.")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--tls-verify", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Require HTTPS and verify certificates (--tls-verify=false also allows plain HTTP).")
    boolean tlsVerify = true;

    @Option(names = "--authfile", paramLabel = "FILE", description = "Path of the authentication file.")
    String authfile;

    @Parameters(index = "0", paramLabel = "REGISTRY", description = "The registry: host[:port].")
    String registry;

    @Override
    public void run() {
        if (password != null && passwordStdin) {
            throw new InvalidInputException("--password-stdin", "--password and --password-stdin cannot be used together");
        }
        String host = registryHost(registry);
        String user = username;
        if (user == null || user.isEmpty()) {
            if (System.console() == null) {
                throw new InvalidInputException("--username", "no user name given (use -u USER)");
            }
            user = System.console().readLine("Username: ");
        }
        String pass = password;
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(GlobalOptions.of(spec).invocation().in(), StandardCharsets.UTF_8)).readLine();
                pass = line == null ? "" : line;
            } catch (IOException e) {
                throw new InvalidInputException("--password-stdin", "cannot read standard input: " + e.getMessage());
            }
        } else if (pass == null) {
            if (System.console() == null) {
                throw new InvalidInputException("--password", "no password given (use -p PASSWORD or --password-stdin)");
            }
            pass = new String(System.console().readPassword("Password: "));
        }
        Credentials credentials = new Credentials(user, pass);
        ImageService.login(host, credentials, tlsVerify, GlobalOptions.of(spec).invocation().path(authfile));
        var out = spec.commandLine().getOut();
        out.println("Login Succeeded!");
        out.flush();
    }

    /** host[:port] of a registry argument ({@code https://host/path} gives host). */
    static String registryHost(String arg) {
        String s = arg.replaceFirst("^[a-zA-Z]+://", "");
        int slash = s.indexOf('/');
        s = slash >= 0 ? s.substring(0, slash) : s;
        if (s.isEmpty()) {
            throw new InvalidInputException(arg, "no registry given");
        }
        return s.equals("index.docker.io") || s.equals("registry-1.docker.io") ? "docker.io" : s;
    }
}
