package io.jpod.image.registry;

import io.jpod.error.Choices;
import io.jpod.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What jpod reads of containers-registries.conf(5): {@code unqualified-search-registries}, the
 * {@code [aliases]} table, {@code short-name-mode}, the {@code location}, {@code prefix}, {@code insecure},
 * {@code blocked} and {@code mirror-by-digest-only} keys of {@code [[registry]]} tables and their
 * {@code [[registry.mirror]]} tables ({@code location}, {@code insecure}, {@code pull-from-mirror}) (also the v1 {@code [registries.search]} and
 * {@code [registries.insecure]} lists). Only the small TOML subset these files use is parsed:
 * tables, arrays of tables, and keys with string, boolean or string-array values.
 *
 * @param searchRegistries where short names are looked up, in order
 * @param aliases          short name (without tag) to fully qualified name
 * @param insecure         registries reachable over plain HTTP / without certificate checks
 * @param shortNameMode    enforcing (default), permissive or disabled
 * @param registries       the {@code [[registry]]} entries: the one whose prefix matches an image's reference longest
 *                         decides; with {@code blocked = true} the image is neither pulled nor pushed, else it is pulled from
 *                         the entry's mirrors in order, then from its location ({@link #pullSources})
 */
public record RegistriesConf(List<String> searchRegistries, Map<String, String> aliases, Set<String> insecure, String shortNameMode,
        List<Entry> registries) {
    public static final RegistriesConf EMPTY = new RegistriesConf(List.of(), Map.of(), Set.of(), "enforcing");

    /**
     * A {@code [[registry]]} entry as far as jpod uses it: the references it matches ({@code prefix}, else {@code location}),
     * where they are pulled from ({@code location}, null: where the reference says), whether it blocks them, its mirrors,
     * whether they serve digests only ({@code mirror-by-digest-only}), where it is written.
     */
    public record Entry(String prefix, String location, boolean blocked, boolean mirrorByDigestOnly, List<Mirror> mirrors, String where) {
        public Entry {
            mirrors = List.copyOf(mirrors);
        }

        /** An entry without mirrors whose location is its prefix. */
        public Entry(String prefix, boolean blocked, String where) {
            this(prefix, null, blocked, false, List.of(), where);
        }

        /** How many characters of {@code reference} its prefix stands for: the whole prefix, or the host a wildcard matched. */
        int matched(String reference) {
            if (!prefix.startsWith("*.")) {
                return prefix.length();
            }
            int slash = reference.indexOf('/');
            return slash < 0 ? reference.length() : slash;
        }

        /**
         * How many characters of {@code reference} (host[:port]/repository[:tag|@digest]) the prefix matches, as podman
         * matches it (at a {@code /}, {@code :} or {@code @}, or the whole; {@code *.example.com} matches the subdomains
         * of example.com), or -1.
         */
        public int match(String reference) {
            if (prefix.startsWith("*.")) {
                int slash = reference.indexOf('/');
                String host = slash < 0 ? reference : reference.substring(0, slash);
                int colon = host.indexOf(':');
                String name = colon < 0 ? host : host.substring(0, colon);
                return name.endsWith(prefix.substring(1)) ? prefix.length() : -1;
            }
            if (reference.equals(prefix)) {
                return prefix.length();
            }
            if (reference.length() > prefix.length() && reference.startsWith(prefix) && "/:@".indexOf(reference.charAt(prefix.length())) >= 0) {
                return prefix.length();
            }
            return -1;
        }
    }

    /**
     * A {@code [[registry.mirror]]} of an entry: where else its images may be pulled from, whether over plain HTTP or
     * without certificate checks, and for which references ({@code pull-from-mirror}: all, digest-only, tag-only).
     */
    public record Mirror(String location, boolean insecure, String pullFromMirror, String where) {
        public static final List<String> PULL_FROM = List.of("all", "digest-only", "tag-only");

        /** Whether this mirror serves {@code reference}: a digest, or a tag, as pull-from-mirror says. */
        boolean serves(String reference) {
            boolean digest = reference.contains("@");
            return switch (pullFromMirror) {
                case "digest-only" -> digest;
                case "tag-only" -> !digest;
                default -> true;
            };
        }
    }

    /**
     * Where {@code reference} (host[:port]/repository[:tag|@digest]) is pulled from, in order: the mirrors of the entry
     * that matches it longest (those that serve it), each with the part of the reference after the entry's prefix,
     * then the entry's location with that part (the reference itself when no entry matches or the entry has no location).
     */
    public List<String> pullSources(String reference) {
        java.util.Optional<Entry> entry = registries.stream().filter(e -> e.match(reference) >= 0)
                .max(java.util.Comparator.comparingInt(e -> e.match(reference)));
        if (entry.isEmpty()) {
            return List.of(reference);
        }
        Entry e = entry.get();
        String rest = reference.substring(e.matched(reference));
        List<String> out = new ArrayList<>();
        if (!e.mirrorByDigestOnly() || reference.contains("@")) {
            e.mirrors().stream().filter(m -> m.serves(reference)).forEach(m -> out.add(m.location() + rest));
        }
        out.add(e.location() == null || e.prefix().startsWith("*.") ? reference : e.location() + rest);
        return out.stream().distinct().toList();
    }

    /** A configuration without blocked registries. */
    public RegistriesConf(List<String> searchRegistries, Map<String, String> aliases, Set<String> insecure, String shortNameMode) {
        this(searchRegistries, aliases, insecure, shortNameMode, List.of());
    }

    public RegistriesConf {
        searchRegistries = List.copyOf(searchRegistries);
        aliases = Map.copyOf(aliases);
        insecure = Set.copyOf(insecure);
        registries = List.copyOf(registries);
        if (!List.of("enforcing", "permissive", "disabled").contains(shortNameMode)) {
            throw new InvalidInputException("short-name-mode", Choices.unsupported(shortNameMode, "short-name-mode",
                    List.of("enforcing", "permissive", "disabled")));
        }
    }

    /**
     * The configuration podman uses: {@code $CONTAINERS_REGISTRIES_CONF} when set, else the
     * user's file ({@code $XDG_CONFIG_HOME} or {@code ~/.config}{@code /containers/registries.conf})
     * when it exists, else {@code /etc/containers/registries.conf}; then the drop-ins of the
     * {@code registries.conf.d} directory beside the system file, in name order.
     */
    public static RegistriesConf forUser(Map<String, String> env, Path systemFile) {
        List<Path> files = new ArrayList<>();
        String override = env.get("CONTAINERS_REGISTRIES_CONF");
        if (override != null && !override.isEmpty()) {
            files.add(Path.of(override));
        } else {
            String xdg = env.get("XDG_CONFIG_HOME");
            String home = env.get("HOME");
            Path user = xdg != null && !xdg.isEmpty() ? Path.of(xdg, "containers", "registries.conf")
                    : home != null && !home.isEmpty() ? Path.of(home, ".config", "containers", "registries.conf") : null;
            files.add(user != null && Files.isRegularFile(user) ? user : systemFile);
            Path dropIns = systemFile.resolveSibling("registries.conf.d");
            if (Files.isDirectory(dropIns)) {
                try (Stream<Path> s = Files.list(dropIns)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new InvalidInputException(dropIns.toString(), "cannot list: " + e.getMessage());
                }
            }
        }
        return read(files);
    }

    /** Reads {@code files} in order (missing ones are skipped); a later file's keys win, aliases merge. */
    public static RegistriesConf read(List<Path> files) {
        Builder b = new Builder();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                b.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
            } catch (IOException e) {
                throw new InvalidInputException(f.toString(), "cannot read: " + e.getMessage());
            }
        }
        return b.build();
    }

    /** Parses one file's text; {@code where} names it in messages. */
    public static RegistriesConf parse(String text, String where) {
        Builder b = new Builder();
        b.parse(text, where);
        return b.build();
    }

    /** True when {@code registry} (host[:port]) is marked insecure. */
    public boolean isInsecure(String registry) {
        return insecure.contains(registry);
    }

    /** The entry that blocks {@code reference}, if one does: as podman, the entry whose prefix matches the longest part of it decides. */
    public java.util.Optional<Entry> blocking(String reference) {
        return registries.stream().filter(e -> e.match(reference) >= 0).max(java.util.Comparator.comparingInt(e -> e.match(reference)))
                .filter(Entry::blocked);
    }

    private static final class Builder {
        List<String> search;
        final Map<String, String> aliases = new LinkedHashMap<>();
        final Set<String> insecure = new LinkedHashSet<>();
        final List<Entry> entries = new ArrayList<>();
        String mode;

        /** A {@code [[registry]]} table being read, with its mirrors. */
        private static final class Draft {
            final String at;
            String location;
            String prefix;
            Boolean insecure;
            boolean blocked;
            boolean mirrorByDigestOnly;
            final List<MirrorDraft> mirrors = new ArrayList<>();

            Draft(String at) {
                this.at = at;
            }
        }

        /** A {@code [[registry.mirror]]} table being read. */
        private static final class MirrorDraft {
            final String at;
            String location;
            boolean insecure;
            String pullFrom = "all";

            MirrorDraft(String at) {
                this.at = at;
            }
        }

        RegistriesConf build() {
            return new RegistriesConf(search == null ? List.of() : search, aliases, insecure, mode == null ? "enforcing" : mode, entries);
        }

        void parse(String text, String where) {
            String table = "";
            Draft draft = null;
            MirrorDraft mirror = null;
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String at = where + ":" + (i + 1);
                String line = stripComment(lines[i]).trim();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("[")) {
                    boolean array = line.startsWith("[[");
                    if (!line.endsWith(array ? "]]" : "]")) {
                        throw new InvalidInputException(at, "invalid table header: " + line);
                    }
                    table = (array ? "[]" : "") + unquote(line.substring(array ? 2 : 1, line.length() - (array ? 2 : 1)).trim(), at);
                    if (table.equals("[]registry.mirror")) {
                        if (draft == null) {
                            throw new InvalidInputException(at, "[[registry.mirror]] must follow the [[registry]] it belongs to");
                        }
                        mirror = new MirrorDraft(at);
                        draft.mirrors.add(mirror);
                        continue;
                    }
                    registry(draft);
                    draft = table.equals("[]registry") ? new Draft(at) : null;
                    mirror = null;
                    continue;
                }
                int eq = keyEnd(line);
                if (eq < 0) {
                    throw new InvalidInputException(at, "expected key = value: " + line);
                }
                String key = unquote(line.substring(0, eq).trim(), at);
                StringBuilder value = new StringBuilder(line.substring(eq + 1).trim());
                while (value.toString().startsWith("[") && !closed(value.toString()) && i + 1 < lines.length) {
                    value.append(' ').append(stripComment(lines[++i]).trim());
                }
                Object v = value(value.toString().trim(), at);
                switch (table) {
                    case "" -> {
                        if (key.equals("unqualified-search-registries")) {
                            search = strings(v, key, at);
                        } else if (key.equals("short-name-mode")) {
                            mode = string(v, key, at);
                        }
                    }
                    case "aliases" -> aliases.put(key, string(v, key, at));
                    case "registries.search" -> {
                        if (key.equals("registries")) {
                            search = strings(v, key, at);
                        }
                    }
                    case "registries.insecure" -> {
                        if (key.equals("registries")) {
                            insecure.addAll(strings(v, key, at));
                        }
                    }
                    case "[]registry" -> {
                        switch (key) {
                            case "location" -> draft.location = string(v, key, at);
                            case "prefix" -> draft.prefix = string(v, key, at);
                            case "blocked" -> draft.blocked = flag(v, key, at);
                            case "insecure" -> draft.insecure = flag(v, key, at);
                            case "mirror-by-digest-only" -> draft.mirrorByDigestOnly = flag(v, key, at);
                            default -> {
                                // other keys of an entry are not jpod's concern
                            }
                        }
                    }
                    case "[]registry.mirror" -> {
                        switch (key) {
                            case "location" -> mirror.location = string(v, key, at);
                            case "insecure" -> mirror.insecure = flag(v, key, at);
                            case "pull-from-mirror" -> {
                                mirror.pullFrom = string(v, key, at);
                                if (!Mirror.PULL_FROM.contains(mirror.pullFrom)) {
                                    throw new InvalidInputException(at, Choices.unsupported(mirror.pullFrom, key, Mirror.PULL_FROM));
                                }
                            }
                            default -> {
                                // other keys of a mirror are not jpod's concern
                            }
                        }
                    }
                    default -> {
                        // other tables ([engine], ...) are not jpod's concern
                    }
                }
            }
            registry(draft);
        }

        /** Adds the entry {@code d} describes (nothing for null), and the hosts it marks insecure. */
        private void registry(Draft d) {
            if (d == null) {
                return;
            }
            List<Mirror> mirrors = new ArrayList<>();
            for (MirrorDraft m : d.mirrors) {
                if (m.location == null || m.location.isEmpty()) {
                    throw new InvalidInputException(m.at, "a [[registry.mirror]] needs a location");
                }
                mirrors.add(new Mirror(m.location, m.insecure, m.pullFrom, m.at));
                if (m.insecure) {
                    insecure.add(host(m.location));
                }
            }
            String matches = d.prefix != null ? d.prefix : d.location;
            if (matches != null) {
                entries.add(new Entry(matches, d.location, d.blocked, d.mirrorByDigestOnly, mirrors, d.at));
            }
            if (d.location != null && Boolean.TRUE.equals(d.insecure)) {
                insecure.add(host(d.location));
            }
        }

        private static String host(String location) {
            int slash = location.indexOf('/');
            return slash < 0 ? location : location.substring(0, slash);
        }

        private static boolean flag(Object v, String key, String at) {
            if (!(v instanceof Boolean flag)) {
                throw new InvalidInputException(at, key + " must be true or false");
            }
            return flag;
        }

        private static String stripComment(String line) {
            boolean quoted = false;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '\\' && quote == '"') {
                        i++;
                    } else if (c == quote) {
                        quoted = false;
                    }
                } else if (c == '"' || c == '\'') {
                    quoted = true;
                    quote = c;
                } else if (c == '#') {
                    return line.substring(0, i);
                }
            }
            return line;
        }

        private static int keyEnd(String line) {
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"' || c == '\'') {
                    quoted = !quoted;
                } else if (c == '=' && !quoted) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean closed(String value) {
            return stripComment(value).trim().endsWith("]");
        }

        private static Object value(String v, String at) {
            if (v.equals("true") || v.equals("false")) {
                return Boolean.valueOf(v);
            }
            if (v.startsWith("[")) {
                if (!v.endsWith("]")) {
                    throw new InvalidInputException(at, "unterminated array: " + v);
                }
                List<String> out = new ArrayList<>();
                String inner = v.substring(1, v.length() - 1).trim();
                for (String item : splitItems(inner, at)) {
                    out.add(unquoteString(item.trim(), at));
                }
                return out;
            }
            return unquoteString(v, at);
        }

        private static List<String> splitItems(String inner, String at) {
            List<String> items = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            char quote = 0;
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (quote != 0) {
                    cur.append(c);
                    if (c == '\\' && quote == '"' && i + 1 < inner.length()) {
                        cur.append(inner.charAt(++i));
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    cur.append(c);
                } else if (c == ',') {
                    items.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            if (quote != 0) {
                throw new InvalidInputException(at, "unterminated string in array");
            }
            if (!cur.toString().trim().isEmpty()) {
                items.add(cur.toString());
            }
            return items;
        }

        /** A key or table name: bare, or quoted. */
        private static String unquote(String s, String at) {
            return s.startsWith("\"") || s.startsWith("'") ? unquoteString(s, at) : s;
        }

        private static String unquoteString(String s, String at) {
            if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
                String body = s.substring(1, s.length() - 1);
                return s.startsWith("\"") ? body.replace("\\\"", "\"").replace("\\\\", "\\") : body;
            }
            throw new InvalidInputException(at, "expected a quoted string, true, false or an array: " + s);
        }

        private static String string(Object v, String key, String at) {
            if (v instanceof String s) {
                return s;
            }
            throw new InvalidInputException(at, key + " must be a string");
        }

        private static List<String> strings(Object v, String key, String at) {
            if (v instanceof List<?> l) {
                return l.stream().map(String::valueOf).toList();
            }
            throw new InvalidInputException(at, key + " must be an array of strings");
        }
    }
}
