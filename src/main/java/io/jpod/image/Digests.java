package io.jpod.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 digests as images use them: {@code sha256:<64 lowercase hex>}. */
final class Digests {
    static final String PREFIX = "sha256:";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    static String hexOf(byte[] data) {
        MessageDigest md = sha256();
        md.update(data);
        return hex(md);
    }

    static String digestOf(byte[] data) {
        return PREFIX + hexOf(data);
    }

    static boolean isHex64(String s) {
        return s != null && HEX64.matcher(s).matches();
    }

    static boolean isDigest(String s) {
        return s != null && DIGEST.matcher(s).matches();
    }

    /** The hex part of a {@code sha256:} digest. */
    static String hexPart(String digest) {
        if (!isDigest(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring(PREFIX.length());
    }
}
