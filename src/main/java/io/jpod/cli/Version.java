package io.jpod.cli;

/** jpod's version, from the jar manifest. */
final class Version {
    private Version() {
    }

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.0.0-dev" : v;
    }
}
