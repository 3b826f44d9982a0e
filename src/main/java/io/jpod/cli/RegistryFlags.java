package io.jpod.cli;

import io.jpod.host.HostProbe;
import io.jpod.image.registry.AuthFile;
import io.jpod.image.registry.Credentials;
import io.jpod.image.registry.RegistriesConf;
import io.jpod.image.registry.RegistryOptions;
import picocli.CommandLine.Option;

/** The registry flags pull and push share with podman: --tls-verify, --creds, --authfile. */
final class RegistryFlags {
    @Option(names = "--tls-verify", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Require HTTPS and verify certificates (--tls-verify=false also allows plain HTTP).")
    boolean tlsVerify = true;

    @Option(names = "--creds", paramLabel = "USER[:PASS]", description = "Credentials to use for the registry.")
    String creds;

    @Option(names = "--authfile", paramLabel = "FILE", description = "Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json).")
    String authfile;

    RegistryOptions options() {
        return new RegistryOptions(tlsVerify, creds == null ? null : Credentials.parse(creds), authFile(authfile), registriesConf());
    }

    /** The user's registries.conf (short names, insecure registries), as podman reads it. */
    static RegistriesConf registriesConf() {
        return RegistriesConf.forUser(System.getenv(), java.nio.file.Path.of("/etc/containers/registries.conf"));
    }

    static AuthFile authFile(String authfile) {
        return AuthFile.of(authfile, System.getenv(), !HostProbe.rootless());
    }
}
