package io.jpod.kube;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Kubernetes' rules for names, label keys and label values (the one home of them: translators,
 * {@link KubeRules} and generators all ask here), what each rule says in words, and a deterministic
 * conversion of a string that breaks them into one that keeps them (used when jpod writes YAML a
 * cluster must accept).
 */
final class KubeNames {
    /** DNS-1123 label: container, volume and port names of a Service, hostnames, namespaces. */
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** DNS-1123 subdomain: object names, host names of hostAliases, DNS search domains, key prefixes. */
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Kubernetes' IANA_SVC_NAME: lower case letters, digits and '-', with a letter, alphanumeric at both ends, no "--". */
    private static final Pattern PORT_NAME = Pattern.compile("(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*[a-z0-9]|[a-z]");
    static final int PORT_NAME_MAX = 15;

    static final String SUBDOMAIN_RULE = "lower case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253";
    static final String LABEL_RULE = "lower case letters, digits and '-', starting and ending with a letter or digit, at most 63";
    static final String DNS1035_RULE = "lower case letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63";
    static final String PORT_NAME_RULE = "at most 15 lower case letters, digits and '-', "
            + "with at least one letter, not starting or ending with '-' and without \"--\"";

    /** A label value, or the name part of a label or annotation key (without the length limit). */
    static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    /** DNS-1035 label: what a Service's name must be. */
    static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    static final int LABEL_MAX = 63;
    static final int SUBDOMAIN_MAX = 253;
    /** What a name becomes when nothing of it is left after the conversion. */
    static final String FALLBACK = "jpod";

    private KubeNames() {
    }

    /** Whether {@code s} is a valid object name (DNS-1123 subdomain: Pods, Deployments, DaemonSets, Jobs, ConfigMaps…). */
    static boolean isObjectName(String s) {
        return isDns1123Subdomain(s);
    }

    /** Whether {@code s} is a DNS-1123 subdomain of at most 253 characters. */
    static boolean isDns1123Subdomain(String s) {
        return s != null && s.length() <= SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.matcher(s).matches();
    }

    /** Whether {@code s} is a valid DNS-1123 label (container names, hostnames). */
    static boolean isDns1123Label(String s) {
        return s != null && s.length() <= LABEL_MAX && DNS1123_LABEL.matcher(s).matches();
    }

    /** Whether {@code s} is a valid port name (IANA_SVC_NAME): {@link #PORT_NAME_RULE}. */
    static boolean isPortName(String s) {
        return s != null && s.length() <= PORT_NAME_MAX && PORT_NAME.matcher(s).matches();
    }

    /** Whether {@code s} is a valid Service name (DNS-1035 label). */
    static boolean isServiceName(String s) {
        return s.length() <= LABEL_MAX && DNS1035_LABEL.matcher(s).matches();
    }

    /** Whether {@code s} is a valid label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63. */
    static boolean isKey(String s) {
        int slash = s.indexOf('/');
        String name = slash < 0 ? s : s.substring(slash + 1);
        if (slash >= 0) {
            String prefix = s.substring(0, slash);
            if (!isDns1123Subdomain(prefix)) {
                return false;
            }
        }
        return name.length() <= LABEL_MAX && QUALIFIED_NAME.matcher(name).matches();
    }

    /** Whether {@code s} is a valid label value: empty, or at most 63 of letters, digits, '-', '_' and '.', alphanumeric at both ends. */
    static boolean isLabelValue(String s) {
        return s.isEmpty() || (s.length() <= LABEL_MAX && QUALIFIED_NAME.matcher(s).matches());
    }

    /**
     * {@code s} made a DNS-1123 label: lower case, every other character than a-z, 0-9 and '-'
     * becomes '-', '-' trimmed from both ends, at most 63 characters. Never empty.
     */
    static String toDns1123Label(String s) {
        String out = trim(s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"), "-", LABEL_MAX);
        return out.isEmpty() ? FALLBACK : out;
    }

    /** {@code s} made a Service name: a DNS-1123 label that starts with a letter ("svc-" is put before a leading digit). */
    static String toServiceName(String s) {
        String label = toDns1123Label(s);
        return Character.isDigit(label.charAt(0)) ? toDns1123Label("svc-" + label) : label;
    }

    /** {@code s} made a label value: characters other than letters, digits, '-', '_' and '.' become '-', trimmed, at most 63. May be empty. */
    static String toLabelValue(String s) {
        return trim(s.replaceAll("[^-A-Za-z0-9_.]", "-"), "-_.", LABEL_MAX);
    }

    /** {@code s} made a label or annotation key; empty when nothing of its name part is left. */
    static String toKey(String s) {
        int slash = s.indexOf('/');
        String name = toLabelValue(slash < 0 ? s : s.substring(slash + 1));
        if (slash < 0 || name.isEmpty()) {
            return name;
        }
        String prefix = trim(Arrays.stream(s.substring(0, slash).toLowerCase(Locale.ROOT).split("\\."))
                .map(part -> trim(part.replaceAll("[^a-z0-9-]", "-"), "-", LABEL_MAX))
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining(".")), "-.", SUBDOMAIN_MAX);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** Drops the characters of {@code strip} from both ends, cuts to {@code max} and drops them from the end again. */
    private static String trim(String s, String strip, int max) {
        int from = 0;
        int to = s.length();
        while (from < to && strip.indexOf(s.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && strip.indexOf(s.charAt(to - 1)) >= 0) {
            to--;
        }
        String out = s.substring(from, Math.min(to, from + max));
        int end = out.length();
        while (end > 0 && strip.indexOf(out.charAt(end - 1)) >= 0) {
            end--;
        }
        return out.substring(0, end);
    }
}
