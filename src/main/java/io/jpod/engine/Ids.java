package io.jpod.engine;

import java.security.SecureRandom;
import java.util.HexFormat;

/** 64-hex random ids for pods and containers, as podman's. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String next() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
