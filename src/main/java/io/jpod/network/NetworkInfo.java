package io.jpod.network;

/**
 * What {@code jpod network inspect} shows of a network.
 *
 * @param created when the user first had it (its directory was made)
 * @param up      whether its namespace and helpers are there (a pod has joined)
 * @param pods    how many pods are on it now
 */
public record NetworkInfo(String name, String bridge, String subnet, String gateway, java.time.Instant created, boolean up, int pods) {
    /** Its id, as podman's: 64 hex digits, here the SHA-256 of its name. */
    public String id() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
