package io.jpod.cli;

import io.jpod.engine.RegistryAccess;
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

    /** What the flags say of reaching registries. */
    RegistryAccess access(Invocation invocation) {
        return new RegistryAccess(tlsVerify, creds, invocation.path(authfile));
    }
}
