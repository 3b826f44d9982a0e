package io.jpod.image;

import io.jpod.error.InvalidInputException;
import io.jpod.error.Shown;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image name as a user writes it: {@code [registry/]repository[:tag][@sha256:hex]}.
 * {@link #parse} keeps what was written (a short name has no registry, a name may lack a tag);
 * {@link #qualified} and {@link #toString()} give the full normalised name, as podman stores
 * names: {@code busybox} is {@code localhost/busybox:latest}.
 *
 * @param registry   host[:port] or {@code localhost}; null for a short name
 * @param repository the path below the registry, e.g. {@code library/busybox}
 * @param tag        null when none was given
 * @param digest     {@code sha256:<64 hex>}, null when none was given
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    /** The registry podman gives images named without one (import, tag, build). */
    public static final String LOCAL_REGISTRY = "localhost";
    /** The registry docker-archive names without one refer to. */
    public static final String DOCKER_REGISTRY = "docker.io";
    public static final String DEFAULT_TAG = "latest";

    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final int MAX_NAME = 255;

    public ImageReference {
        if (repository == null || repository.isEmpty()) {
            throw new IllegalArgumentException("repository is required");
        }
    }

    /** Parses {@code input}; throws InvalidInputException naming the input when it is not a valid reference. */
    public static ImageReference parse(String input) {
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("image reference", "empty image name");
        }
        String rest = input;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw invalid(input, "invalid digest \"" + Shown.value(digest) + "\" (expected sha256:<64 lowercase hex digits>)");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(input, "invalid tag \"" + Shown.value(tag) + "\" (letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')");
            }
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals(LOCAL_REGISTRY)) {
                if (!DOMAIN.matcher(first).matches()) {
                    throw invalid(input, "invalid registry \"" + Shown.value(first) + "\"");
                }
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (rest.isEmpty()) {
            throw invalid(input, "repository name is empty");
        }
        if (rest.length() > MAX_NAME) {
            throw invalid(input, "repository name must not be longer than " + MAX_NAME + " characters");
        }
        for (String component : rest.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                if (!component.equals(component.toLowerCase(java.util.Locale.ROOT))) {
                    throw invalid(input, "repository name must be lowercase");
                }
                throw invalid(input, "invalid repository name component \"" + Shown.value(component)
                        + "\" (lowercase letters and digits, separated by '.', '_', '__' or '-')");
            }
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** Parses {@code input} as the name of a new image (import, tag): fully qualified, with a tag and no digest. */
    public static ImageReference forNewImage(String input) {
        ImageReference ref = parse(input);
        if (ref.digest != null) {
            throw invalid(input, "a new image name cannot have a digest (tag by digest is not supported)");
        }
        return ref.qualified(LOCAL_REGISTRY);
    }

    private static InvalidInputException invalid(String input, String message) {
        return new InvalidInputException(Shown.value(input), "invalid reference format: " + message);
    }

    /** Why {@code input} is not an image reference (as {@link #parse} says it, without the input), or null when it is one. */
    public static String problem(String input) {
        try {
            parse(input);
            return null;
        } catch (InvalidInputException e) {
            String where = e.where() + ": ";
            return e.getMessage().startsWith(where) ? e.getMessage().substring(where.length()) : e.getMessage();
        }
    }

    /** True when no registry was given. */
    public boolean isShortName() {
        return registry == null;
    }

    /**
     * This reference with {@code defaultRegistry} when it has none, and the {@code latest} tag when
     * it has neither tag nor digest. Names on docker.io get the {@code library/} prefix.
     */
    public ImageReference qualified(String defaultRegistry) {
        String reg = registry == null ? defaultRegistry : registry;
        if (reg.equals("index.docker.io")) {
            reg = DOCKER_REGISTRY;
        }
        String repo = reg.equals(DOCKER_REGISTRY) && !repository.contains("/") ? "library/" + repository : repository;
        String t = tag == null && digest == null ? DEFAULT_TAG : tag;
        return new ImageReference(reg, repo, t, digest);
    }

    /** {@code registry/repository} (or just the repository for a short name), without tag or digest. */
    public String name() {
        return registry == null ? repository : registry + "/" + repository;
    }

    /**
     * Whether this reference, as a user typed it, names {@code stored} (a fully qualified name
     * without digest) in a local lookup, as podman matches: a missing tag means {@code latest}; a
     * short name matches any stored name whose repository path ends with it at a path boundary
     * ({@code busybox} matches {@code docker.io/library/busybox:latest}). The digest is not
     * compared (names do not carry one).
     */
    public boolean matches(ImageReference stored) {
        String wantTag = tag != null ? tag : digest == null ? DEFAULT_TAG : null;
        if (wantTag != null && !wantTag.equals(stored.tag)) {
            return false;
        }
        String storedName = stored.name();
        if (!isShortName()) {
            return qualified(LOCAL_REGISTRY).name().equals(storedName);
        }
        return storedName.endsWith("/" + repository);
    }

    /** The reference as it was written: {@code parse(r.asWritten())} gives {@code r} back. */
    public String asWritten() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** True when this names a {@code localhost/} image: written with that registry, or a short name of such a stored name. */
    public boolean isLocalOnly(List<String> storedNames) {
        if (!isShortName()) {
            return registry.equals(LOCAL_REGISTRY);
        }
        return storedNames.stream().anyMatch(n -> n.startsWith(LOCAL_REGISTRY + "/"));
    }

    /**
     * The first of an image's {@code storedNames} (fully qualified) that this reference names
     * locally (see {@link #matches}); empty when none does.
     */
    public Optional<String> nameAmong(List<String> storedNames) {
        String exact = toString();
        if (digest == null && storedNames.contains(exact)) {
            return Optional.of(exact);
        }
        return storedNames.stream().filter(n -> matches(parse(n))).findFirst();
    }

    /**
     * Whether {@code images REFERENCE} lists an image of {@code storedNames} and {@code imageDigest}:
     * one of its names matches, with any tag when this reference has neither tag nor digest.
     */
    public boolean lists(List<String> storedNames, String imageDigest) {
        for (String name : storedNames) {
            ImageReference stored = parse(name);
            ImageReference query = tag == null && digest == null ? new ImageReference(registry, repository, stored.tag, null) : this;
            if (query.matches(stored) && (digest == null || digest.equals(imageDigest))) {
                return true;
            }
        }
        return false;
    }

    /** The full normalised name: {@code busybox} gives {@code localhost/busybox:latest}. */
    @Override
    public String toString() {
        ImageReference q = qualified(LOCAL_REGISTRY);
        return q.name() + (q.tag == null ? "" : ":" + q.tag) + (q.digest == null ? "" : "@" + q.digest);
    }
}
