package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod secret}: the Secrets pods use, as {@code podman secret}. */
@Command(name = "secret", description = "Manage secrets.")
public final class SecretCommand extends GroupCommand {
}
