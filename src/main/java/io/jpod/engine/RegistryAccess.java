package io.jpod.engine;

import io.jpod.image.registry.ShortNameChooser;

/**
 * How a command reaches registries, as its flags say: {@code --tls-verify}, {@code --creds}
 * ({@code USER[:PASS]}, null for none) and {@code --authfile} (null: the default file), and who
 * chooses among the candidates of an ambiguous short name. {@link ImageService#registryOptions}
 * makes the options of an operation from it.
 */
public record RegistryAccess(boolean tlsVerify, String creds, String authfile, ShortNameChooser chooser) {
    public RegistryAccess {
        chooser = chooser == null ? ShortNameChooser.NONE : chooser;
    }

    /** Without a chooser: an ambiguous short name is an error. */
    public RegistryAccess(boolean tlsVerify, String creds, String authfile) {
        this(tlsVerify, creds, authfile, ShortNameChooser.NONE);
    }

    /** The same access, asking {@code chooser}. */
    public RegistryAccess withChooser(ShortNameChooser chooser) {
        return new RegistryAccess(tlsVerify, creds, authfile, chooser);
    }
}
