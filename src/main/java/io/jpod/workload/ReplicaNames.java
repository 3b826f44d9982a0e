package io.jpod.workload;

import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;

/**
 * The names Kubernetes gives a workload's pods: a Deployment's {@code <name>-<hash>-<suffix>}, a
 * DaemonSet's and a Job's {@code <name>-<suffix>}, an Indexed Job's {@code <name>-<index>-<suffix>};
 * the hash and suffix in the alphabet Kubernetes uses for them (no vowels, no look-alikes).
 */
public final class ReplicaNames {
    /** The characters of hashes and suffixes, as Kubernetes' {@code rand} package has them. */
    public static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** The longest pod name: a DNS label, as the pod's hostname must be. */
    public static final int MAX_NAME_LENGTH = 63;
    /** How many characters {@link #suffix} gives. */
    public static final int SUFFIX_LENGTH = 5;

    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private ReplicaNames() {
    }

    /** The pod-template-hash of a template given as canonical text (its JSON), as ten characters or fewer. */
    public static String templateHash(String canonicalTemplate) {
        int hash = FNV_OFFSET_BASIS;
        for (byte b : canonicalTemplate.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    /** Five random characters; {@code random} gives an int in [0, bound) for a bound. */
    public static String suffix(IntUnaryOperator random) {
        StringBuilder s = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            s.append(ALPHABET.charAt(random.applyAsInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /**
     * {@code base} then each of {@code parts}, joined by '-': {@code podName(name, hash, suffix)} for a Deployment's
     * pod, {@code podName(name, suffix)} for a DaemonSet's or a Job's, {@code podName(name, "2", suffix)} for an Indexed
     * Job's. A base too long for {@value #MAX_NAME_LENGTH} characters in all is cut, and then ends in neither '-' nor '.'.
     */
    public static String podName(String base, String... parts) {
        String tail = parts.length == 0 ? "" : "-" + String.join("-", parts);
        int room = Math.max(0, MAX_NAME_LENGTH - tail.length());
        String cut = base.length() > room ? trimSeparators(base.substring(0, room)) : base;
        return cut.isEmpty() && !tail.isEmpty() ? tail.substring(1) : cut + tail;
    }

    /** Kubernetes' SafeEncodeString: each character mapped into the alphabet. */
    private static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.append(ALPHABET.charAt(s.charAt(i) % ALPHABET.length()));
        }
        return out.toString();
    }

    private static String trimSeparators(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '-' || s.charAt(end - 1) == '.')) {
            end--;
        }
        return s.substring(0, end);
    }
}
