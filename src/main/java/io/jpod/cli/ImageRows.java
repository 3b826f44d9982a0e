package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.image.Image;
import io.jpod.image.ImageConfig;
import io.jpod.image.ImageReference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Images as podman shows them: rows of {@code podman images}, objects of {@code podman image inspect}. */
final class ImageRows {
    static final List<Column> TABLE = List.of(new Column("REPOSITORY", "{{.Repository}}"), new Column("TAG", "{{.Tag}}"),
            new Column("IMAGE ID", "{{.ID}}"), new Column("CREATED", "{{.Created}}"), new Column("SIZE", "{{.Size}}"));
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");
    private static final String NONE = "<none>";

    private ImageRows() {
    }

    /** One {@code podman images} row for {@code image} under {@code name} (null for an image without names). */
    static Map<String, Object> listRow(Image image, String name, boolean noTrunc, int containers, Instant now) {
        ImageReference ref = name == null ? null : ImageReference.parse(name);
        Instant created = image.created().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Repository", ref == null ? NONE : ref.name());
        row.put("Tag", ref == null || ref.tag() == null ? NONE : ref.tag());
        row.put("ID", noTrunc ? "sha256:" + image.id() : image.shortId());
        row.put("Id", image.id());
        row.put("ParentId", "");
        row.put("Digest", image.digest());
        row.put("Created", Output.ago(Duration.between(created, now)));
        row.put("CreatedSince", Output.ago(Duration.between(created, now)));
        row.put("CreatedAt", GO_TIME.format(created.atZone(ZoneId.systemDefault())));
        row.put("CreatedTime", GO_TIME.format(created.atZone(ZoneId.systemDefault())));
        row.put("Size", Output.humanSize(image.size()));
        row.put("SharedSize", 0);
        row.put("VirtualSize", image.size());
        row.put("Containers", containers);
        row.put("Labels", image.config().labels());
        row.put("Names", image.names());
        row.put("History", String.join(", ", image.namesHistory()));
        row.put("RepoTags", repoTags(image));
        row.put("RepoDigests", repoDigests(image));
        row.put("Dangling", image.dangling());
        row.put("ReadOnly", false);
        row.put("IsReadOnly", false);
        return row;
    }

    /** The rows of {@code podman images}: one per name (one for an image without names). */
    static List<Map<String, Object>> listRows(List<Image> images, boolean noTrunc, Map<String, Integer> containers) {
        Instant now = Instant.now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Image i : images) {
            int n = containers.getOrDefault(i.id(), 0);
            if (i.names().isEmpty()) {
                rows.add(listRow(i, null, noTrunc, n, now));
            }
            for (String name : i.names()) {
                rows.add(listRow(i, name, noTrunc, n, now));
            }
        }
        return rows;
    }

    /** One element of {@code podman images --format json}. */
    static Map<String, Object> jsonRow(Image image, int containers) {
        Instant created = image.created().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Id", image.id());
        row.put("ParentId", "");
        row.put("RepoTags", null); // podman leaves RepoTags out of its JSON list; Names has them
        row.put("RepoDigests", repoDigests(image));
        row.put("Size", image.size());
        row.put("SharedSize", 0);
        row.put("VirtualSize", image.size());
        row.put("Labels", image.config().labels().isEmpty() ? null : image.config().labels());
        row.put("Containers", containers);
        row.put("Names", image.names().isEmpty() ? null : image.names());
        row.put("Digest", image.digest());
        row.put("History", image.namesHistory().isEmpty() ? null : image.namesHistory());
        row.put("Created", created.getEpochSecond());
        row.put("CreatedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(created.atZone(ZoneId.systemDefault())));
        return row;
    }

    /** {@code repository@digest} for each repository the image has a name in, sorted. */
    static List<String> repoDigests(Image image) {
        TreeSet<String> out = new TreeSet<>();
        for (String name : image.names()) {
            out.add(ImageReference.parse(name).name() + "@" + image.digest());
        }
        return new ArrayList<>(out);
    }

    /**
     * One element of {@code podman image inspect}. {@code layerDirs} are the image's layer
     * directories, top first; {@code manifestType} its manifest's media type.
     */
    static Map<String, Object> inspect(Image image, List<Path> layerDirs, String manifestType) {
        ImageConfig c = image.config();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Id", image.id());
        o.put("Digest", image.digest());
        o.put("RepoTags", repoTags(image));
        o.put("RepoDigests", repoDigests(image));
        o.put("Parent", "");
        o.put("Comment", c.comment() == null ? "" : c.comment());
        o.put("Created", ImageConfig.rfc3339(image.created()));
        o.put("Config", runConfig(c));
        o.put("Version", "");
        o.put("Author", c.author() == null ? "" : c.author());
        o.put("Architecture", c.architecture() == null ? "" : c.architecture());
        o.put("Os", c.os() == null ? "" : c.os());
        o.put("Size", image.size());
        o.put("VirtualSize", image.size());
        Map<String, Object> data = new LinkedHashMap<>();
        if (layerDirs.size() > 1) {
            data.put("LowerDir", String.join(":", layerDirs.subList(1, layerDirs.size()).stream().map(Path::toString).toList()));
        }
        if (!layerDirs.isEmpty()) {
            data.put("UpperDir", layerDirs.get(0).toString());
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("Name", "overlay");
        driver.put("Data", data);
        o.put("GraphDriver", driver);
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("Type", "layers");
        rootfs.put("Layers", image.layers());
        o.put("RootFS", rootfs);
        o.put("Labels", c.labels().isEmpty() ? null : c.labels());
        o.put("Annotations", Map.of());
        o.put("ManifestType", manifestType);
        o.put("User", c.user() == null ? "" : c.user());
        List<Map<String, Object>> history = new ArrayList<>();
        for (ImageConfig.History h : c.history()) {
            Map<String, Object> e = new LinkedHashMap<>();
            if (h.created() != null) {
                e.put("created", ImageConfig.rfc3339(h.created()));
            }
            putIfSet(e, "created_by", h.createdBy());
            putIfSet(e, "author", h.author());
            putIfSet(e, "comment", h.comment());
            if (h.emptyLayer()) {
                e.put("empty_layer", true);
            }
            history.add(e);
        }
        o.put("History", history);
        o.put("NamesHistory", image.namesHistory());
        return o;
    }

    /** The run configuration as podman's inspect shows it: only what is set. */
    private static Map<String, Object> runConfig(ImageConfig c) {
        Map<String, Object> o = new LinkedHashMap<>();
        putIfSet(o, "User", c.user());
        if (!c.exposedPorts().isEmpty()) {
            Map<String, Object> ports = new LinkedHashMap<>();
            c.exposedPorts().forEach(p -> ports.put(p, Map.of()));
            o.put("ExposedPorts", ports);
        }
        if (!c.env().isEmpty()) {
            o.put("Env", c.env());
        }
        if (c.entrypoint() != null) {
            o.put("Entrypoint", c.entrypoint());
        }
        if (c.cmd() != null) {
            o.put("Cmd", c.cmd());
        }
        putIfSet(o, "WorkingDir", c.workingDir());
        if (!c.labels().isEmpty()) {
            o.put("Labels", c.labels());
        }
        putIfSet(o, "StopSignal", c.stopSignal());
        return o;
    }

    private static void putIfSet(Map<String, Object> o, String key, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(key, value);
        }
    }

    /** The names that are tags (a pull by digest names the image {@code repo@digest}, which is no tag). */
    private static List<String> repoTags(Image image) {
        return image.names().stream().filter(n -> !n.contains("@")).toList();
    }
}
