package io.jpod.image;

import io.jpod.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Dockerfile instructions applied to an image configuration, as {@code podman import --change}
 * accepts them: ENV, CMD, ENTRYPOINT, WORKDIR, USER, LABEL, EXPOSE and STOPSIGNAL, written
 * {@code INSTRUCTION value} or {@code INSTRUCTION=value}; CMD and ENTRYPOINT in JSON (exec) or
 * shell form.
 */
public final class ConfigChanges {
    private static final String WHERE = "--change";
    private static final Pattern INSTRUCTION = Pattern.compile("\\s*([A-Za-z]+)(?:[\\s=]\\s*(.*))?", Pattern.DOTALL);
    private static final Pattern PORT = Pattern.compile("([0-9]+)(?:-([0-9]+))?(?:/(tcp|udp|sctp))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGNAL = Pattern.compile("(?:SIG)?[A-Z0-9+-]+|[0-9]+", Pattern.CASE_INSENSITIVE);
    private static final List<String> SUPPORTED = List.of("ENV", "CMD", "ENTRYPOINT", "WORKDIR", "USER", "LABEL", "EXPOSE", "STOPSIGNAL");

    private ConfigChanges() {
    }

    /** {@code base} with {@code changes} applied in order; InvalidInputException naming the change when one is invalid. */
    public static ImageConfig apply(ImageConfig base, List<String> changes) {
        ImageConfig c = base;
        for (String change : changes) {
            c = applyOne(c, change);
        }
        return c;
    }

    private static ImageConfig applyOne(ImageConfig c, String change) {
        Matcher m = INSTRUCTION.matcher(change);
        if (!m.matches()) {
            throw invalid(change, "expected INSTRUCTION VALUE, e.g. 'CMD [\"sh\"]'");
        }
        String instruction = m.group(1).toUpperCase(Locale.ROOT);
        String value = m.group(2) == null ? "" : m.group(2).trim();
        if (!SUPPORTED.contains(instruction)) {
            throw invalid(change, "unsupported instruction " + instruction + " (supported: " + String.join(", ", SUPPORTED) + ")");
        }
        if (value.isEmpty()) {
            throw invalid(change, instruction + " requires a value");
        }
        switch (instruction) {
            case "ENV":
                return with(c, env(c.env(), keyValues(value, change)), c.entrypoint(), c.cmd(), c.workingDir(), c.user(), c.labels(),
                        c.exposedPorts(), c.stopSignal());
            case "LABEL": {
                Map<String, String> labels = new LinkedHashMap<>(c.labels());
                labels.putAll(keyValues(value, change));
                return with(c, c.env(), c.entrypoint(), c.cmd(), c.workingDir(), c.user(), labels, c.exposedPorts(), c.stopSignal());
            }
            case "CMD":
                return with(c, c.env(), c.entrypoint(), command(value), c.workingDir(), c.user(), c.labels(), c.exposedPorts(), c.stopSignal());
            case "ENTRYPOINT":
                return with(c, c.env(), command(value), c.cmd(), c.workingDir(), c.user(), c.labels(), c.exposedPorts(), c.stopSignal());
            case "WORKDIR": {
                String dir = value.startsWith("/") ? value
                        : (c.workingDir() == null ? "/" : c.workingDir().endsWith("/") ? c.workingDir() : c.workingDir() + "/") + value;
                return with(c, c.env(), c.entrypoint(), c.cmd(), dir, c.user(), c.labels(), c.exposedPorts(), c.stopSignal());
            }
            case "USER":
                return with(c, c.env(), c.entrypoint(), c.cmd(), c.workingDir(), value, c.labels(), c.exposedPorts(), c.stopSignal());
            case "EXPOSE": {
                List<String> ports = new ArrayList<>(c.exposedPorts());
                for (String p : words(value, change)) {
                    String port = port(p, change);
                    if (!ports.contains(port)) {
                        ports.add(port);
                    }
                }
                return with(c, c.env(), c.entrypoint(), c.cmd(), c.workingDir(), c.user(), c.labels(), ports, c.stopSignal());
            }
            case "STOPSIGNAL":
                if (!SIGNAL.matcher(value).matches()) {
                    throw invalid(change, "invalid signal \"" + value + "\"");
                }
                return with(c, c.env(), c.entrypoint(), c.cmd(), c.workingDir(), c.user(), c.labels(), c.exposedPorts(), value);
            default:
                throw new IllegalStateException(instruction);
        }
    }

    private static ImageConfig with(ImageConfig c, List<String> env, List<String> entrypoint, List<String> cmd, String workingDir,
            String user, Map<String, String> labels, List<String> ports, String stopSignal) {
        return new ImageConfig(env, entrypoint, cmd, workingDir, user, labels, ports, stopSignal, c.created(), c.architecture(),
                c.os(), c.author(), c.history());
    }

    private static List<String> env(List<String> env, Map<String, String> set) {
        List<String> out = new ArrayList<>(env);
        set.forEach((k, v) -> {
            out.removeIf(e -> e.equals(k) || e.startsWith(k + "="));
            out.add(k + "=" + v);
        });
        return out;
    }

    /** {@code k=v k2="v 2"}, or the legacy {@code key the value}. */
    private static Map<String, String> keyValues(String value, String change) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> words = words(value, change);
        if (!words.get(0).contains("=")) {
            String rest = value.substring(value.indexOf(words.get(0)) + words.get(0).length()).trim();
            if (rest.isEmpty()) {
                throw invalid(change, "\"" + words.get(0) + "\" has no value (use KEY=VALUE)");
            }
            out.put(words.get(0), rest);
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw invalid(change, "\"" + w + "\" is not KEY=VALUE");
            }
            out.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return out;
    }

    /** Exec form {@code ["a","b"]}, else shell form run by {@code /bin/sh -c}. */
    private static List<String> command(String value) {
        if (value.startsWith("[")) {
            try {
                JsonNode n = ImageConfig.JSON.readTree(value);
                if (n.isArray()) {
                    List<String> out = new ArrayList<>();
                    boolean allStrings = true;
                    for (JsonNode v : n) {
                        allStrings &= v.isString();
                        out.add(v.asString(""));
                    }
                    if (allStrings) {
                        return out;
                    }
                }
            } catch (JacksonException e) {
                // not JSON: shell form, as docker does
            }
        }
        return List.of("/bin/sh", "-c", value);
    }

    private static String port(String p, String change) {
        Matcher m = PORT.matcher(p);
        if (!m.matches()) {
            throw invalid(change, "invalid port \"" + p + "\" (expected PORT[/tcp|udp|sctp])");
        }
        for (int g = 1; g <= 2; g++) {
            if (m.group(g) != null && (m.group(g).length() > 5 || Integer.parseInt(m.group(g)) < 1 || Integer.parseInt(m.group(g)) > 65535)) {
                throw invalid(change, "invalid port \"" + p + "\" (1 to 65535)");
            }
        }
        String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(Locale.ROOT);
        return m.group(1) + (m.group(2) == null ? "" : "-" + m.group(2)) + "/" + proto;
    }

    /** Splits shell-like words: whitespace separates, quotes group, backslash escapes. */
    static List<String> words(String s, String change) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(ch);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw invalid(change, "unterminated quote");
        }
        if (inWord) {
            out.add(cur.toString());
        }
        if (out.isEmpty()) {
            throw invalid(change, "missing value");
        }
        return out;
    }

    private static InvalidInputException invalid(String change, String message) {
        return new InvalidInputException(WHERE + " '" + change + "'", message);
    }
}
