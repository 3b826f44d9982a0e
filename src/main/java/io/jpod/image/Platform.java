package io.jpod.image;

/**
 * Which image of an index to pull. Null fields mean this host's: linux, and the JVM's
 * architecture in the names images use ({@link #goArchitecture}).
 */
public record Platform(String os, String architecture, String variant) {
    public static final Platform HOST = new Platform(null, null, null);

    /** The OS to pull for. */
    String osOrHost() {
        return os != null ? os : "linux";
    }

    /** The architecture to pull for. */
    String architectureOrHost() {
        return architecture != null ? architecture : goArchitecture(System.getProperty("os.arch"));
    }

    /** The architecture name images use for this JVM's {@code os.arch} (amd64, arm64, ...). */
    static String goArchitecture(String osArch) {
        return io.jpod.host.HostProbe.architecture(osArch);
    }
}
